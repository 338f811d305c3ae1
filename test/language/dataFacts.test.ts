/**
 * Data-aware checks on real files: bucket sizes of `curriculum = buckets { … }` (the study's human
 * thresholds on LLM-like difficulties split 874 questions 44 / 119 / 711) and strategies that give the same
 * training order (every question in one bucket makes `curriculum` the same runs as `random`).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { analyze } from "../../src/language/analyze";
import { computeDataFacts, dataDiagnostics } from "../../src/language/dataFacts";
import { planExperiment } from "../../src/core/runs/plan";

const root = path.resolve(__dirname, "../..");
const TSX = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;

/** 874 questions in 4 categories: 44 at d ≤ 0.06, 119 in (0.06, 0.15], 711 above (Yang et al. 2024, §2.5 thresholds on LLM difficulty). */
function craftedCsv(): string {
  const rows = ["id,question,A,B,C,D,answer,category,difficulty"];
  for (let i = 0; i < 874; i++) {
    const d = i < 44 ? 0.01 + (i / 44) * 0.05 : i < 163 ? 0.0601 + ((i - 44) / 119) * 0.089 : 0.16 + ((i - 163) / 711) * 0.8;
    rows.push(`q${i},Question ${i}?,a,b,c,d,${"ABCD"[i % 4]},${["ID", "PD", "GS", "OB"][(i * 7) % 4]},${d.toFixed(5)}`);
  }
  return rows.join("\n") + "\n";
}

function workspace(curriculum: string, strategies = "[random, blocked, curriculum, blocked_curriculum, interleaved_curriculum]"): string {
  const dir = mkdtempSync(path.join(tmpdir(), "syllabus-datafacts-"));
  writeFileSync(path.join(dir, "train.csv"), craftedCsv());
  writeFileSync(path.join(dir, "test.csv"), craftedCsv());
  const file = path.join(dir, "exp.syllabus");
  writeFileSync(
    file,
    `dataset lek {
  format = csv
  train = "train.csv"
  test = "test.csv"
  columns { id = "id"  question = "question"  answer = "answer" }
  category = column("category")
  difficulty = column("difficulty")
}

experiment e {
  train_on = lek
  evaluate = [lek]
  models = [study.tinyllama]
  strategies = ${strategies}
  curriculum = ${curriculum}
  seeds = [1, 2]
}
`,
  );
  return file;
}

async function check(file: string) {
  const { readFileSync } = await import("node:fs");
  const analysis = analyze(readFileSync(file, "utf8"), file);
  assert.ok(analysis.config, JSON.stringify(analysis.diagnostics));
  const facts = await computeDataFacts(analysis.config);
  return { facts, diagnostics: dataDiagnostics(analysis, facts), text: readFileSync(file, "utf8") };
}

test("the study's human thresholds on a 44/119/711 split: a lopsided-bucket warning naming every bucket's size", async () => {
  const file = workspace("buckets { easy = 0.06  medium = 0.15 }");
  const { facts, diagnostics, text } = await check(file);
  assert.deepEqual(facts.get("e")!.buckets, { easy: 44, medium: 119, hard: 711, total: 874, missing: 0 });
  const w = diagnostics.filter((d) => d.code === "lopsided-buckets");
  assert.equal(w.length, 1);
  assert.equal(w[0]!.severity, "warning");
  assert.match(w[0]!.message, /easy 44 \(5\.0%\) · medium 119 \(14%\) · hard 711 \(81%\) of 874 questions/);
  assert.match(w[0]!.message, /easy has under a tenth of the questions, hard has over two thirds/);
  assert.equal(text.slice(w[0]!.start, w[0]!.end), "buckets { easy = 0.06  medium = 0.15 }");
  assert.equal(diagnostics.filter((d) => d.code === "same-order").length, 0, "the split is lopsided but the orders still differ");
});

test("thirds are not lopsided: no warning", async () => {
  const { diagnostics, facts } = await check(workspace("buckets { easy = 0.2  medium = 0.6 }"));
  const b = facts.get("e")!.buckets!;
  assert.ok(b.easy > 87 && b.medium > 87 && b.hard < 583, JSON.stringify(b));
  assert.deepEqual(diagnostics, []);
});

