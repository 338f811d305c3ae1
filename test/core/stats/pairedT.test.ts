// Two seeds with the same gain: no variance across pairs, so nothing to test (scipy would say p = 0, or
// p ≈ 1e-16 through float noise) — a claim must never rest on it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pairedTTest } from "../../../src/core/stats/pairedT";

test("constant differences are not testable, not significant", () => {
  const r = pairedTTest([0.225, 0.275], [0.3, 0.35], "seed");
  assert.ok(Number.isNaN(r.p), `p = ${r.p}`);
  assert.ok(Math.abs(r.meanDifference - 0.075) < 1e-12);
});

test("differences that vary are tested as before", () => {
  const r = pairedTTest([0.2, 0.3, 0.25], [0.3, 0.35, 0.4], "seed");
  assert.ok(Number.isFinite(r.p) && r.p > 0 && r.p < 1);
});
