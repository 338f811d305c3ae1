/**
 * Cross-validation: fold assignment, the plan (fold × strategy × model × seed runs, each evaluated only on
 * its held-out fold), the bundle's held-out flag, and the fold column pooled per seed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { whichOptionQuestions, toCsv } from "../../../src/core/demo/whichOption";
import { assignFolds, splitFold } from "../../../src/core/runs/folds";
import { poolFoldResults } from "../../../src/core/runs/foldResults";
import { planExperiment } from "../../../src/core/runs/plan";
import { writeBundle } from "../../../src/core/runs/writeBundle";
import { parseRunSpec } from "../../../src/core/runs/bundle";
import { loadConfig } from "../../../src/language/load";
import { DataError } from "../../../src/core/errors";
import { MT19937 } from "../../../src/core/ordering/mt19937";
import type { RunResult } from "../../../src/core/stats/types";

const items = (n: number, categories: string[]) => Array.from({ length: n }, (_, i) => ({ id: `q${i}`, category: categories[(i * 7) % categories.length]! }));

test("folds: sizes within one, the same for the same seed, other folds for another seed", () => {
  const qs = items(874, ["ID", "PD", "GS"]);
  const f = assignFolds(qs, { folds: 4, seed: 0, stratify: "none" });
  const sizes = [0, 1, 2, 3].map((k) => f.filter((x) => x === k).length);
  assert.deepEqual(sizes, [219, 219, 218, 218]);
  assert.deepEqual(assignFolds(qs, { folds: 4, seed: 0, stratify: "none" }), f);
  assert.notDeepEqual(assignFolds(qs, { folds: 4, seed: 1, stratify: "none" }), f);
  // The documented numpy recipe: permutation(n) dealt round-robin.
  const perm = MT19937.fromSeed(0).permutation(874);
  for (let p = 0; p < 874; p++) assert.equal(f[perm[p]!], p % 4);
});

test("stratified folds hold every category within one of its share; unstratified need not", () => {
  const qs = [...items(60, ["A"]), ...items(30, ["B"]).map((q) => ({ ...q, id: `b${q.id}` })), ...items(7, ["C"]).map((q) => ({ ...q, id: `c${q.id}` }))];
  const f = assignFolds(qs, { folds: 4, seed: 3, stratify: "category" });
  for (const c of ["A", "B", "C"]) {
    const counts = [0, 1, 2, 3].map((k) => qs.filter((q, i) => q.category === c && f[i] === k).length);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `${c}: ${counts}`);
  }
  const total = [0, 1, 2, 3].map((k) => f.filter((x) => x === k).length);
  assert.ok(Math.max(...total) - Math.min(...total) <= 1, String(total));
  assert.throws(() => assignFolds([{ id: "x" }, { id: "y", category: "A" }], { folds: 2, seed: 0, stratify: "category" }), (e: unknown) => e instanceof DataError && /question x has no category/.test(e.message));
  assert.throws(() => assignFolds(items(3, ["A"]), { folds: 4, seed: 0, stratify: "none" }), /4 folds need at least 4 training questions/);
  const { train, heldOut } = splitFold(["a", "b", "c", "d"], Int32Array.from([1, 0, 1, 0]), 1);
  assert.deepEqual([train, heldOut], [["b", "d"], ["a", "c"]]);
});

function workspace(experiment: string): string {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-folds-"));
  writeFileSync(join(dir, "lek.csv"), toCsv(whichOptionQuestions({ count: 42, seed: 5, prefix: "lek", optionCounts: [2, 3, 4] })));
  writeFileSync(join(dir, "medqa.csv"), toCsv(whichOptionQuestions({ count: 10, seed: 6, prefix: "mq", optionCounts: [4] })));
  const file = join(dir, "cv.syllabus");
  writeFileSync(
    file,
    `dataset lek {
  format = csv
  train = "lek.csv"
  columns { id = "id"  question = "question"  answer = "answer" }
  category = column("category")
  difficulty = column("difficulty")
}
dataset medqa {
  format = csv
  test = "medqa.csv"
  columns { id = "id"  question = "question"  answer = "answer" }
}
model tiny { preset = tiny-random-llama }
${experiment}
`,
  );
  return file;
}

const CV = `experiment lek_cv {
  train_on = lek
  evaluate = [lek]
  cross_validation { folds = 4  seed = 7  stratify = category }
  models = [tiny, study.tinyllama]
  strategies = [random, curriculum, interleaved]
  seeds = [1, 2]
}`;

test("a 4-fold plan: fold × strategy × model × seed runs, each evaluated only on its held-out fold", async () => {
  const file = workspace(CV);
  const { config, warnings } = loadConfig(file);
  assert.deepEqual(warnings, []);
  const plan = await planExperiment(config, "lek_cv");
  assert.equal(plan.runs.length, 4 * 3 * 2 * 2);
  assert.deepEqual(plan.foldSizes, [11, 11, 10, 10]);
  assert.equal(new Set(plan.runs.map((r) => r.runId)).size, plan.runs.length, "every fold run is its own run");
  const heldOutByFold = new Map<number, string[]>();
  for (const run of plan.runs) {
    assert.ok(run.fold);
    assert.equal(run.evalSets.length, 1);
    assert.equal(run.evalSets[0]!.name, "lek");
    const evalIds = new Set(run.evalSets[0]!.jsonl.trim().split("\n").map((l) => JSON.parse(l).id as string));
    const trainIds = run.trainJsonl.trim().split("\n").map((l) => JSON.parse(l).id as string);
    for (const id of trainIds) assert.ok(!evalIds.has(id), `fold ${run.fold.index}: ${id} is trained on and evaluated`);
    assert.equal(trainIds.length + evalIds.size, 42, "train + held-out = the whole set");
    heldOutByFold.set(run.fold.index, [...evalIds].sort());
    assert.deepEqual(run.spec.eval, [{ name: "lek", file: "eval/lek.jsonl", heldOut: true }]);
    assert.equal(run.spec.display.fold, run.fold.index);
  }
  const union = [...heldOutByFold.values()].flat();
  assert.equal(union.length, 42);
  assert.equal(new Set(union).size, 42, "the held-out folds partition the training set");

  // The bundle written to disk carries the held-out flag the trainer enforces.
  const dir = mkdtempSync(join(tmpdir(), "syllabus-folds-bundle-"));
  const runDir = writeBundle(dir, plan.runs[0]!);
  const spec = parseRunSpec(readFileSync(join(runDir, "run.json"), "utf8"));
  assert.equal(spec.eval[0]!.heldOut, true);
});

test("the fold column: a seed's folds pool into one result (correct over all held-out questions); a missing fold leaves no result", async () => {
  const file = workspace(CV);
  const plan = await planExperiment(loadConfig(file).config, "lek_cv");
  const results: RunResult[] = [];
  const correctOf = (fold: number, seed: number, strategy: string) => (fold * 3 + seed + strategy.length) % 10; // any, deterministic
  for (const run of plan.runs) {
    const n = run.evalSets[0]!.questions.length;
    const c = correctOf(run.fold!.index, run.seed, run.strategy);
    results.push({ experiment: run.experiment, model: run.model, strategy: run.strategy, seed: run.seed, evalSet: "lek", accuracy: c / n, n, runId: run.runId });
  }
  const pooled = poolFoldResults(plan, results);
  assert.equal(pooled.length, 3 * 2 * 2, "one per strategy × model × seed");
  for (const r of pooled) {
    assert.equal(r.n, 42);
    assert.equal(r.runId, undefined, "a pooled result is several runs");
    const correct = [1, 2, 3, 4].reduce((a, f) => a + correctOf(f, r.seed, r.strategy), 0);
    assert.equal(r.accuracy, correct / 42);
    // = the fold-size-weighted mean of the fold accuracies
    const sizes = plan.foldSizes!;
    const weighted = [1, 2, 3, 4].reduce((a, f) => a + (correctOf(f, r.seed, r.strategy) / sizes[f - 1]!) * sizes[f - 1]!, 0) / 42;
    assert.ok(Math.abs(r.accuracy - weighted) < 1e-12);
  }
  const dropped = results.filter((r) => !(r.seed === 2 && r.strategy === "curriculum" && r.model === "tiny" && plan.runs.find((x) => x.runId === r.runId)!.fold!.index === 3));
  const partial = poolFoldResults(plan, dropped);
  assert.equal(partial.length, 11);
  assert.ok(!partial.some((r) => r.seed === 2 && r.strategy === "curriculum" && r.model === "tiny"));
});

test("syllabus plan lists the folds", () => {
  const file = workspace(CV);
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "plan", file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.match(lines[0]!, /^experiment lek_cv: 48 runs \(4 folds × 3 strategies × 2 models × 2 seeds\), 42 training questions, host local$/);
  assert.match(lines[1]!, /^cross-validation: 4 folds \(seed 7, stratified by category\), held out 11 \/ 11 \/ 10 \/ 10/);
  assert.equal(lines.filter((l) => /^ {2}[0-9a-f]{20} {2}fold [1-4]\/4 /.test(l)).length, 48);
  const json = JSON.parse(spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "plan", file, "--json"], { encoding: "utf8" }).stdout);
  assert.deepEqual(json.crossValidation, { folds: 4, seed: 7, stratify: "category", heldOut: [11, 11, 10, 10] });
  assert.deepEqual([...new Set(json.runs.map((x: { fold: number }) => x.fold))], [1, 2, 3, 4]);
});
