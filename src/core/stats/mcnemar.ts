/**
 * McNemar's exact test between two runs on the same questions: among the questions exactly one run
 * got right, is "only A right" as likely as "only B right"? Two-sided exact binomial test with p = ½,
 * identical to scipy.stats.binomtest(onlyA, onlyA + onlyB, 0.5). Computed in log space from exact
 * term ratios (no special function), so it stays exact for thousands of questions.
 */
import type { McNemarTest } from "./types";
import type { AlignedOutcomes } from "./predictions";

/** Two-sided exact binomial p-value for k successes out of n with p = ½. */
export function binomialTwoSidedHalf(k: number, n: number): number {
  if (n === 0) return 1;
  const lo = Math.min(k, n - k);
  if (2 * lo === n) return 1;
  // log C(n, j) by the ratio C(n, j+1)/C(n, j) = (n − j)/(j + 1); sum the lower tail with log-sum-exp.
  const logs: number[] = [];
  let logC = 0;
  for (let j = 0; j <= lo; j++) {
    logs.push(logC);
    logC += Math.log((n - j) / (j + 1));
  }
  const top = Math.max(...logs);
  let s = 0;
  for (const l of logs) s += Math.exp(l - top);
  const logTail = top + Math.log(s) - n * Math.LN2;
  return Math.min(1, 2 * Math.exp(logTail));
}

export function mcnemarExact(outcomes: AlignedOutcomes, pairedBy: string): McNemarTest {
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < outcomes.ids.length; i++) {
    if (outcomes.correctA[i] && !outcomes.correctB[i]) onlyA++;
    else if (!outcomes.correctA[i] && outcomes.correctB[i]) onlyB++;
  }
  return { test: "McNemar exact", pairedBy, n: outcomes.ids.length, onlyA, onlyB, p: binomialTwoSidedHalf(onlyA, onlyA + onlyB) };
}
