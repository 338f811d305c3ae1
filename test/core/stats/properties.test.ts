// Properties every paired test must have, whatever the data (fast-check).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { pairedTTest, wilcoxonSignedRank, holmAdjust, binomialTwoSidedHalf, meanCi95, mean } from "../../../src/core/stats/index";

const acc = fc.integer({ min: 0, max: 1273 }).map((k) => k / 1273);
const pairs = fc.integer({ min: 2, max: 60 }).chain((n) => fc.tuple(fc.array(acc, { minLength: n, maxLength: n }), fc.array(acc, { minLength: n, maxLength: n })));

test("swapping the two arms leaves every two-sided p unchanged and flips the t statistic", () => {
  fc.assert(
    fc.property(pairs, ([a, b]) => {
      const x = pairedTTest(a, b, "");
      const y = pairedTTest(b, a, "");
      if (Number.isNaN(x.p)) assert.ok(Number.isNaN(y.p));
      else assert.ok(Math.abs(x.p - y.p) < 1e-12);
      if (Number.isFinite(x.t)) assert.ok(Math.abs(x.t + y.t) < 1e-9);
      const w1 = wilcoxonSignedRank(a, b, "");
      const w2 = wilcoxonSignedRank(b, a, "");
      assert.equal(w1.statistic, w2.statistic);
      if (Number.isNaN(w1.p)) assert.ok(Number.isNaN(w2.p));
      else assert.ok(Math.abs(w1.p - w2.p) < 1e-12);
      assert.equal(w1.method, w2.method);
    }),
    { numRuns: 200 },
  );
});

test("p-values lie in [0, 1]; the CI of the difference contains its mean", () => {
  fc.assert(
    fc.property(pairs, ([a, b]) => {
      const t = pairedTTest(a, b, "");
      const w = wilcoxonSignedRank(a, b, "");
      for (const p of [t.p, w.p]) if (!Number.isNaN(p)) assert.ok(p >= 0 && p <= 1, `p = ${p}`);
      if (Number.isFinite(t.ci95[0])) assert.ok(t.ci95[0] <= t.meanDifference + 1e-15 && t.meanDifference <= t.ci95[1] + 1e-15);
    }),
    { numRuns: 200 },
  );
});

test("Holm: adjusted p ≥ raw p, ≤ 1, and in the same order as the raw p", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (ps) => {
      const adj = holmAdjust(ps);
      ps.forEach((p, i) => assert.ok(adj[i]! >= p && adj[i]! <= 1));
      ps.forEach((p, i) => ps.forEach((q, j) => p < q && assert.ok(adj[i]! <= adj[j]!)));
    }),
  );
});

test("the exact binomial p is symmetric in k ↔ n − k and grows toward n/2", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))), ([n, k]) => {
      const p = binomialTwoSidedHalf(k, n);
      assert.ok(Math.abs(p - binomialTwoSidedHalf(n - k, n)) <= 1e-12 * Math.max(p, 1e-300));
      // p may underflow to 0 (2·2^-1310 is below the smallest double), as it does in scipy.
      assert.ok(p >= 0 && p <= 1);
      if (2 * (k + 1) <= n) assert.ok(p <= binomialTwoSidedHalf(k + 1, n) * (1 + 1e-12));
    }),
  );
});

test("the CI of a mean is centred on it and narrows as seeds agree", () => {
  fc.assert(
    fc.property(fc.array(acc, { minLength: 2, maxLength: 10 }), (xs) => {
      const [lo, hi] = meanCi95(xs);
      assert.ok(Math.abs((lo + hi) / 2 - mean(xs)) < 1e-12);
      const tighter = xs.map((x) => mean(xs) + (x - mean(xs)) / 2);
      const [lo2, hi2] = meanCi95(tighter);
      assert.ok(hi2 - lo2 <= (hi - lo) / 2 + 1e-12);
    }),
  );
});
