import assert from "node:assert/strict";
import { test } from "node:test";
import { DataError } from "../../../src/core/errors";
import { orderItems, summarizeOrder, STUDY_THRESHOLDS, type OrderItem } from "../../../src/core/ordering/index";

const items: OrderItem[] = [
  { id: "a", category: "x", difficulty: 0.1 },
  { id: "b", category: "y", difficulty: 0.66 },
  { id: "c", category: "x", difficulty: 0.8 },
  { id: "d", category: "y", difficulty: 0.95 },
  { id: "e", category: "x", difficulty: 0.7 },
  { id: "f", difficulty: Number.NaN },
];

test("summarizes positions, categories and buckets along the order", () => {
  const s = summarizeOrder(items, [5, 3, 2, 0, 1, 4], STUDY_THRESHOLDS);
  assert.equal(s.n, 6);
  assert.deepEqual(s.categories, ["y", "x"]);
  assert.deepEqual(s.categoryCounts, [2, 3]);
  assert.deepEqual(s.categoryBuckets, [[1, 0, 1], [1, 2, 0]]);
  assert.deepEqual(Array.from(s.positionCategory), [-1, 0, 1, 1, 0, 1]);
  assert.deepEqual(Array.from(s.positionLevel), [-1, 2, 1, 0, 0, 1]);
  assert.ok(Number.isNaN(s.positionDifficulty[0]!));
  assert.equal(s.positionDifficulty[1], 0.95);
  assert.deepEqual(s.bucketCounts, { easy: 2, medium: 2, hard: 1, missing: 1 });
  assert.equal(s.missingCategory, 1);
  assert.equal(s.categoryRuns, 5);
});

test("blocked gives one run per category, interleaved three", () => {
  const many: OrderItem[] = Array.from({ length: 90 }, (_, i) => ({ id: `q${i}`, category: `c${i % 3}`, difficulty: (i * 37) % 100 / 100 }));
  const base = { seed: 3, curriculum: "strict" as const, thresholds: STUDY_THRESHOLDS, categoryOrder: "size" as const, reference: false };
  assert.equal(summarizeOrder(many, orderItems(many, { ...base, strategy: "blocked" }), STUDY_THRESHOLDS).categoryRuns, 3);
  assert.equal(summarizeOrder(many, orderItems(many, { ...base, strategy: "interleaved" }), STUDY_THRESHOLDS).categoryRuns, 9);
});

test("refuses something that is not a permutation of the items", () => {
  assert.throws(() => summarizeOrder(items, [0, 1, 2], STUDY_THRESHOLDS), DataError);
  assert.throws(() => summarizeOrder(items, [0, 0, 1, 2, 3, 4], STUDY_THRESHOLDS), /not a permutation/);
  assert.throws(() => summarizeOrder(items, [0, 1, 2, 3, 4, 6], STUDY_THRESHOLDS), /not a permutation/);
});
