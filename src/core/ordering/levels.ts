/** Easy / medium / hard buckets by thresholds, with the published code's comparisons. */
import type { Thresholds } from "./types";

export const LEVELS = ["easy", "medium", "hard"] as const;
export type Level = (typeof LEVELS)[number];

/** 0 easy (d ≤ easy), 1 medium (easy < d ≤ medium), 2 hard (d > medium); -1 for a missing difficulty. */
export function levelOf(d: number | undefined, t: Thresholds): number {
  if (d === undefined || Number.isNaN(d)) return -1;
  return d <= t.easy ? 0 : d <= t.medium ? 1 : 2;
}

/** Split rows (kept in their given order) into the three buckets. */
export function splitLevels(rows: ArrayLike<number>, difficulty: Float64Array, t: Thresholds): Int32Array[] {
  const counts = [0, 0, 0];
  const level = new Int8Array(rows.length);
  const { easy, medium } = t;
  for (let i = 0; i < rows.length; i++) {
    const d = difficulty[rows[i]!]!; // never NaN here: missing difficulties are rejected before ordering
    const l = d <= easy ? 0 : d <= medium ? 1 : 2;
    level[i] = l;
    counts[l]!++;
  }
  const out = counts.map((c) => new Int32Array(c));
  const fill = [0, 0, 0];
  for (let i = 0; i < rows.length; i++) out[level[i]!]![fill[level[i]!]!++] = rows[i]!;
  return out;
}
