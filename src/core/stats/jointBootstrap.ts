/**
 * The seeds × questions bootstrap of resample.ts, run ONCE for a whole experiment so that every figure —
 * each cell's accuracy interval, each category's, each strategy-vs-baseline gain per cell and over the
 * experiment, the runner-up comparison — is read off the same resamples (a joint bootstrap: each figure's
 * own distribution is the one its separate bootstrap would give; they are merely computed together, which
 * makes a full study grid — 6 strategies × 5 seeds × 6 cells of 1,273 questions, 10,000 resamples — take
 * seconds instead of minutes).
 *
 * One resample: for every model, k seeds drawn with replacement from the model's seeds (shared by all its
 * eval sets: one adapter per seed scores them all); for every (model, eval set), N questions drawn with
 * replacement (shared by all strategies and seeds of that cell: they answered the same questions). Each
 * (strategy, seed) row's correct count under the drawn questions is stored; a figure is then
 *   Σ_s w_s · count(strategy, s) / (N · Σ_s w_s)   over the figure's seeds s
 * (for a gain, the difference of two strategies' counts over their common seeds). When a strategy lacks
 * some of the model's seeds, its seeds take their share of the model's seed draw (resamples that draw none
 * of them are left out, and the count of resamples used is reported).
 */
import { seededRandom } from "./rng";

export interface JointCell {
  model: string;
  evalSet: string;
  /** Questions of the cell. */
  n: number;
  strategies: string[];
  /** correct[strategy][seed] = 0/1 per question, questions in one order for all. */
  correct: Map<string, Map<number, Uint8Array>>;
  /** Category index per question (0..categoryCount−1); all 0 without categories. */
  category: Int32Array;
  categoryCount: number;
}

interface CellDraws {
  cell: JointCell;
  /** Seeds of the cell's model (the columns of its seed weights). */
  seeds: number[];
  /** Column of (strategy, seed) in `counts`: strategyIndex · k + seedIndex. */
  m: number;
  /** counts[r·m + j] = correct answers of row j among the drawn questions (with multiplicity). */
  counts: Float64Array;
  /** categoryCounts[(r·C + c)·m + j]: the same within category c (only when categoryCount > 1). */
  categoryCounts?: Float64Array;
  /** Questions per category, and the drawn questions per category per resample (r·C + c). */
  categorySize: number[];
  categoryDrawn?: Float64Array;
}

export interface JointDraws {
  resamples: number;
  seed: number;
  /** Seed weights per model: weights[r·k + i] = times seed i was drawn in resample r. */
  weights: Map<string, { seeds: number[]; w: Float64Array }>;
  cells: CellDraws[];
}

export function runJointBootstrap(cells: readonly JointCell[], options: { resamples?: number; seed?: number } = {}): JointDraws {
  const R = options.resamples ?? 10_000;
  const seed = options.seed ?? 0;
  const random = seededRandom(seed);
  const models = [...new Set(cells.map((c) => c.model))];
  const weights = new Map<string, { seeds: number[]; w: Float64Array }>();
  for (const model of models) {
    const seeds = [...new Set(cells.filter((c) => c.model === model).flatMap((c) => [...c.correct.values()].flatMap((m) => [...m.keys()])))].sort((a, b) => a - b);
    weights.set(model, { seeds, w: new Float64Array(R * seeds.length) });
  }
  const draws: CellDraws[] = cells.map((cell) => {
    const seeds = weights.get(cell.model)!.seeds;
    const m = cell.strategies.length * seeds.length;
    const C = cell.categoryCount;
    const categorySize = new Array<number>(C).fill(0);
    for (let q = 0; q < cell.n; q++) categorySize[cell.category[q]!]!++;
    return {
      cell, seeds, m, counts: new Float64Array(R * m), categorySize,
      ...(C > 1 ? { categoryCounts: new Float64Array(R * C * m), categoryDrawn: new Float64Array(R * C) } : {}),
    };
  });
  // Question-major 0/1 matrix per cell: x[q·m + j], so one drawn question adds to every row in one pass.
  const matrices = draws.map((d) => {
    const x = new Uint8Array(d.cell.n * d.m);
    d.cell.strategies.forEach((s, si) => {
      const bySeed = d.cell.correct.get(s)!;
      d.seeds.forEach((seedValue, ki) => {
        const row = bySeed.get(seedValue);
        if (!row) return;
        const j = si * d.seeds.length + ki;
        for (let q = 0; q < d.cell.n; q++) x[q * d.m + j] = row[q]!;
      });
    });
    return x;
  });
  const counts = draws.map((d) => new Int32Array(d.cell.n));
  const acc = draws.map((d) => new Float64Array(d.cell.categoryCount * d.m));
  for (let r = 0; r < R; r++) {
    for (const { seeds, w } of weights.values()) {
      const k = seeds.length;
      for (let i = 0; i < k; i++) w[r * k + Math.floor(random() * k)]! += 1;
    }
    draws.forEach((d, ci) => {
      const n = d.cell.n;
      const m = d.m;
      const cnt = counts[ci]!;
      cnt.fill(0);
      for (let i = 0; i < n; i++) cnt[Math.floor(random() * n)]! += 1;
      const a = acc[ci]!;
      a.fill(0);
      const x = matrices[ci]!;
      const cat = d.cell.category;
      for (let q = 0; q < n; q++) {
        const c = cnt[q]!;
        if (c === 0) continue;
        const base = cat[q]! * m;
        const row = q * m;
        for (let j = 0; j < m; j++) if (x[row + j]) a[base + j]! += c;
        if (d.categoryDrawn) d.categoryDrawn[r * d.cell.categoryCount + cat[q]!]! += c;
      }
      const C = d.cell.categoryCount;
      for (let j = 0; j < m; j++) {
        let t = 0;
        for (let c = 0; c < C; c++) t += a[c * m + j]!;
        d.counts[r * m + j] = t;
      }
      if (d.categoryCounts) d.categoryCounts.set(a, r * C * m);
    });
  }
  return { resamples: R, seed, weights, cells: draws };
}

