/** Missing difficulty or category is an error naming every such row — never a silent drop. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DataError } from "../../../src/core/errors";
import { orderItems, requiresCategory, requiresDifficulty, STRATEGIES, STUDY_THRESHOLDS, type OrderItem, type OrderSpec } from "../../../src/core/ordering/index";
import { dataErrorOf } from "../../helpers/dataError";

const spec = (strategy: OrderSpec["strategy"], extra: Partial<OrderSpec> = {}): OrderSpec => ({
  strategy,
  seed: 1,
  curriculum: "buckets",
  thresholds: STUDY_THRESHOLDS,
  categoryOrder: "sorted",
  reference: false,
  ...extra,
});

const items: OrderItem[] = [
  { id: "a", category: "x", difficulty: 0.1, source: { file: "train.csv", line: 2 } },
  { id: "b", category: "x", difficulty: Number.NaN, source: { file: "train.csv", line: 3 } },
  { id: "c", category: "", difficulty: 0.9, source: { file: "train.csv", line: 4 } },
  { id: "d", difficulty: 0.5, source: { file: "train.csv", line: 5 } },
  { id: "e", category: "y" },
];


test("which strategies need what", () => {
  assert.deepEqual(STRATEGIES.filter(requiresDifficulty), ["curriculum", "blocked_curriculum", "interleaved_curriculum"]);
  assert.deepEqual(STRATEGIES.filter(requiresCategory), ["blocked", "interleaved", "blocked_curriculum", "interleaved_curriculum"]);
});

test("random needs neither and keeps every row", () => {
  assert.equal(orderItems(items, spec("random")).length, items.length);
});

test("curricula name every row without a difficulty (NaN and absent alike), with file and line", () => {
  for (const strategy of ["curriculum"] as const) {
    for (const curriculum of ["strict", "buckets"] as const) {
      const e = dataErrorOf(() => orderItems(items, spec(strategy, { curriculum })));
      assert.deepEqual(e.issues.map((i) => [i.file, i.line, i.field]), [["train.csv", 3, "difficulty"], ["questions", 0, "difficulty"]]);
      assert.match(e.message, /question "b" \(item 2\) has no difficulty/);
      assert.match(e.message, /question "e" \(item 5\)/);
    }
  }
});

test("category strategies name every row without a category (absent or blank)", () => {
  for (const strategy of ["blocked", "interleaved"] as const) {
    try {
      orderItems(items, spec(strategy));
      assert.fail("expected a DataError");
    } catch (e) {
      assert.ok(e instanceof DataError);
      assert.deepEqual(e.issues.map((i) => [i.line, i.field]), [[4, "category"], [5, "category"]]);
      assert.match(e.message, /train\.csv:4: \[category\] question "c"/);
    }
  }
});

test("blocked/interleaved curricula report both kinds at once", () => {
  for (const strategy of ["blocked_curriculum", "interleaved_curriculum"] as const) {
    try {
      orderItems(items, spec(strategy));
      assert.fail("expected a DataError");
    } catch (e) {
      assert.ok(e instanceof DataError);
      assert.deepEqual(e.issues.map((i) => `${i.line}:${i.field}`), ["3:difficulty", "4:category", "5:category", "0:difficulty"]);
    }
  }
});

test("a bad spec is a DataError naming the field", () => {
  const cases: [Partial<OrderSpec>, string][] = [
    [{ seed: -1 }, "seed"],
    [{ seed: 2 ** 32 }, "seed"],
    [{ seed: 0.5 }, "seed"],
    [{ categorySeed: -3 }, "categorySeed"],
    [{ thresholds: { easy: 0.9, medium: 0.5 } }, "thresholds"],
    [{ thresholds: { easy: Number.NaN, medium: 0.5 } }, "thresholds"],
    [{ strategy: "interleaved_curiculum" as never }, "strategy"],
    [{ curriculum: "sorted" as never }, "curriculum"],
    [{ categoryOrder: "alpha" as never }, "categoryOrder"],
  ];
  for (const [patch, field] of cases) {
    try {
      orderItems([{ id: "a", category: "x", difficulty: 0.2 }], spec("blocked", patch));
      assert.fail(`expected a DataError for ${field}`);
    } catch (e) {
      assert.ok(e instanceof DataError, String(e));
      assert.equal(e.issues[0]!.field, field);
    }
  }
});

test("an empty set gives an empty order for every strategy", () => {
  for (const strategy of STRATEGIES) assert.equal(orderItems([], spec(strategy)).length, 0);
});
