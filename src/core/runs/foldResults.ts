/**
 * The cross-validation column: a seed's k fold runs (each scored on its own held-out fold) become ONE
 * result for that seed, pooled over the folds — correct answers over all held-out questions, so every
 * training question is scored exactly once, by the model that never saw it. This is the fold-size-weighted
 * mean of the fold accuracies (the plain mean when folds are equal, as 874 / 4 nearly is); the study
 * reports one LEK number per strategy and model from its 4 folds (Yang et al. 2024, §3). Pooling per seed
 * keeps seeds as the unit every later statistic (mean, CI, paired tests over seeds) works on.
 * A seed with any fold still missing has NO pooled result: a partial pool would be a different test set.
 */
import type { RunResult } from "../stats/types";
import type { Plan } from "./plan";

/** Pool fold runs given k and each run id's fold (runs without a fold pass through unchanged). */
export function poolByFold(k: number | undefined, foldOf: ReadonlyMap<string, number | undefined>, results: readonly RunResult[]): RunResult[] {
  if (!k) return [...results];
  const out: RunResult[] = [];
  const groups = new Map<string, { base: RunResult; folds: Set<number>; correct: number; n: number }>();
  for (const r of results) {
    const fold = r.runId === undefined ? undefined : foldOf.get(r.runId);
    if (fold === undefined) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.experiment, r.model, r.strategy, r.seed, r.evalSet]);
    const g = groups.get(key) ?? { base: r, folds: new Set<number>(), correct: 0, n: 0 };
    g.folds.add(fold);
    g.correct += Math.round(r.accuracy * r.n);
    g.n += r.n;
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    if (g.folds.size !== k) continue;
    const { runId: _several, ...labels } = g.base;
    void _several;
    out.push({ ...labels, accuracy: g.n ? g.correct / g.n : Number.NaN, n: g.n });
  }
  return out;
}

/** A plan's results with its fold runs pooled per seed. */
export function poolFoldResults(plan: Plan, results: readonly RunResult[]): RunResult[] {
  return poolByFold(plan.experiment.crossValidation?.folds, new Map(plan.runs.map((r) => [r.runId, r.fold?.index])), results);
}
