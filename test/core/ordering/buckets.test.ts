/** Bucket sizes, the lopsided rule, ties and thresholds for a target split. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { bucketSplit, describeSplit, lopsidedBuckets, thresholdsForSplit, tieSummary } from "../../../src/core/ordering/buckets";

test("bucket split uses the published comparisons (d ≤ easy, d ≤ medium) and counts missing values apart", () => {
  const s = bucketSplit([0.06, 0.0600001, 0.15, 0.1500001, undefined, Number.NaN, 0], { easy: 0.06, medium: 0.15 });
  assert.deepEqual(s, { easy: 2, medium: 2, hard: 1, total: 5, missing: 2 });
});

test("lopsided rule: under a tenth, over two thirds, or empty; the boundaries themselves pass", () => {
  const split = (easy: number, medium: number, hard: number) => ({ easy, medium, hard, total: easy + medium + hard, missing: 0 });
  assert.deepEqual(lopsidedBuckets(split(44, 119, 711)).map((p) => [p.level, p.why]), [["easy", "small"], ["hard", "large"]]);
  assert.deepEqual(lopsidedBuckets(split(10, 60, 30)), [], "exactly a tenth is not under a tenth");
  assert.deepEqual(lopsidedBuckets(split(200, 50, 50)), [], "exactly two thirds is not over");
  assert.deepEqual(lopsidedBuckets(split(0, 5, 5)).map((p) => p.why), ["empty"]);
  assert.deepEqual(lopsidedBuckets(split(0, 0, 0)), []);
  assert.equal(describeSplit(split(44, 119, 711)), "easy 44 (5.0%) · medium 119 (14%) · hard 711 (81%)");
});

test("ties: questions sharing a difficulty, -0 with 0, missing ignored", () => {
  const t = tieSummary([0.5, 0.5, 0.5, 0.2, 0.2, 0.1, 0, -0, undefined, Number.NaN]);
  assert.deepEqual(t, { count: 8, distinct: 4, tiedValues: 3, tiedQuestions: 7, largest: { value: 0.5, count: 3 } });
  assert.deepEqual(tieSummary([0.1, 0.2]), { count: 2, distinct: 2, tiedValues: 0, tiedQuestions: 0 });
});

test("thresholds for a target split: exact on distinct values, ties kept in one bucket", () => {
  const distinct = Array.from({ length: 90 }, (_, i) => (i * 37) % 90 / 100);
  const thirds = thresholdsForSplit(distinct)!;
  assert.deepEqual([thirds.split.easy, thirds.split.medium, thirds.split.hard], [30, 30, 30]);
  const skewed = thresholdsForSplit(distinct, [30, 40, 30])!;
  assert.deepEqual([skewed.split.easy, skewed.split.medium, skewed.split.hard], [27, 36, 27]);
  // Integer-percent difficulties tie a lot: 50 questions at 0.1 cannot be cut.
  const tied = [...Array(50).fill(0.1), ...Array.from({ length: 40 }, (_, i) => 0.2 + i / 100)];
  const t = thresholdsForSplit(tied)!;
  assert.equal(t.split.easy, 50, "the tie at 0.1 stays together");
  assert.equal(t.split.easy + t.split.medium + t.split.hard, 90);
  assert.equal(thresholdsForSplit([undefined]), undefined);
});

test("property: every suggested split covers all questions and each cut is within the largest tie of its target", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 30 }).map((k) => k / 30), { minLength: 1, maxLength: 300 }), (values) => {
      const s = thresholdsForSplit(values)!;
      const n = values.length;
      assert.equal(s.split.total, n);
      const ties = tieSummary(values);
      const slack = (ties.largest?.count ?? 1) + 1;
      assert.ok(Math.abs(s.split.easy - n / 3) <= slack, JSON.stringify(s));
      assert.ok(Math.abs(s.split.easy + s.split.medium - (2 * n) / 3) <= slack, JSON.stringify(s));
    }),
  );
});
