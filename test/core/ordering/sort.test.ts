/** The radix sort behind strict curricula equals a stable comparison sort, at sizes where it is used. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { identity, sortByDifficulty } from "../../../src/core/ordering/difficulty-sort";

function reference(rows: Int32Array, d: Float64Array): number[] {
  // Array.prototype.sort is stable (ES2019); -0 === 0 so they tie, as in pandas.
  return Array.from(rows).sort((a, b) => (d[a]! < d[b]! ? -1 : d[a]! > d[b]! ? 1 : 0));
}

test("radix sort = stable sort on large sets with ties, negatives, -0, extremes", () => {
  const value = fc.oneof(
    fc.constantFrom(0, -0, 0.66, 0.8, 1, -1, 1e-300, -1e-300, Number.MAX_VALUE, -Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    fc.double({ noNaN: true }),
    fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
  );
  fc.assert(
    fc.property(fc.array(value, { minLength: 256, maxLength: 3000 }), fc.boolean(), (values, subset) => {
      const d = Float64Array.from(values);
      const rows = subset ? identity(d.length).filter((i) => i % 3 !== 1) : identity(d.length);
      assert.deepEqual(Array.from(sortByDifficulty(rows, d)), reference(rows, d));
    }),
    { numRuns: 60 },
  );
});

test("small sets (comparison path) are stable too", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }).map((k) => k / 5), { maxLength: 255 }), (values) => {
      const d = Float64Array.from(values);
      const rows = identity(d.length);
      assert.deepEqual(Array.from(sortByDifficulty(rows, d)), reference(rows, d));
    }),
  );
});