/** One figure's resampled values: Σ_s w_s·(Σ_t coef_t·count_t,s) / (N_drawn·Σ_s w_s) over `seeds`; sorted, NaN-free. */
function figureDraws(joint: JointDraws, d: CellDraws, terms: { strategy: string; coef: number }[], seeds: readonly number[], category?: number): Float64Array {
  const R = joint.resamples;
  const { w } = joint.weights.get(d.cell.model)!;
  const k = d.seeds.length;
  const idx = seeds.map((s) => d.seeds.indexOf(s));
  const cols = terms.map((t) => ({ coef: t.coef, base: d.cell.strategies.indexOf(t.strategy) * k }));
  const C = d.cell.categoryCount;
  const out = new Float64Array(R);
  let used = 0;
  for (let r = 0; r < R; r++) {
    let num = 0;
    let den = 0;
    for (const i of idx) {
      const wi = w[r * k + i]!;
      if (wi === 0) continue;
      den += wi;
      for (const { coef, base } of cols) {
        const j = base + i;
        num += wi * coef * (category === undefined ? d.counts[r * d.m + j]! : d.categoryCounts![(r * C + category) * d.m + j]!);
      }
    }
    const drawnQuestions = category === undefined ? d.cell.n : d.categoryDrawn![r * C + category]!;
    if (den === 0 || drawnQuestions === 0) continue;
    out[used++] = num / (den * drawnQuestions);
  }
  return out.subarray(0, used).sort();
}

function cellOf(joint: JointDraws, model: string, evalSet: string): CellDraws | undefined {
  return joint.cells.find((d) => d.cell.model === model && d.cell.evalSet === evalSet);
}

/** Accuracy draws of a strategy in a cell (optionally within one category). */
export function accuracyDraws(joint: JointDraws, model: string, evalSet: string, strategy: string, category?: number): Float64Array {
  const d = cellOf(joint, model, evalSet)!;
  const seeds = [...d.cell.correct.get(strategy)!.keys()];
  return figureDraws(joint, d, [{ strategy, coef: 1 }], seeds, category);
}

/** Draws of accuracy(a) − accuracy(b) over their common seeds, averaged over the given cells (each resampled as above). */
export function gainDraws(joint: JointDraws, cells: readonly { model: string; evalSet: string; seeds: readonly number[] }[], a: string, b: string): Float64Array {
  if (cells.length === 1) {
    const c = cells[0]!;
    return figureDraws(joint, cellOf(joint, c.model, c.evalSet)!, [{ strategy: a, coef: 1 }, { strategy: b, coef: -1 }], c.seeds);
  }
  // Mean over cells per resample: computed unsorted per cell, then averaged index by index.
  const R = joint.resamples;
  const sum = new Float64Array(R);
  const valid = new Uint8Array(R).fill(1);
  for (const c of cells) {
    const d = cellOf(joint, c.model, c.evalSet)!;
    const { w } = joint.weights.get(d.cell.model)!;
    const k = d.seeds.length;
    const idx = c.seeds.map((s) => d.seeds.indexOf(s));
    const ja = d.cell.strategies.indexOf(a) * k;
    const jb = d.cell.strategies.indexOf(b) * k;
    for (let r = 0; r < R; r++) {
      let num = 0;
      let den = 0;
      for (const i of idx) {
        const wi = w[r * k + i]!;
        den += wi;
        num += wi * (d.counts[r * d.m + ja + i]! - d.counts[r * d.m + jb + i]!);
      }
      if (den === 0) valid[r] = 0;
      else sum[r]! += num / (den * d.cell.n);
    }
  }
  const out: number[] = [];
  for (let r = 0; r < R; r++) if (valid[r]) out.push(sum[r]! / cells.length);
  return Float64Array.from(out).sort();
}
