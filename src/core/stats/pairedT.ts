/** Paired t-test (scipy.stats.ttest_rel, two-sided) with the CI of the mean difference. */
import type { PairedTTest } from "./types";
import { mean, sampleSd } from "./descriptive";
import { tQuantile, tTwoSidedP } from "./distributions";

/**
 * Tests whether mean(b − a) = 0. `a` and `b` are aligned pairs. Like scipy: constant non-zero
 * differences give t = ±∞ and p = 0; all-zero differences give NaN (nothing to test).
 */
export function pairedTTest(a: readonly number[], b: readonly number[], pairedBy: string): PairedTTest {
  if (a.length !== b.length) throw new Error(`paired t-test needs pairs: ${a.length} vs ${b.length} values (${pairedBy})`);
  const d = a.map((x, i) => b[i]! - x);
  const n = d.length;
  const md = mean(d);
  const sd = sampleSd(d);
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  let t: number;
  if (n < 2) t = Number.NaN;
  else if (se === 0) t = md === 0 ? Number.NaN : md > 0 ? Infinity : -Infinity;
  else t = md / se;
  const half = n >= 2 ? tQuantile(0.975, df) * se : Number.NaN;
  return {
    test: "paired t",
    pairedBy,
    n,
    meanDifference: md,
    sdDifference: sd,
    ci95: [md - half, md + half],
    t,
    df,
    p: n >= 2 ? tTwoSidedP(t, df) : Number.NaN,
  };
}
