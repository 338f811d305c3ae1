/**
 * Wilcoxon signed-rank test, two-sided, reproducing scipy.stats.wilcoxon's defaults (scipy 1.17:
 * zero_method="wilcox", correction=False, method="auto"):
 *  - zero differences are dropped before ranking; tied |differences| get average ranks;
 *  - n ≤ 50 pairs with no zeros and no ties → exact null distribution of R+;
 *  - n ≤ 13 pairs with zeros or ties → exact permutation test over all 2^n sign flips (scipy's
 *    PermutationMethod, which is deterministic at this size);
 *  - otherwise → normal approximation with the tie correction of the variance and NO continuity
 *    correction.
 * n counts the pairs given, zeros included, as scipy's switch does.
 */
import type { WilcoxonTest } from "./types";
import { normalTwoSidedP } from "./distributions";

interface Ranked {
  /** Signed differences without zeros. */
  nonZero: number[];
  /** Average rank of |d| for each entry of nonZero. */
  ranks: number[];
  hasTies: boolean;
  /** Σ (t³ − t) over tie groups. */
  tieTerm: number;
}

function rankAbs(d: readonly number[]): Ranked {
  const nonZero = d.filter((x) => x !== 0);
  const order = nonZero.map((_, i) => i).sort((i, j) => Math.abs(nonZero[i]!) - Math.abs(nonZero[j]!) || i - j);
  const ranks = new Array<number>(nonZero.length).fill(0);
  let hasTies = false;
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    const v = Math.abs(nonZero[order[start]!]!);
    while (end < order.length && Math.abs(nonZero[order[end]!]!) === v) end++;
    const size = end - start;
    if (size > 1) hasTies = true;
    tieTerm += size ** 3 - size;
    const avg = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = avg;
    start = end;
  }
  return { nonZero, ranks, hasTies, tieTerm };
}

/** P(R+ = k) for k = 0..n(n+1)/2 under H0, no ties: counts of subsets of {1..n} with sum k, / 2^n. */
function exactPmf(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  let counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let r = 1; r <= n; r++) {
    const next = counts.slice();
    for (let k = r; k <= max; k++) next[k]! += counts[k - r]!;
    counts = next;
  }
  const total = 2 ** n;
  return counts.map((c) => c / total);
}

function exactP(rPlus: number, n: number): number {
  const pmf = exactPmf(n);
  const mid = (n * (n + 1)) / 4;
  const sum = (from: number, to: number) => {
    let s = 0;
    for (let k = Math.max(0, from); k <= Math.min(pmf.length - 1, to); k++) s += pmf[k]!;
    return s;
  };
  // As scipy's WilcoxonDistribution: sum the short side and complement the long one.
  const cdf = (k: number) => (k <= mid ? sum(0, k) : 1 - sum(k + 1, pmf.length - 1));
  const sf = (k: number) => (k <= mid ? sum(k, pmf.length - 1) : 1 - sum(0, k - 1));
  const p = 2 * Math.min(sf(Math.floor(rPlus)), cdf(Math.ceil(rPlus)));
  return Math.min(1, Math.max(0, p));
}

/** scipy.stats.permutation_test on R+ with every sign flip enumerated (exact for n ≤ 13). */
function permutationP(ranked: Ranked, observed: number, n: number): number {
  // Zeros flip to themselves and add nothing to R+, but they still double the count of outcomes.
  const ranks = ranked.ranks;
  const gamma = Math.abs(observed * 2.220446049250313e-16 * 100);
  let less = 0;
  let greater = 0;
  const m = ranks.length;
  for (let mask = 0; mask < 1 << m; mask++) {
    let s = 0;
    for (let i = 0; i < m; i++) if (mask & (1 << i)) s += ranks[i]!;
    if (s <= observed + gamma) less++;
    if (s >= observed - gamma) greater++;
  }
  const total = 1 << m;
  void n; // 2^n outcomes = 2^m distinct sign patterns × 2^(n−m) identical zero flips: the ratio is the same.
  return Math.min(1, 2 * Math.min(less / total, greater / total));
}

export function wilcoxonSignedRank(a: readonly number[], b: readonly number[], pairedBy: string): WilcoxonTest {
  if (a.length !== b.length) throw new Error(`Wilcoxon test needs pairs: ${a.length} vs ${b.length} values (${pairedBy})`);
  const n = a.length;
  const d = a.map((x, i) => x - b[i]!);
  const ranked = rankAbs(d);
  const count = ranked.nonZero.length;
  let rPlus = 0;
  let rMinus = 0;
  ranked.nonZero.forEach((x, i) => (x > 0 ? (rPlus += ranked.ranks[i]!) : (rMinus += ranked.ranks[i]!)));
  const statistic = Math.min(rPlus, rMinus);
  const zeros = n - count;
  const base = { test: "Wilcoxon signed-rank" as const, pairedBy, n, nonZero: count, statistic };
  if (n === 0) return { ...base, p: Number.NaN, method: "exact" };
  if (n <= 50 && !ranked.hasTies && zeros === 0) return { ...base, p: exactP(rPlus, count), method: "exact" };
  if (n <= 13) return { ...base, p: permutationP(ranked, rPlus, n), method: "exact permutation" };
  const mn = (count * (count + 1)) / 4;
  const se = Math.sqrt((count * (count + 1) * (2 * count + 1) - ranked.tieTerm / 2) / 24);
  const z = (rPlus - mn) / se;
  return { ...base, p: normalTwoSidedP(z), method: "normal approximation" };
}
