/** Property tests: the invariants every strategy promises, on random question sets and specs. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { compareCodePoints } from "../../../src/core/ordering/categories";
import { levelOf, orderItems, STRATEGIES, type OrderItem, type OrderSpec, type Strategy } from "../../../src/core/ordering/index";
import { thirds } from "../../../src/core/ordering/strategies";

const T = { easy: 0.66, medium: 0.8 };
const CATEGORY_POOL = ["surgery", "cardiology", "Neuro", "a", "b", "é-derm", "\u{1F600}psych", "\uFF5Aeye", "10", "2"];
// Thresholds, ties and extremes are over-represented: that is where off-by-one bucket bugs hide.
const difficultyArb = fc.oneof(fc.constantFrom(0, 0.5, 0.66, 0.8, 0.81, 1, -0), fc.double({ min: 0, max: 1, noNaN: true }));
const itemsArb = (min = 0) =>
  fc.array(fc.record({ category: fc.constantFrom(...CATEGORY_POOL), difficulty: difficultyArb }), { minLength: min, maxLength: 150 }).map(
    (rows): OrderItem[] => rows.map((r, i) => ({ id: `q${i}`, ...r })),
  );
const specArb = (strategy?: Strategy) =>
  fc.record({
    strategy: strategy ? fc.constant(strategy) : fc.constantFrom(...STRATEGIES),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    curriculum: fc.constantFrom("strict" as const, "buckets" as const),
    thresholds: fc.constant(T),
    categoryOrder: fc.constantFrom("sorted" as const, "size" as const, "random" as const),
    categorySeed: fc.integer({ min: 0, max: 1000 }),
    reference: fc.boolean(),
  });

/** Maximal runs of equal keys along the order: [key, start, length]. */
function runs<K>(order: Int32Array, key: (i: number) => K): [K, number, number][] {
  const out: [K, number, number][] = [];
  for (let p = 0; p < order.length; p++) {
    const k = key(order[p]!);
    const last = out[out.length - 1];
    if (last && last[0] === k) last[2]++;
    else out.push([k, p, 1]);
  }
  return out;
}

function nonDecreasing(values: number[]): boolean {
  return values.every((v, i) => i === 0 || values[i - 1]! <= v);
}

test("every order is a permutation of the items", () => {
  fc.assert(
    fc.property(itemsArb(), specArb(), (items, spec) => {
      const order = orderItems(items, spec);
      assert.equal(order.length, items.length);
      assert.deepEqual(Array.from(order).sort((a, b) => a - b), items.map((_, i) => i));
    }),
    { numRuns: 300 },
  );
});

test("blocked and blocked_curriculum: each category is one contiguous block, blocks in the category order", () => {
  fc.assert(
    fc.property(itemsArb(), specArb(), fc.constantFrom<Strategy>("blocked", "blocked_curriculum"), (items, spec, strategy) => {
      const order = orderItems(items, { ...spec, strategy });
      const blocks = runs(order, (i) => items[i]!.category!);
      const names = blocks.map((b) => b[0]);
      assert.equal(new Set(names).size, names.length, "a category appears in two blocks");
      if (spec.categoryOrder === "sorted") assert.deepEqual(names, [...names].sort(compareCodePoints));
      if (spec.categoryOrder === "size") {
        for (let b = 1; b < blocks.length; b++) {
          const [prev, cur] = [blocks[b - 1]!, blocks[b]!];
          assert.ok(prev[2] > cur[2] || (prev[2] === cur[2] && compareCodePoints(prev[0], cur[0]) < 0), "size order broken");
        }
      }
    }),
    { numRuns: 300 },
  );
});

test("curricula are monotone: strict non-decreasing and stable; buckets by level", () => {
  fc.assert(
    fc.property(itemsArb(), specArb("curriculum"), (items, spec) => {
      const order = Array.from(orderItems(items, spec));
      if (spec.curriculum === "strict") {
        assert.ok(nonDecreasing(order.map((i) => items[i]!.difficulty!)));
        for (let p = 1; p < order.length; p++) {
          if (items[order[p]!]!.difficulty === items[order[p - 1]!]!.difficulty) assert.ok(order[p - 1]! < order[p]!, "tie not stable");
        }
      } else assert.ok(nonDecreasing(order.map((i) => levelOf(items[i]!.difficulty, T))));
    }),
    { numRuns: 300 },
  );
});

test("blocked_curriculum is monotone within each category block", () => {
  fc.assert(
    fc.property(itemsArb(), specArb("blocked_curriculum"), (items, spec) => {
      const order = orderItems(items, spec);
      for (const [, start, length] of runs(order, (i) => items[i]!.category!)) {
        const block = Array.from(order.subarray(start, start + length));
        const key = (i: number) => (spec.curriculum === "strict" ? items[i]!.difficulty! : levelOf(items[i]!.difficulty, T));
        assert.ok(nonDecreasing(block.map(key)));
      }
    }),
    { numRuns: 300 },
  );
});

