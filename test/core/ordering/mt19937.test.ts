import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import { MT19937, numpyPermutation } from "../../../src/core/ordering/mt19937";

const manifest = JSON.parse(readFileSync("test/fixtures/golden/orders/manifest.json", "utf8")) as {
  numpy_permutations: Record<string, number[]>;
};

test("matches numpy RandomState(seed).permutation(n) for every golden entry", () => {
  const entries = Object.entries(manifest.numpy_permutations);
  assert.ok(entries.length >= 6);
  for (const [key, expected] of entries) {
    const [seed, n] = key.split(":").map(Number) as [number, number];
    assert.deepEqual(Array.from(numpyPermutation(seed, n)), expected, key);
  }
});

test("init_by_array matches the reference mt19937ar output", () => {
  // First outputs of Matsumoto & Nishimura's mt19937ar.c test (init_by_array {0x123, 0x234, 0x345, 0x456}),
  // which is also numpy's RandomState(np.array([0x123, 0x234, 0x345, 0x456], dtype=np.uint32)).
  const rng = MT19937.fromArray([0x123, 0x234, 0x345, 0x456]);
  const got = Array.from({ length: 10 }, () => rng.nextUint32());
  assert.deepEqual(got, [
    1067595299, 955945823, 477289528, 4107218783, 4228976476, 3344332714, 3355579695, 227628506, 810200273, 2591290167,
  ]);
});

test("integer seeding is Knuth's init_genrand (first draw of seed 5489 is 3499211612)", () => {
  assert.equal(MT19937.fromSeed(5489).nextUint32(), 3499211612);
});

test("rejects seeds numpy rejects", () => {
  for (const bad of [-1, 2 ** 32, 1.5, Number.NaN]) assert.throws(() => MT19937.fromSeed(bad), RangeError);
  assert.doesNotThrow(() => MT19937.fromSeed(2 ** 32 - 1));
});

test("interval(max) stays in [0, max] and reaches both ends", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed, max) => {
      const rng = MT19937.fromSeed(seed);
      for (let k = 0; k < 20; k++) {
        const v = rng.interval(max);
        if (!(Number.isInteger(v) && v >= 0 && v <= max)) return false;
      }
      return true;
    }),
  );
  const rng = MT19937.fromSeed(7);
  const seen = new Set<number>();
  for (let k = 0; k < 200; k++) seen.add(rng.interval(5));
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4, 5]);
});

test("permutation is a permutation, and shuffling a list equals indexing it by the permutation", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 300 }), (seed, n) => {
      const perm = numpyPermutation(seed, n);
      const sorted = Array.from(perm).sort((a, b) => a - b);
      assert.deepEqual(sorted, Array.from({ length: n }, (_, i) => i));
      const list = Array.from({ length: n }, (_, i) => 1000 + i);
      MT19937.fromSeed(seed).shuffle(list);
      assert.deepEqual(list, Array.from(perm, (i) => 1000 + i));
    }),
  );
});
