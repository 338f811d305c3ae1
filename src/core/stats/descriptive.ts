/** Mean, sample standard deviation and the t-based 95% confidence interval of a mean. */
import { tQuantile } from "./distributions";

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (denominator n − 1, as numpy's ddof=1); NaN for fewer than 2 values. */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return Number.NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/** 95% CI of the mean: mean ± t(0.975, n−1)·sd/√n. NaN bounds when n < 2 (no spread to estimate). */
export function meanCi95(xs: readonly number[]): [number, number] {
  const n = xs.length;
  const m = mean(xs);
  if (n < 2) return [Number.NaN, Number.NaN];
  const half = tQuantile(0.975, n - 1) * (sampleSd(xs) / Math.sqrt(n));
  return [m - half, m + half];
}
