/**
 * Paired bootstrap CI of the accuracy difference between two runs on the same questions: resample
 * QUESTIONS with replacement (both runs keep their answer to each drawn question, which is what makes
 * it paired) and take the 2.5th/97.5th percentiles of accuracy(B) − accuracy(A). Seeded, so a report
 * is reproducible.
 */
import type { BootstrapCI } from "./types";
import type { AlignedOutcomes } from "./predictions";
import { seededRandom } from "./rng";

/** Linear-interpolated quantile of sorted values (numpy's default "linear" method). */
export function quantileSorted(sorted: Float64Array | readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function pairedBootstrapCI(outcomes: AlignedOutcomes, pairedBy: string, options: { resamples?: number; seed?: number } = {}): BootstrapCI {
  const resamples = options.resamples ?? 10_000;
  const seed = options.seed ?? 0;
  const n = outcomes.ids.length;
  // Per-question difference in {−1, 0, 1}: a resample's accuracy difference is their mean.
  const delta = new Int8Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    delta[i] = outcomes.correctB[i]! - outcomes.correctA[i]!;
    total += delta[i]!;
  }
  const random = seededRandom(seed);
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += delta[Math.floor(random() * n)]!;
    diffs[r] = s / n;
  }
  diffs.sort();
  return {
    method: "paired bootstrap (percentile)",
    pairedBy,
    n,
    resamples,
    seed,
    difference: n ? total / n : Number.NaN,
    ci95: n ? [quantileSorted(diffs, 0.025), quantileSorted(diffs, 0.975)] : [Number.NaN, Number.NaN],
  };
}
