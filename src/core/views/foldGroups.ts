/**
 * The Experiments tree under cross-validation: a strategy's joined runs grouped by held-out fold, with the
 * fold row's text. Pure (from the one join, src/core/runs/experimentRuns.ts); the extension only places it.
 */
import type { ExperimentRun } from "../runs/experimentRuns";

export interface FoldGroup {
  fold: number;
  folds: number;
  runs: ExperimentRun[];
}

/** The runs grouped by fold in fold order; empty when no run has a fold (no cross-validation). */
export function groupByFold(runs: readonly ExperimentRun[]): FoldGroup[] {
  const groups = new Map<number, FoldGroup>();
  for (const r of runs) {
    if (r.fold === undefined) continue;
    const g = groups.get(r.fold) ?? { fold: r.fold, folds: r.folds ?? 0, runs: [] };
    g.runs.push(r);
    groups.set(r.fold, g);
  }
  const out = [...groups.values()].sort((a, b) => a.fold - b.fold);
  for (const g of out) g.folds = Math.max(g.folds, out.length);
  return out;
}

/** The tree's text for a fold row: valid results of its runs, and what it is scored on. */
export function foldDescription(g: FoldGroup): string {
  return `${g.runs.filter((r) => r.accuracy).length}/${g.runs.length} · scored on held-out fold ${g.fold}`;
}
