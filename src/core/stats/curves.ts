/**
 * Learning curves: the loss per optimizer step of every training run, summarised per (experiment,
 * model, strategy) as mean ± sd over seeds at each step. A step logged by only some seeds is kept,
 * with the count of seeds behind it; a step logged twice by one run is an error (a resumed run that
 * re-logged it), not averaged away.
 */
import type { LossEvent } from "./types";
import { DataError, type DataIssue } from "../errors";

export interface CurveSummary {
  experiment: string;
  model: string;
  strategy: string;
  seeds: number[];
  steps: number[];
  mean: number[];
  /** Sample sd over the seeds at that step; 0 where one seed logged it. */
  sd: number[];
  /** Seeds behind each step. */
  count: number[];
}

export function summarizeCurves(events: readonly LossEvent[], file = "events"): CurveSummary[] {
  const runs = new Map<string, { key: LossEvent; seeds: Map<number, LossEvent[]> }>();
  for (const e of events) {
    const id = `${e.experiment}\u0000${e.model}\u0000${e.strategy}`;
    let g = runs.get(id);
    if (!g) runs.set(id, (g = { key: e, seeds: new Map() }));
    let s = g.seeds.get(e.seed);
    if (!s) g.seeds.set(e.seed, (s = []));
    s.push(e);
  }
  const issues: DataIssue[] = [];
  const out: CurveSummary[] = [];
  for (const { key, seeds } of runs.values()) {
    const acc = new Map<number, { n: number; mean: number; m2: number }>();
    for (const [seed, points] of seeds) {
      let sorted = true;
      for (let i = 1; i < points.length; i++) if (points[i]!.step <= points[i - 1]!.step) sorted = false;
      if (!sorted) points.sort((a, b) => a.step - b.step);
      for (let i = 0; i < points.length; i++) {
        const p = points[i]!;
        if (i > 0 && p.step === points[i - 1]!.step) {
          issues.push({ file, line: 0, field: "step", message: `step ${p.step} of ${key.strategy} / ${key.model} seed ${seed} is logged twice`, fix: "keep one loss per step (a resumed run must not re-log steps)" });
          continue;
        }
        // Welford: one pass, numerically stable.
        let a = acc.get(p.step);
        if (!a) acc.set(p.step, (a = { n: 0, mean: 0, m2: 0 }));
        a.n++;
        const d = p.loss - a.mean;
        a.mean += d / a.n;
        a.m2 += d * (p.loss - a.mean);
      }
    }
    const steps = [...acc.keys()].sort((a, b) => a - b);
    out.push({
      experiment: key.experiment,
      model: key.model,
      strategy: key.strategy,
      seeds: [...seeds.keys()].sort((a, b) => a - b),
      steps,
      mean: steps.map((s) => acc.get(s)!.mean),
      sd: steps.map((s) => {
        const a = acc.get(s)!;
        return a.n > 1 ? Math.sqrt(a.m2 / (a.n - 1)) : 0;
      }),
      count: steps.map((s) => acc.get(s)!.n),
    });
  }
  if (issues.length) throw new DataError(issues);
  return out;
}
