import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { syllabus } from "./run-cli";
import { syntheticGrid } from "../fixtures/syntheticGrid";

const dir = mkdtempSync(join(tmpdir(), "syllabus-cli-report-"));

test("syllabus report --results FILE --out DIR writes the report, tables and runs.csv", () => {
  const g = syntheticGrid({ models: ["tinyllama", "mistral-7b"], steps: 10 });
  const file = join(dir, "results.json");
  writeFileSync(file, JSON.stringify({ results: g.results, events: g.events }));
  const out = join(dir, "out");
  const r = syllabus("report", "--results", file, "--out", out, "--title", "LEK → MedQA", "--no-png");
  assert.equal(r.status, 0, r.stderr);
  // The claim line carries its test and p (results only, 6 cells: the paired t over cell means).
  assert.match(r.stdout, /lek_to_medqa: 6 strategies × 2 models × 3 eval sets; .*p = \S+, paired t over \(model, eval set\) cell means \(Syllabus's choice of pairing/);
  for (const f of ["report.html", "runs.csv", "stats.json", "tables/lek-to-medqa.md", "tables/lek-to-medqa.tex", "tables/lek-to-medqa.csv"]) assert.ok(existsSync(join(out, f)), f);
  assert.match(readFileSync(join(out, "report.html"), "utf8"), /<title>LEK → MedQA<\/title>/);
});

test("a percentage accuracy is reported with file, line, field and the fix (exit 1)", () => {
  const g = syntheticGrid({ models: ["tinyllama"], evalSets: ["medqa"], strategies: ["random"] });
  g.results[3]!.accuracy = 41.2;
  const file = join(dir, "bad.json");
  writeFileSync(file, JSON.stringify(g.results, null, 2));
  const r = syllabus("report", "--results", file, "--out", join(dir, "bad-out"), "--no-png");
  assert.equal(r.status, 1);
  // 1 line for "[", then 10 lines per record: results[3] starts on line 32.
  assert.match(r.stderr, /bad\.json:32: \[results\[3\]\.accuracy\] accuracy 41\.2 is outside 0\.\.1\. Fix: it looks like a percentage: give 0\.412/);
  assert.ok(!existsSync(join(dir, "bad-out")), "nothing written for bad input");
});

test("usage mistakes exit 2; an unknown baseline names the strategies present", () => {
  assert.equal(syllabus("report", "--out", dir).status, 2);
  const g = syntheticGrid({ models: ["tinyllama"], evalSets: ["medqa"], strategies: ["random", "curriculum"] });
  const file = join(dir, "ok.json");
  writeFileSync(file, JSON.stringify(g.results));
  const r = syllabus("report", "--results", file, "--out", join(dir, "o"), "--no-png", "--baseline", "randm");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /the baseline strategy 'randm' has no results \(strategies: random, curriculum\)\. Fix: did you mean 'random'\?/);
  const bad = join(dir, "broken.json");
  writeFileSync(bad, '[\n {"experiment": "x",\n  "model": }\n]');
  const b = syllabus("report", "--results", bad, "--out", join(dir, "o2"), "--no-png");
  assert.equal(b.status, 1);
  assert.match(b.stderr, /broken\.json:3: not valid JSON/);
});

test("PNGs wanted but no Chromium: a clear error with the fix, and nothing half-written", () => {
  const g = syntheticGrid({ models: ["tinyllama"], evalSets: ["medqa"], strategies: ["random", "curriculum"] });
  const file = join(dir, "nochrome.json");
  writeFileSync(file, JSON.stringify(g.results));
  const out = join(dir, "nochrome-out");
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "report", "--results", file, "--out", out], { encoding: "utf8", env: { ...process.env, SYLLABUS_CHROMIUM: "/nonexistent/chromium" } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Chromium not found at \/nonexistent\/chromium\. Fix: apt-get install chromium, set SYLLABUS_CHROMIUM .* or skip PNGs \(--no-png\)/);
  assert.ok(!existsSync(out));
});

test("--results with per-question predictions: the tie reads 'no winner' and every degenerate run is counted; bad predictions name line and field", async () => {
  const { demoTie } = await import("../fixtures/craftedRuns");
  const { results, predictions } = demoTie();
  const file = join(dir, "with-predictions.json");
  writeFileSync(file, JSON.stringify({ results, predictions }, null, 1));
  const r = syllabus("report", "--results", file, "--out", join(dir, "tie"), "--no-png");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /demo: 4 strategies × 1 models × 1 eval sets; no winner: Random Shuffle, Blocked, Interleaved, Blocked Curriculum tied at 27\.08%/);
  assert.match(r.stdout, /12 of 12 runs flagged \(at chance or one letter ≥ 90%\)/);
  const bad = structuredClone(predictions);
  (bad[2]!.predictions[5] as { gold: string }).gold = "Z";
  const badFile = join(dir, "bad-predictions.json");
  writeFileSync(badFile, JSON.stringify({ results, predictions: bad }, null, 1));
  const b = syllabus("report", "--results", badFile, "--out", join(dir, "bad-pred"), "--no-png");
  assert.equal(b.status, 1);
  // The line is where predictions[2] starts: after the results and two prediction sets of 96 questions each.
  const at = Number(/bad-predictions\.json:(\d+):/.exec(b.stderr)?.[1]);
  const lines = readFileSync(badFile, "utf8").split("\n");
  assert.match(lines[at - 1]!, /^\s*\{$/);
  assert.match(lines.slice(at, at + 4).join(" "), /"experiment": "demo".*"strategy": "random".*/);
  assert.match(b.stderr, /bad-predictions\.json:\d+: \[predictions\[2\]\.predictions\[5\]\.gold\] 'gold' must be a letter A–E \(got "Z"\)\. Fix: give the correct option letter/);
});
