/**
 * The t and normal distributions, from jStat. Why jStat: it is a small, dependency-free, long-lived
 * library whose t CDF/quantile and normal CDF/quantile are the standard numerical recipes (regularised
 * incomplete beta, erfc); writing our own special functions would be code nobody reviews.
 *
 * Accuracy (checked against scipy in test/core/stats): the normal CDF agrees to ~1e-15; jStat's
 * incomplete beta stops its continued fraction at a 3e-7 step tolerance, so t CDFs and quantiles agree
 * with scipy to about 1e-7 relative — orders of magnitude below the 2–3 digits a p-value or a CI is
 * reported with.
 */
import { jStat } from "jstat";

/** Quantile of Student's t with `df` degrees of freedom (scipy.stats.t.ppf). */
export function tQuantile(p: number, df: number): number {
  if (!(df > 0) || !(p > 0 && p < 1)) return Number.NaN;
  return jStat.studentt.inv(p, df);
}

/** Two-sided p-value of a t statistic: P(|T| ≥ |t|). */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  // P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2): the tail itself, without the cancellation of
  // jStat.studentt.cdf's (t + √(t²+df)) for large negative t, so tiny p keep their relative precision.
  return Math.min(1, jStat.ibeta(df / (df + t * t), df / 2, 0.5));
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return jStat.normal.cdf(z, 0, 1);
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}
