/** Aggregation over seeds: one CellStats per (experiment, model, eval set, strategy). */
import type { CellKey, CellStats, RunResult } from "./types";
import { mean, meanCi95, sampleSd } from "./descriptive";

export function cellId(k: CellKey): string {
  return [k.experiment, k.model, k.evalSet, k.strategy].join("\u0000");
}

/** Results must already be validated (validateResults): duplicates per seed are rejected there. */
export function aggregateResults(results: readonly RunResult[]): CellStats[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    const id = cellId(r);
    const g = groups.get(id);
    if (g) g.push(r);
    else groups.set(id, [r]);
  }
  const cells: CellStats[] = [];
  for (const runs of groups.values()) {
    const sorted = [...runs].sort((a, b) => a.seed - b.seed);
    const accuracies = sorted.map((r) => r.accuracy);
    const ns = sorted.map((r) => r.n);
    const first = sorted[0]!;
    cells.push({
      experiment: first.experiment,
      model: first.model,
      evalSet: first.evalSet,
      strategy: first.strategy,
      runs: sorted.length,
      seeds: sorted.map((r) => r.seed),
      accuracies,
      mean: mean(accuracies),
      sd: sampleSd(accuracies),
      ci95: meanCi95(accuracies),
      n: Math.max(...ns),
      nVaries: ns.some((n) => n !== ns[0]),
    });
  }
  return cells;
}
