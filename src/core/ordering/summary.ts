/**
 * What an order looks like, position by position: the data behind the order-preview chart and
 * `syllabus inspect` (category bands, difficulty trace, bucket counts).
 */
import { DataError } from "../errors";
import { levelOf } from "./levels";
import type { OrderItem, Thresholds } from "./types";

export interface OrderSummary {
  n: number;
  /** Distinct categories in order of first appearance in the order. */
  categories: string[];
  /** Questions per category, aligned with `categories`. */
  categoryCounts: number[];
  /** Easy/medium/hard counts per category, aligned with `categories`. */
  categoryBuckets: [number, number, number][];
  /** Per position: index into `categories`, -1 when the question has no category. */
  positionCategory: Int32Array;
  /** Per position: the difficulty, NaN when missing. */
  positionDifficulty: Float64Array;
  /** Per position: 0 easy, 1 medium, 2 hard, -1 no difficulty. */
  positionLevel: Int8Array;
  bucketCounts: { easy: number; medium: number; hard: number; missing: number };
  missingCategory: number;
  /** Maximal runs of one category along the order: blocked gives one per category, interleaved three. */
  categoryRuns: number;
}

export function summarizeOrder(items: readonly OrderItem[], order: ArrayLike<number>, thresholds: Thresholds): OrderSummary {
  const n = order.length;
  if (n !== items.length) {
    throw new DataError([{ file: "order", line: 0, message: `order has ${n} positions for ${items.length} questions`, fix: "summarize the order made from these questions" }]);
  }
  const categories: string[] = [];
  const codeOf = new Map<string, number>();
  const categoryCounts: number[] = [];
  const categoryBuckets: [number, number, number][] = [];
  const positionCategory = new Int32Array(n);
  const positionDifficulty = new Float64Array(n);
  const positionLevel = new Int8Array(n);
  const buckets = [0, 0, 0];
  let missingLevel = 0;
  let missingCategory = 0;
  let categoryRuns = 0;
  const seen = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    if (!Number.isInteger(i) || i < 0 || i >= n || seen[i]) {
      throw new DataError([{ file: "order", line: p + 1, message: `position ${p} holds ${i}, so the order is not a permutation of 0…${n - 1}`, fix: "use the order returned by orderItems" }]);
    }
    seen[i] = 1;
    const item = items[i]!;
    const level = levelOf(item.difficulty, thresholds);
    positionLevel[p] = level;
    positionDifficulty[p] = item.difficulty ?? Number.NaN;
    if (level < 0) missingLevel++;
    else buckets[level]!++;
    let code = -1;
    if (item.category !== undefined && item.category.trim() !== "") {
      const known = codeOf.get(item.category);
      if (known === undefined) {
        code = categories.length;
        codeOf.set(item.category, code);
        categories.push(item.category);
        categoryCounts.push(0);
        categoryBuckets.push([0, 0, 0]);
      } else code = known;
      categoryCounts[code]!++;
      if (level >= 0) categoryBuckets[code]![level]!++;
    } else missingCategory++;
    positionCategory[p] = code;
    if (p === 0 || positionCategory[p - 1] !== code) categoryRuns++;
  }
  return {
    n,
    categories,
    categoryCounts,
    categoryBuckets,
    positionCategory,
    positionDifficulty,
    positionLevel,
    bucketCounts: { easy: buckets[0]!, medium: buckets[1]!, hard: buckets[2]!, missing: missingLevel },
    missingCategory,
    categoryRuns,
  };
}