test("every question in one bucket: curriculum trains random's order, and the warning says so on the strategy", async () => {
  const file = workspace("buckets { easy = 0.001  medium = 0.002 }");
  const { diagnostics, text, facts } = await check(file);
  assert.equal(facts.get("e")!.buckets!.hard, 874);
  const lop = diagnostics.find((d) => d.code === "lopsided-buckets")!;
  assert.match(lop.message, /easy is empty, medium is empty, hard has over two thirds/);
  const same = diagnostics.filter((d) => d.code === "same-order");
  const curriculumVsRandom = same.find((d) => /`random` and `curriculum`/.test(d.message));
  assert.ok(curriculumVsRandom, JSON.stringify(same.map((d) => d.message)));
  assert.match(curriculumVsRandom.message, /for every seed \(every question falls in one bucket\): identical run ids/);
  assert.equal(text.slice(curriculumVsRandom.start, curriculumVsRandom.end), "curriculum");
  // blocked, blocked_curriculum and interleaved_curriculum collapse onto one another too.
  assert.ok(same.some((d) => /`blocked` and `blocked_curriculum` and `interleaved_curriculum`/.test(d.message)), JSON.stringify(same.map((d) => d.message)));

  // The claim is about run ids: the plan really gives the two strategies the same ids.
  const { readFileSync } = await import("node:fs");
  const config = analyze(readFileSync(file, "utf8"), file).config!;
  const plan = await planExperiment(config, "e");
  for (const seed of [1, 2]) {
    const id = (s: string) => plan.runs.find((r) => r.strategy === s && r.seed === seed)!.runId;
    assert.equal(id("curriculum"), id("random"));
    assert.notEqual(id("blocked"), id("random"));
  }
});

test("syllabus check prints both warnings and exits 0", () => {
  const file = workspace("buckets { easy = 0.001  medium = 0.002 }", "[random, curriculum]");
  const r = spawnSync(process.execPath, ["--import", TSX, path.join(root, "src/cli/main.ts"), "check", file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /exp\.syllabus:15:16: warning: lopsided curriculum buckets: easy 0 \(0%\) · medium 0 \(0%\) · hard 874 \(100%\)/);
  assert.match(r.stdout, /exp\.syllabus:14:25: warning: `random` and `curriculum` give the same training order for every seed/);
});

test("a training file that cannot be read is one warning, not a crash", async () => {
  const file = workspace("strict");
  writeFileSync(path.join(path.dirname(file), "train.csv"), "id,question\nq1,only a question\n");
  const { diagnostics } = await check(file);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.code, "data");
  assert.match(diagnostics[0]!.message, /could not read the training data/);
});

test("language server: the data warning arrives after the first publication; hover and inlay hint show the bucket sizes", async () => {
  const { startHarness, posOf } = await import("./lspHarness");
  const { readFileSync } = await import("node:fs");
  const file = workspace("buckets { easy = 0.06  medium = 0.15 }");
  const text = readFileSync(file, "utf8");
  const h = await startHarness();
  try {
    type Published = { diagnostics: { message: string; code?: string | number }[] };
    const published: Published[] = [];
    const second = new Promise<void>((resolve) => {
      // Replaces the harness's listener: this test reads every publication itself.
      h.client.onNotification("textDocument/publishDiagnostics", (p: Published) => {
        if (published.push(p) === 2) resolve();
      });
    });
    h.client.sendNotification("textDocument/didOpen", { textDocument: { uri: h.uri(file), languageId: "syllabus", version: 1, text } });
    await second;
    const [first, withData] = published as [Published, Published];
    assert.deepEqual(first.diagnostics, [], "the syntax/schema pass has nothing to say");
    assert.equal(withData.diagnostics.length, 1);
    assert.equal(withData.diagnostics[0]!.code, "lopsided-buckets");
    const uri = h.uri(file);
    const hover = (await h.client.sendRequest("textDocument/hover", { textDocument: { uri }, position: posOf(text, "buckets", 2) })) as { contents: { value: string } };
    assert.match(hover.contents.value, /\*\*Training data:\*\* easy 44 \(5\.0%\) · medium 119 \(14%\) · hard 711 \(81%\) of 874 questions — lopsided/);
    const hints = (await h.client.sendRequest("textDocument/inlayHint", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } },
    })) as { label: string; position: { line: number; character: number } }[];
    assert.equal(hints.length, 1);
    assert.equal(hints[0]!.label, "44 / 119 / 711");
    assert.deepEqual(hints[0]!.position, posOf(text, "buckets { easy = 0.06  medium = 0.15 }", "buckets { easy = 0.06  medium = 0.15 }".length));
  } finally {
    h.close();
  }
});
