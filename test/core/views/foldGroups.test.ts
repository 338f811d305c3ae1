/**
 * Cross-validation through the one join: each planned fold run carries its fold, the Experiments tree groups a
 * strategy's runs by fold (pure grouping in src/core/views/foldGroups.ts), and the tree's "best" pools a seed's
 * folds exactly as the statistics do (planResults) — never a mean of single folds, never a partial pool.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { experimentRuns, PlanCache } from "../../../src/core/runs/experimentRuns";
import { planResults } from "../../../src/core/runs/results";
import { foldDescription, groupByFold } from "../../../src/core/views/foldGroups";
import { categoriesPayload } from "../../../src/core/views/panelData";
import { summarizeRuns } from "../../../src/core/views/progress";
import { loadConfig } from "../../../src/language/load";
import { recordRun, sharedWorkspace, SHARED_SYLLABUS, resultJson } from "./fixtures";

const CV = `${SHARED_SYLLABUS}
experiment cv {
  train_on   = which_option
  evaluate   = [which_option]
  cross_validation { folds = 3  seed = 0  stratify = none }
  models     = [smollm2]
  strategies = [random, curriculum]
  curriculum = buckets { easy = 0.45  medium = 0.7 }
  seeds      = [1, 2]
  host       = local
}
`;

test("fold runs: joined by id with their fold, grouped by fold in the tree, pooled per seed for 'best'", async () => {
  const { file, store } = sharedWorkspace();
  writeFileSync(file, CV);
  const loaded = loadConfig(file);
  assert.ok(loaded.config, JSON.stringify(loaded));
  const plan = await new PlanCache().get(loaded.config, "cv");
  const run = (strategy: string, seed: number, fold: number) => plan.runs.find((r) => r.strategy === strategy && r.seed === seed && r.fold?.index === fold)!;
  const size = (fold: number) => plan.foldSizes![fold - 1]!;
  // Display labels deliberately say fold 9: the join reads the fold from the plan, by run id.
  // Predictions: every other held-out question right (so per-category counts are known exactly).
  const rightIds = new Set<string>();
  const record = (strategy: string, seed: number, fold: number, correct: number) => {
    const planned = run(strategy, seed, fold);
    const id = planned.runId;
    recordRun(store, id, { experiment: "cv", strategy, model: "smollm2", seed, fold: 9, folds: 3 }, "succeeded");
    store.writeResult(id, resultJson(id, correct / size(fold), { n: size(fold) }));
    const lines = planned.evalSets[0]!.questions.map((q, i) => {
      if (i % 2 === 0) rightIds.add(q.id);
      return JSON.stringify({ id: q.id, gold: "A", predicted: i % 2 === 0 ? "A" : "B", logprobs: { A: -1, B: -2 } });
    });
    store.writePredictions(id, "which_option", lines.join("\n") + "\n");
  };
  record("random", 1, 1, 5);
  record("random", 1, 2, 2);

  const runs = experimentRuns(plan, store);
  assert.equal(runs.length, 3 * 2 * 2);
  const r11 = runs.find((r) => r.runId === run("random", 1, 1).runId)!;
  assert.deepEqual([r11.fold, r11.folds, r11.state], [1, 3, "succeeded"]);

  const random = runs.filter((r) => r.strategy === "random");
  const groups = groupByFold(random);
  assert.deepEqual(groups.map((g) => [g.fold, g.folds, g.runs.map((r) => r.seed)]), [[1, 3, [1, 2]], [2, 3, [1, 2]], [3, 3, [1, 2]]]);
  assert.equal(foldDescription(groups[0]!), "1/2 · scored on held-out fold 1");
  assert.equal(foldDescription(groups[2]!), "0/2 · scored on held-out fold 3");
  assert.deepEqual(groupByFold(runs.map(({ fold: _f, folds: _k, ...r }) => r)), [], "no folds, no fold rows");

  // Two of three folds: no pooled result yet, so no "best" from single folds.
  assert.equal(summarizeRuns(runs).best, undefined);
  assert.equal(planResults(plan, store).results.length, 0);
  assert.deepEqual(categoriesPayload(plan, store).strategies, [], "no per-category accuracy from part of the folds");

  record("random", 1, 3, 4);
  const all = experimentRuns(plan, store);
  const best = summarizeRuns(all).best!;
  const pooled = planResults(plan, store).results;
  assert.equal(pooled.length, 1);
  assert.equal(pooled[0]!.n, 40, "every training question scored once");
  assert.equal(pooled[0]!.accuracy, (5 + 2 + 4) / 40);
  assert.deepEqual([best.strategy, best.accuracy, best.runs], ["random", pooled[0]!.accuracy, 1], "the tree's best is the statistics' pooled number");

  // Per category, the same pooling: all 40 training questions, each scored once by the fold that held it out.
  const cats = categoriesPayload(plan, store);
  const all40 = plan.runs.filter((r) => r.strategy === "random" && r.seed === 1).flatMap((r) => r.evalSets[0]!.questions);
  assert.deepEqual(cats.categories, [...new Set(all40.map((q) => q.category ?? "(none)"))].sort(), "categories of every fold, not fold 1's alone");
  assert.equal(cats.strategies.length, 1);
  const random1 = cats.strategies[0]!;
  cats.categories.forEach((c, i) => {
    const inCat = all40.filter((q) => (q.category ?? "(none)") === c);
    assert.equal(random1.n[i], inCat.length, c);
    assert.equal(random1.accuracy[i], inCat.filter((q) => rightIds.has(q.id)).length / inCat.length, c);
  });
});
