// The comparison panel writes n at the foot of every bar, as the report does, and says when one seed gives no interval.
import { test } from "node:test";
import assert from "node:assert/strict";
import { comparisonChart, comparisonView } from "../../../src/core/charts/panels";
import type { ComparisonPayload } from "../../../src/core/charts/payloads";

const payload: ComparisonPayload = {
  experiment: "e",
  baseline: "random",
  cells: [
    { strategy: "random", model: "m", evalSet: "q", mean: 0.3, ciLow: 0.25, ciHigh: 0.35, seeds: [{ seed: 1, accuracy: 0.28 }, { seed: 2, accuracy: 0.32 }] },
    { strategy: "curriculum", model: "m", evalSet: "q", mean: 0.6, seeds: [{ seed: 1, accuracy: 0.6 }] },
  ],
};

test("every bar of the comparison panel carries its n; n = 1 says it has no interval", () => {
  const spec = comparisonChart(payload, comparisonView(payload, {}));
  const labels = Object.fromEntries(spec.config.data.datasets.map((d) => [d.key, d.pointLabels]));
  assert.deepEqual(labels.random, ["n = 2 seeds"]);
  assert.deepEqual(labels.curriculum, ["n = 1 seed (no CI)"]);
});

test("the accuracy axis is 0-100 (never below 0 or past 100 for an interval); the gain axis fits its bars", () => {
  const y = (view: "accuracy" | "gain") => (comparisonChart(payload, comparisonView(payload, { view })).config.options as { scales: { y: Record<string, unknown> } }).scales.y;
  assert.equal(y("accuracy").min, 0);
  assert.equal(y("accuracy").max, 100);
  assert.equal(y("gain").max, undefined);
});
