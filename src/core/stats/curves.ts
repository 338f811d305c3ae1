/**
 * Learning curves: the loss per optimizer step of every training run, summarised per (experiment,
 * model, strategy) as mean ± sd over seeds at each step. A step logged by only some seeds is kept,
 * with the count of seeds behind it; a step logged twice by one run is an error (a resumed run that
 * re-logged it), not averaged away.
 *
 * Built for 10⁵–10⁶ points: events of one run arrive together, so the group is looked up only when
 * the run changes, and seeds that logged the same steps (the usual case) are combined index by index.
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

interface SeedCurve {
  steps: number[];
  loss: number[];
}

interface Group {
  key: LossEvent;
  seeds: Map<number, SeedCurve>;
}

/** Sorts a seed's points by step (stable) when they were not logged in order. */
function sortByStep(c: SeedCurve): void {
  for (let i = 1; i < c.steps.length; i++) {
    if (c.steps[i]! < c.steps[i - 1]!) {
      const idx = c.steps.map((_, k) => k).sort((a, b) => c.steps[a]! - c.steps[b]! || a - b);
      c.steps = idx.map((k) => c.steps[k]!);
      c.loss = idx.map((k) => c.loss[k]!);
      return;
    }
  }
}

function sameSteps(curves: SeedCurve[]): boolean {
  const first = curves[0]!.steps;
  return curves.every((c) => c.steps.length === first.length && c.steps.every((s, i) => s === first[i]));
}

function summarizeGroup({ key, seeds }: Group, file: string, issues: DataIssue[]): CurveSummary {
  const curves = [...seeds.values()];
  for (const [seed, c] of seeds) {
    sortByStep(c);
    for (let i = 1; i < c.steps.length; i++)
      if (c.steps[i] === c.steps[i - 1])
        issues.push({ file, line: 0, field: "step", message: `step ${c.steps[i]} of ${key.strategy} / ${key.model} seed ${seed} is logged twice`, fix: "keep one loss per step (a resumed run must not re-log steps)" });
  }
  let steps: number[];
  let mean: number[];
  let sd: number[];
  let count: number[];
  if (sameSteps(curves)) {
    steps = curves[0]!.steps.slice();
    const k = curves.length;
    mean = new Array<number>(steps.length);
    sd = new Array<number>(steps.length);
    for (let i = 0; i < steps.length; i++) {
      let s = 0;
      for (const c of curves) s += c.loss[i]!;
      const m = s / k;
      let ss = 0;
      for (const c of curves) ss += (c.loss[i]! - m) * (c.loss[i]! - m);
      mean[i] = m;
      sd[i] = k > 1 ? Math.sqrt(ss / (k - 1)) : 0;
    }
    count = new Array<number>(steps.length).fill(k);
  } else {
    // Seeds logged different steps: Welford per step over a union of steps.
    const acc = new Map<number, { n: number; mean: number; m2: number }>();
    for (const c of curves) {
      for (let i = 0; i < c.steps.length; i++) {
        if (i > 0 && c.steps[i] === c.steps[i - 1]) continue; // reported above
        let a = acc.get(c.steps[i]!);
        if (!a) acc.set(c.steps[i]!, (a = { n: 0, mean: 0, m2: 0 }));
        a.n++;
        const d = c.loss[i]! - a.mean;
        a.mean += d / a.n;
        a.m2 += d * (c.loss[i]! - a.mean);
      }
    }
    steps = [...acc.keys()].sort((a, b) => a - b);
    mean = steps.map((s) => acc.get(s)!.mean);
    sd = steps.map((s) => {
      const a = acc.get(s)!;
      return a.n > 1 ? Math.sqrt(a.m2 / (a.n - 1)) : 0;
    });
    count = steps.map((s) => acc.get(s)!.n);
  }
  return { experiment: key.experiment, model: key.model, strategy: key.strategy, seeds: [...seeds.keys()].sort((a, b) => a - b), steps, mean, sd, count };
}

export function summarizeCurves(events: readonly LossEvent[], file = "events"): CurveSummary[] {
  const groups = new Map<string, Group>();
  let last: LossEvent | undefined;
  let current: SeedCurve | undefined;
  for (const e of events) {
    if (!last || e.seed !== last.seed || e.strategy !== last.strategy || e.model !== last.model || e.experiment !== last.experiment) {
      const id = `${e.experiment}\u0000${e.model}\u0000${e.strategy}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { key: e, seeds: new Map() }));
      current = g.seeds.get(e.seed);
      if (!current) g.seeds.set(e.seed, (current = { steps: [], loss: [] }));
      last = e;
    }
    current!.steps.push(e.step);
    current!.loss.push(e.loss);
  }
  const issues: DataIssue[] = [];
  const out = [...groups.values()].map((g) => summarizeGroup(g, file, issues));
  if (issues.length) throw new DataError(issues);
  return out;
}
