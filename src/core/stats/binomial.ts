/**
 * Exact two-sided binomial test for any null proportion, as scipy.stats.binomtest(k, n, p) (its default
 * two-sided rule: the p-value sums the probabilities of every outcome no more likely than the one
 * observed, with scipy's relative tolerance 1e-7 for "equally likely"). Terms are evaluated in log space
 * with jStat's log-gamma, so n in the thousands (an eval set) stays exact to float precision.
 * Why not reuse mcnemar.ts: that one is specialised to p = ½ (symmetric tails); chance is ¼ or ⅕.
 */
import { jStat } from "jstat";

function logPmf(i: number, n: number, p: number): number {
  if (p === 0) return i === 0 ? 0 : -Infinity;
  if (p === 1) return i === n ? 0 : -Infinity;
  return jStat.loggam(n + 1) - jStat.loggam(i + 1) - jStat.loggam(n - i + 1) + i * Math.log(p) + (n - i) * Math.log1p(-p);
}

/** Two-sided exact binomial p-value of k successes in n trials under success probability p. */
export function binomialTestTwoSided(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n || !(p >= 0 && p <= 1)) return Number.NaN;
  if (n === 0) return 1;
  if (k === p * n) return 1;
  const observed = logPmf(k, n, p);
  const threshold = observed + Math.log1p(1e-7);
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const l = logPmf(i, n, p);
    if (l <= threshold) total += Math.exp(l);
  }
  return Math.min(1, total);
}
