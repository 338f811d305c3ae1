import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_CHANCE, DEMO_EXPERIMENT, writeDemoWorkspace } from "../../src/core/demo/workspace";
import { formatDemoSummary, summarizeDemo, type DemoRun } from "../../src/core/demo/summary";
import { whichOptionQuestions } from "../../src/core/demo/whichOption";
import { binomialTwoSidedHalf, holmAdjust } from "../../src/core/stats/index";
import { loadConfig } from "../../src/language/load";
import { planExperiment } from "../../src/core/runs/plan";

const questions = whichOptionQuestions({ count: 40, seed: 3, prefix: "q", optionCounts: [4] });
/** A run right on the first `k` questions (and on those of `extra` categories), wrong elsewhere. */
function run(strategy: string, seed: number, k: number, extra: string[] = []): DemoRun {
  return {
    strategy,
    seed,
    predictions: questions.map((q, i) => {
      const right = i < k || extra.includes(q.category!);
      return { id: q.id, gold: q.answer, predicted: right ? q.answer : q.answer === "A" ? "B" : "A" };
    }),
  };
}

test("demo summary: best vs chance, McNemar on the same seed's runs with Holm over the family, per-category accuracy", () => {
  const runs = [run("random", 1, 10), run("random", 2, 12), run("curriculum", 1, 38), run("curriculum", 2, 36), run("blocked", 1, 11), run("blocked", 2, 12, ["tools"])];
  const s = summarizeDemo(runs, questions, { chance: 0.25, baseline: "random" });
  assert.deepEqual(s.strategies.map((x) => x.strategy), ["random", "blocked", "curriculum"]);
  assert.deepEqual(s.highest.strategies, ["curriculum"]);
  assert.equal(s.highest.mean, (38 + 36) / 80);
  assert.equal(s.highest.timesChance, (74 / 80) / 0.25);
  // curriculum seed 1 vs random seed 1: right only by curriculum on questions 10..37 (28), never the reverse.
  const c1 = s.tests.find((t) => t.strategy === "curriculum" && t.seed === 1)!;
  assert.equal(c1.onlyStrategy, 28);
  assert.equal(c1.onlyBaseline, 0);
  assert.equal(c1.p, binomialTwoSidedHalf(28, 28));
  assert.equal(s.tests.length, 4); // 2 strategies × 2 seeds, each against random of the same seed
  assert.deepEqual(s.tests.map((t) => t.holmP), holmAdjust(s.tests.map((t) => t.p)));
  const tools = questions.filter((q, i) => i >= 12 && q.category === "tools").length;
  const b2 = s.tests.find((t) => t.strategy === "blocked" && t.seed === 2)!;
  assert.deepEqual([b2.onlyStrategy, b2.onlyBaseline], [tools, 0]);
  const b1 = s.tests.find((t) => t.strategy === "blocked" && t.seed === 1)!;
  assert.deepEqual([b1.onlyStrategy, b1.onlyBaseline, b1.p], [1, 0, 1]);
  assert.deepEqual(s.significant.map((t) => `${t.strategy}/${t.seed}`), ["blocked/2", "curriculum/1", "curriculum/2"]);
  // blocked seed 2 is right on every "tools" question: the per-category table shows where its gain comes from.
  const blocked = s.byCategory.get("blocked")!;
  assert.ok(blocked.get("tools")! > blocked.get("animals")!);
  const text = formatDemoSummary(s, questions.length).join("\n");
  assert.match(text, /Highest mean: curriculum at 92\.5% = 3\.7× chance \(the tests below/);
  assert.doesNotMatch(text, /Best/);
  assert.match(text, /exact McNemar/);
  assert.match(text, /3 of 4 differences significant after Holm/);
});

test("demo summary with no run better than the baseline says so", () => {
  const s = summarizeDemo([run("random", 1, 10), run("curriculum", 1, 11)], questions, { chance: DEMO_CHANCE, baseline: "random" });
  assert.equal(s.significant.length, 0);
  assert.match(formatDemoSummary(s, 40).join("\n"), /No significant difference after Holm/);
});

test("the demo workspace checks clean and plans 12 runs of the real model with LoRA on its top 20 layers", async () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-demo-"));
  const file = writeDemoWorkspace(dir);
  const { config } = loadConfig(file);
  const plan = await planExperiment(config, DEMO_EXPERIMENT);
  assert.equal(plan.runs.length, 12);
  const m = config.models.smollm2!;
  assert.equal(m.hf, "smollm2-135m");
  assert.equal(m.lora.topLayers, 20);
  assert.equal(m.quantize, "none");
  const test = readFileSync(join(dir, "data", "test.csv"), "utf8").trim().split("\n");
  assert.equal(test.length, 81); // 80 questions + header
  assert.equal(readFileSync(join(dir, "data", "train.csv"), "utf8").trim().split("\n").length, 161);
  assert.ok(test.slice(1).every((l) => !l.includes(",,")), "every test question has 4 options");
});

test("the report shows the demo's summary lines first, escaped", async () => {
  const { buildReportHtml } = await import("../../src/core/report/html");
  const html = buildReportHtml({ title: "t", baseline: "random", generatedAt: "now", runs: 0, experiments: [], preamble: ["Best: x <script>alert(1)</script>", "line 2"] });
  assert.match(html, /<pre class="preamble">Best: x &lt;script&gt;alert\(1\)&lt;\/script&gt;\nline 2<\/pre>/);
  assert.doesNotMatch(buildReportHtml({ title: "t", baseline: "random", generatedAt: "now", runs: 0, experiments: [] }), /class="preamble"/);
});

test("demo summary: strategies tied at the highest mean are all named, none called best", () => {
  const s = summarizeDemo([run("random", 1, 10), run("curriculum", 1, 30), run("blocked", 1, 30)], questions, { chance: DEMO_CHANCE, baseline: "random" });
  assert.deepEqual([...s.highest.strategies].sort(), ["blocked", "curriculum"]);
  assert.match(formatDemoSummary(s, 40).join("\n"), /Highest mean: (blocked and curriculum|curriculum and blocked) at 75\.0%/);
});