test("interleaved kinds visit the categories round-robin: chunks are cats × 3 with np.array_split sizes", () => {
  fc.assert(
    fc.property(itemsArb(), specArb(), fc.constantFrom<Strategy>("interleaved", "interleaved_curriculum"), (items, spec, strategy) => {
      fc.pre(strategy === "interleaved" || spec.curriculum === "strict");
      const blockedKind = strategy === "interleaved" ? "blocked" : "blocked_curriculum";
      const blocked = orderItems(items, { ...spec, strategy: blockedKind });
      const order = orderItems(items, { ...spec, strategy });
      const cats = runs(blocked, (i) => items[i]!.category!).map(([c, , n]) => [c, n] as const);
      // Expected layout: for round r, for each category in block order, its r-th third (if non-empty),
      // which is exactly the next slice of that category's blocked sequence.
      const taken = new Map<string, number>();
      const blockStart = new Map<string, number>();
      runs(blocked, (i) => items[i]!.category!).forEach(([c, s]) => blockStart.set(c, s));
      let p = 0;
      for (let r = 0; r < 3; r++) {
        for (const [c, n] of cats) {
          const size = thirds(n)[r]!;
          const from = blockStart.get(c)! + (taken.get(c) ?? 0);
          assert.deepEqual(Array.from(order.subarray(p, p + size)), Array.from(blocked.subarray(from, from + size)), `round ${r} ${c}`);
          taken.set(c, (taken.get(c) ?? 0) + size);
          p += size;
        }
      }
      assert.equal(p, items.length);
    }),
    { numRuns: 300 },
  );
});

test("interleaved_curriculum with buckets: all easy, then medium, then hard; categories in block order within each", () => {
  fc.assert(
    fc.property(itemsArb(), specArb("interleaved_curriculum"), (items, spec) => {
      const s = { ...spec, curriculum: "buckets" as const };
      const order = orderItems(items, s);
      const blocked = orderItems(items, { ...s, strategy: "blocked_curriculum" });
      const catRank = new Map(runs(blocked, (i) => items[i]!.category!).map(([c], k) => [c, k]));
      const key = (i: number) => levelOf(items[i]!.difficulty, T) * 1000 + catRank.get(items[i]!.category!)!;
      assert.ok(nonDecreasing(Array.from(order, key)));
      // And it is blocked_curriculum's order regrouped: a stable sort of it by that key.
      const regrouped = Array.from(blocked).sort((a, b) => key(a) - key(b));
      assert.deepEqual(Array.from(order), regrouped);
    }),
    { numRuns: 300 },
  );
});

test("same spec → same order; another seed → another order", () => {
  fc.assert(
    fc.property(itemsArb(30), specArb(), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (items, spec, other) => {
      fc.pre(other !== spec.seed);
      const order = Array.from(orderItems(items, spec));
      assert.deepEqual(Array.from(orderItems(items.map((q) => ({ ...q })), spec)), order);
      // A shuffle over ≥ 10 items repeats with probability ≤ 1/10!: only assert where one exists.
      const counts = new Map<string, number>();
      for (const q of items) counts.set(q.category!, (counts.get(q.category!) ?? 0) + 1);
      const shuffles = spec.strategy === "random" || ((spec.strategy === "blocked" || spec.strategy === "interleaved") && Math.max(...counts.values()) >= 10);
      if (shuffles) assert.notDeepEqual(Array.from(orderItems(items, { ...spec, seed: other })), order);
    }),
    { numRuns: 200 },
  );
});

test("a random category order depends on the category seed only, not on the run seed", () => {
  fc.assert(
    fc.property(itemsArb(1), specArb(), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (items, spec, otherSeed) => {
      const s = { ...spec, strategy: "blocked" as const, categoryOrder: "random" as const };
      const cats = (o: OrderSpec) => runs(orderItems(items, o), (i) => items[i]!.category!).map((r) => r[0]);
      assert.deepEqual(cats({ ...s, seed: otherSeed }), cats(s));
    }),
    { numRuns: 200 },
  );
});

test("Syllabus mode: the category order moves blocks but never changes what is inside them", () => {
  fc.assert(
    fc.property(itemsArb(1), specArb("blocked"), (items, spec) => {
      const s = { ...spec, reference: false };
      const blocksOf = (o: OrderSpec) => {
        const order = orderItems(items, o);
        return new Map(runs(order, (i) => items[i]!.category!).map(([c, st, n]) => [c, Array.from(order.subarray(st, st + n))]));
      };
      const sorted = blocksOf({ ...s, categoryOrder: "sorted" });
      for (const other of ["size", "random"] as const) assert.deepEqual(blocksOf({ ...s, categoryOrder: other }), sorted);
    }),
    { numRuns: 200 },
  );
});
