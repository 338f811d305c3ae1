/**
 * Percentile bootstrap over SEEDS and QUESTIONS. The data are one or more cells (an eval set scored by
 * the runs of one model), each a seeds × questions matrix of per-question values: 1/0 correctness for an
 * accuracy, or −1/0/+1 for the paired difference of two strategies on the same seed and question.
 *
 * One resample draws, for every GROUP of cells, k seeds with replacement — cells of one group share that
 * draw, because the eval sets of one model are scored by the same trained adapters and are not independent
 * — and, for every cell, its questions with replacement (the same question draw for every drawn seed: the
 * seeds answered the same questions). The statistic is the mean over cells of each cell's drawn-block mean.
 * It resamples both sources of variation a reader generalises over (another training seed, another sample
 * of questions), and its percentiles stay inside the data's range (an accuracy inside [0, 100]). With one
 * seed it is the ordinary bootstrap over questions. Seeded (xoshiro128**), so a report is reproducible.
 */
import { seededRandom } from "./rng";
import { quantileSorted } from "./bootstrap";

export interface ResampleOptions {
  resamples?: number;
  seed?: number;
}

export const DEFAULT_RESAMPLES = 10_000;

export interface BootstrapCell {
  /** Cells with the same group share the seed draw; rows are indexed by the group's seeds in one order. */
  group: string;
  /** rows[s][q]: value of question q under the group's seed s; every row has the cell's question count. */
  rows: readonly ArrayLike<number>[];
}

export interface SeedQuestionBootstrap {
  /** Mean over cells of each cell's mean. */
  estimate: number;
  /** Seeds of the smallest group and questions of the smallest cell (one cell: its own). */
  seeds: number;
  questions: number;
  resamples: number;
  seed: number;
  /** Sorted resampled statistics. */
  draws: Float64Array;
}

export function seedQuestionBootstrap(cells: readonly BootstrapCell[], options: ResampleOptions = {}): SeedQuestionBootstrap {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? 0;
  const groups = [...new Set(cells.map((c) => c.group))];
  const seedsOf = new Map<string, number>();
  for (const c of cells) {
    const k = c.rows.length;
    const n = k ? c.rows[0]!.length : 0;
    if (c.rows.some((r) => r.length !== n)) throw new Error("bootstrap: every seed of a cell must have the same questions");
    if ((seedsOf.get(c.group) ?? k) !== k) throw new Error(`bootstrap: cells of group ${c.group} have different numbers of seeds`);
    seedsOf.set(c.group, k);
  }
  const usable = cells.length > 0 && cells.every((c) => c.rows.length > 0 && c.rows[0]!.length > 0);
  const cellMean = (c: BootstrapCell) => {
    let t = 0;
    for (const r of c.rows) for (let q = 0; q < r.length; q++) t += r[q]!;
    return t / (c.rows.length * c.rows[0]!.length);
  };
  const estimate = usable ? cells.reduce((s, c) => s + cellMean(c), 0) / cells.length : Number.NaN;
  const draws = new Float64Array(usable ? resamples : 0);
  if (usable) {
    const random = seededRandom(seed);
    const weights = new Map(groups.map((g) => [g, new Float64Array(seedsOf.get(g)!)]));
    const columns = cells.map((c) => new Float64Array(c.rows[0]!.length));
    for (let b = 0; b < resamples; b++) {
      for (const w of weights.values()) {
        w.fill(0);
        for (let i = 0; i < w.length; i++) w[Math.floor(random() * w.length)]! += 1;
      }
      let stat = 0;
      cells.forEach((c, ci) => {
        const w = weights.get(c.group)!;
        const column = columns[ci]!;
        const n = column.length;
        column.fill(0);
        for (let s = 0; s < w.length; s++) {
          const ws = w[s]!;
          if (ws === 0) continue;
          const r = c.rows[s]!;
          for (let q = 0; q < n; q++) column[q]! += ws * r[q]!;
        }
        let sum = 0;
        for (let i = 0; i < n; i++) sum += column[Math.floor(random() * n)]!;
        stat += sum / (w.length * n);
      });
      draws[b] = stat / cells.length;
    }
    draws.sort();
  }
  return {
    estimate,
    seeds: usable ? Math.min(...seedsOf.values()) : 0,
    questions: usable ? Math.min(...cells.map((c) => c.rows[0]!.length)) : 0,
    resamples,
    seed,
    draws,
  };
}

/** One cell, one group: the common case. */
export function twoStageBootstrap(rows: readonly ArrayLike<number>[], options: ResampleOptions = {}): SeedQuestionBootstrap {
  return seedQuestionBootstrap([{ group: "", rows }], options);
}

/** Percentile interval of the draws (95% by default). */
export function percentileInterval(b: SeedQuestionBootstrap, level = 0.95): [number, number] {
  return percentilesOf(b.draws, level);
}

/** Percentile interval of sorted draws. */
export function percentilesOf(sorted: Float64Array, level = 0.95): [number, number] {
  if (sorted.length === 0) return [Number.NaN, Number.NaN];
  return [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, 1 - (1 - level) / 2)];
}

/**
 * Two-sided bootstrap p-value of "statistic = 0": twice the smaller count of draws on either side of 0,
 * +1 so a finite number of resamples never claims p = 0: p = min(1, 2·(min(#≤0, #≥0) + 1)/(R + 1)); the
 * smallest reachable p is 2/(R + 1). It is (to that +1) the smallest α whose percentile interval excludes 0.
 */
export function bootstrapPValue(b: SeedQuestionBootstrap): number {
  return bootstrapPOf(b.draws);
}

export function bootstrapPOf(draws: Float64Array): number {
  const r = draws.length;
  if (r === 0) return Number.NaN;
  let below = 0;
  let above = 0;
  for (let i = 0; i < r; i++) {
    if (draws[i]! <= 0) below++;
    if (draws[i]! >= 0) above++;
  }
  return Math.min(1, (2 * (Math.min(below, above) + 1)) / (r + 1));
}
