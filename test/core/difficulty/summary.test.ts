import { test } from "node:test";
import assert from "node:assert/strict";
import { histogram, quantileSorted, summarizeDataset } from "../../../src/core/difficulty";
import { loadItems } from "../../../src/core/questions";
import { REAL } from "../questions/fixtures";

test("quantiles interpolate linearly like numpy's default", () => {
  const v = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);
  assert.ok(Math.abs(quantileSorted(v, 1 / 3) - 0.4) < 1e-12);
  assert.ok(Math.abs(quantileSorted(v, 2 / 3) - 0.7) < 1e-12);
  // np.quantile([1, 2, 4, 8], 0.5) == 3.0; np.quantile([1, 2, 4, 8], 1/3) == 2.0
  assert.equal(quantileSorted([1, 2, 4, 8], 0.5), 3);
  assert.ok(Math.abs(quantileSorted([1, 2, 4, 8], 1 / 3) - 2) < 1e-12);
});

test("histogram: [0, 1] bins, the last closed, every value counted once", () => {
  const bins = histogram(Float64Array.from([0, 0.05, 0.1, 0.3, 0.5, 0.7, 0.99, 1]), 10);
  assert.equal(bins.length, 10);
  // A value on an edge (0.1, 0.3, 0.5, 0.7: floating-point tricky) opens the upper bin.
  assert.deepEqual(bins.map((b) => b.count), [2, 1, 0, 1, 0, 1, 0, 1, 0, 2]);
  assert.equal(bins[3]!.from, 0.3);
  const wide = histogram(Float64Array.from([-2, 0, 2]), 2);
  assert.deepEqual(wide.map((b) => [b.from, b.to, b.count]), [[-2, 0, 1], [0, 2, 2]]);
});

test("the golden input: categories, levels at the study's thresholds, tertiles", async () => {
  const items = await loadItems(REAL.golden, { format: "csv" });
  const s = summarizeDataset(items, { easy: 0.66, medium: 0.8 });
  assert.equal(s.count, 60);
  assert.deepEqual(s.categories, [
    { name: "neurology", count: 22 },
    { name: "cardiology", count: 16 },
    { name: "pediatrics", count: 15 },
    { name: "surgery", count: 7 },
  ]);
  const d = s.difficulty!;
  // Values exactly on a threshold (0.66, 0.8 are in the file) count as the easier level.
  const values = items.map((i) => i.difficulty!);
  assert.equal(d.levels.easy, values.filter((x) => x <= 0.66).length);
  assert.equal(d.levels.hard, values.filter((x) => x > 0.8).length);
  assert.equal(d.levels.easy + d.levels.medium + d.levels.hard, 60);
  assert.equal(d.histogram.reduce((a, b) => a + b.count, 0), 60);
  const sorted = [...values].sort((a, b) => a - b);
  assert.ok(sorted.filter((x) => x <= d.suggestedThresholds.easy).length >= 20);
  assert.ok(sorted.filter((x) => x > d.suggestedThresholds.medium).length <= 20);
});

test("missing categories and difficulties are counted, not dropped", () => {
  const s = summarizeDataset([{ id: "a", category: "x", difficulty: 0.2 }, { id: "b" }, { id: "c", category: " ", difficulty: Number.NaN }], { easy: 0.3, medium: 0.6 });
  assert.equal(s.withoutCategory, 2);
  assert.equal(s.difficulty!.missing, 2);
  assert.equal(s.difficulty!.count, 1);
});
