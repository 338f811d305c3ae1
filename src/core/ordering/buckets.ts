/**
 * Bucket diagnostics: how many questions an easy/medium/hard split puts in each bucket, whether the split
 * is lopsided, how many difficulties tie, and thresholds that give a target split. The study's human
 * thresholds (0.06 / 0.15) applied to its LLM difficulty put 44 / 119 / 711 of 874 questions in the three
 * buckets: 81 % "hard", so a bucketed curriculum is mostly a random shuffle of one bucket. These numbers let
 * the editor and `syllabus inspect` say so before anything trains.
 */
import { LEVELS, levelOf, type Level } from "./levels";
import type { Thresholds } from "./types";

export interface BucketSplit {
  easy: number;
  medium: number;
  hard: number;
  /** Questions with a difficulty (the three buckets together). */
  total: number;
  /** Questions without one (ordering rejects them; counted so nothing is silently dropped). */
  missing: number;
}

/**
 * The lopsided-split rule: a bucket is flagged when it is empty, holds under a tenth of the questions, or
 * over two thirds of them. A tenth: below it a bucket is a handful of steps of one epoch (the curriculum's
 * "easy start" is over before it matters). Two thirds: above it the other two buckets together hold less
 * than one third, so most of the run is a random shuffle of one bucket.
 */
export const LOPSIDED_RULE = { minShare: 0.1, maxShare: 2 / 3 } as const;

export interface BucketProblem {
  level: Level;
  count: number;
  share: number;
  why: "empty" | "small" | "large";
}

export function bucketSplit(difficulties: Iterable<number | undefined>, t: Thresholds): BucketSplit {
  const out: BucketSplit = { easy: 0, medium: 0, hard: 0, total: 0, missing: 0 };
  for (const d of difficulties) {
    const l = levelOf(d, t);
    if (l < 0) out.missing++;
    else {
      out[LEVELS[l]!]++;
      out.total++;
    }
  }
  return out;
}

/** Every bucket that breaks LOPSIDED_RULE, in easy, medium, hard order; none for an empty set. */
export function lopsidedBuckets(s: BucketSplit): BucketProblem[] {
  if (s.total === 0) return [];
  const problems: BucketProblem[] = [];
  for (const level of LEVELS) {
    const count = s[level];
    const share = count / s.total;
    if (count === 0) problems.push({ level, count, share, why: "empty" });
    else if (share < LOPSIDED_RULE.minShare) problems.push({ level, count, share, why: "small" });
    else if (share > LOPSIDED_RULE.maxShare) problems.push({ level, count, share, why: "large" });
  }
  return problems;
}

const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%`;

/** "easy 44 (5.0%) · medium 119 (14%) · hard 711 (81%)". */
export function describeSplit(s: BucketSplit): string {
  return LEVELS.map((l) => `${l} ${s[l]} (${pct(s[l] / Math.max(1, s.total))})`).join(" · ");
}

/** "easy has under a tenth of the questions, hard over two thirds". */
export function describeProblems(problems: readonly BucketProblem[]): string {
  const what = { empty: "is empty", small: "has under a tenth of the questions", large: "has over two thirds of them" };
  return problems.map((p) => `${p.level} ${what[p.why]}`).join(", ");
}

export interface TieSummary {
  /** Questions with a difficulty. */
  count: number;
  distinct: number;
  /** Difficulty values shared by two or more questions. */
  tiedValues: number;
  /** Questions whose difficulty equals another question's. */
  tiedQuestions: number;
  /** The most common tied value, if any. */
  largest?: { value: number; count: number };
}

/** How many difficulties tie: among ties a strict sort's order is a tie-break rule, not the data's. */
export function tieSummary(difficulties: Iterable<number | undefined>): TieSummary {
  const counts = new Map<number, number>();
  let count = 0;
  for (const d of difficulties) {
    if (d === undefined || Number.isNaN(d)) continue;
    count++;
    const key = d + 0; // -0 ties with 0, as in every sort here
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: TieSummary = { count, distinct: counts.size, tiedValues: 0, tiedQuestions: 0 };
  for (const [value, c] of counts) {
    if (c < 2) continue;
    out.tiedValues++;
    out.tiedQuestions += c;
    if (!out.largest || c > out.largest.count || (c === out.largest.count && value < out.largest.value)) out.largest = { value, count: c };
  }
  return out;
}

export interface SuggestedSplit {
  /** Target shares of easy, medium, hard (sum 1). */
  target: [number, number, number];
  thresholds: Thresholds;
  /** What those thresholds give (ties may keep it off target: tied questions share a bucket). */
  split: BucketSplit;
}

/**
 * Thresholds that put about `target` of the questions in easy / medium / hard: each threshold is the
 * difficulty of the last question that should fall below it (a data value, so `d ≤ easy` includes it and
 * every question tied with it). Exact unless ties straddle a cut.
 */
export function thresholdsForSplit(difficulties: Iterable<number | undefined>, target: [number, number, number] = [1 / 3, 1 / 3, 1 / 3]): SuggestedSplit | undefined {
  const values: number[] = [];
  for (const d of difficulties) if (d !== undefined && !Number.isNaN(d)) values.push(d + 0);
  if (values.length === 0) return undefined;
  const sum = target[0] + target[1] + target[2];
  if (!(sum > 0) || target.some((x) => !(x >= 0))) throw new RangeError("the target shares must be non-negative and not all zero");
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const cut = (share: number) => {
    const k = Math.round(n * share);
    return k <= 0 ? sorted[0]! - 1 : sorted[Math.min(n, k) - 1]!;
  };
  const easy = cut(target[0] / sum);
  const medium = Math.max(easy, cut((target[0] + target[1]) / sum));
  const thresholds = { easy, medium };
  const norm: [number, number, number] = [target[0] / sum, target[1] / sum, target[2] / sum];
  return { target: norm, thresholds, split: bucketSplit(sorted, thresholds) };
}
