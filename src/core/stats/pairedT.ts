/** Paired t-test (scipy.stats.ttest_rel, two-sided) with the CI of the mean difference. */
import type { PairedTTest } from "./types";
import { mean, sampleSd } from "./descriptive";
import { tQuantile, tTwoSidedP } from "./distributions";

/**
 * Tests whether mean(b − a) = 0. `a` and `b` are aligned pairs. Equal to scipy wherever the differences
 * vary. Where they do not (two seeds with the same gain, often at n = 2), scipy reports t = ±∞ and p = 0 —
 * or, through float noise, p ≈ 1e-16 — which would turn two identical numbers into a "significant" claim;
 * here such a test is not testable (t and p NaN), and the claim code says so.
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
  else if (sd <= 1e-12 * Math.max(1, Math.abs(md))) t = Number.NaN; // no variance across pairs
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
    p: Number.isNaN(t) ? Number.NaN : tTwoSidedP(t, df),
  };
}
