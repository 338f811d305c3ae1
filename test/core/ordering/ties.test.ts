/**
 * Ties in strict curricula. The published code sorts with pandas' default quicksort, which is not stable:
 * among tied difficulties its order depends on numpy's version and CPU. Syllabus (both modes, `reference`
 * included) breaks ties by input order — a stable sort — so an order never depends on the machine.
 * Where difficulties are distinct there is one ascending order, and both agree with the published code.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { orderIds, type OrderItem, type OrderSpec } from "../../../src/core/ordering/index";
import { readOrderItemsCsv } from "../../helpers/order-items-csv";
import { tieSummary } from "../../../src/core/ordering/buckets";

const spec = (strategy: OrderSpec["strategy"], reference: boolean): OrderSpec => ({
  strategy,
  seed: 1,
  curriculum: "strict",
  thresholds: { easy: 0.66, medium: 0.8 },
  categoryOrder: "sorted",
  reference,
});

test("tied difficulties keep their input order (stable tie-break), in Syllabus and reference mode", () => {
  // Integer-percent human difficulties tie a lot (Yang et al. 2024, §2.5: share of examinees answering wrongly).
  const items: OrderItem[] = [
    { id: "a", difficulty: 0.12, category: "X" },
    { id: "b", difficulty: 0.05, category: "Y" },
    { id: "c", difficulty: 0.12, category: "X" },
    { id: "d", difficulty: 0.05, category: "X" },
    { id: "e", difficulty: 0.12, category: "Y" },
    { id: "f", difficulty: 0.3, category: "Y" },
  ];
  for (const reference of [false, true]) {
    assert.deepEqual(orderIds(items, spec("curriculum", reference)), ["b", "d", "a", "c", "e", "f"]);
    assert.deepEqual(orderIds(items, spec("blocked_curriculum", reference)), ["d", "a", "c", "b", "e", "f"]);
  }
  // Reversing the input reverses the order among ties only: the tie-break is the input order, nothing else.
  const reversed = [...items].reverse();
  assert.deepEqual(orderIds(reversed, spec("curriculum", true)), ["d", "b", "e", "c", "a", "f"]);
});

test("distinct difficulties: one ascending order, whatever the input order (what the published code gives too)", () => {
  const items: OrderItem[] = Array.from({ length: 500 }, (_, i) => ({ id: `q${i}`, difficulty: ((i * 7919) % 500) / 500 + 1e-6 * i }));
  assert.equal(tieSummary(items.map((q) => q.difficulty)).tiedQuestions, 0);
  const expected = [...items].sort((x, y) => x.difficulty! - y.difficulty!).map((q) => q.id);
  assert.deepEqual(orderIds(items, spec("curriculum", true)), expected);
  assert.deepEqual(orderIds([...items].reverse(), spec("curriculum", true)), expected);
});

test("the golden strict curriculum has ties, and among them keeps input order (stable), as documented", () => {
  const dir = "test/fixtures/golden/orders";
  const items = readOrderItemsCsv(readFileSync(`${dir}/input.csv`), "input.csv");
  const golden = readFileSync(`${dir}/curriculum_strict.txt`, "utf8").trim().split("\n");
  const ties = tieSummary(items.map((q) => q.difficulty));
  assert.ok(ties.tiedQuestions > 0, "the golden input must contain ties for this test to mean anything");
  const inputPos = new Map(items.map((q, i) => [q.id, i]));
  const difficulty = new Map(items.map((q) => [q.id, q.difficulty!]));
  let tiedPairs = 0;
  for (let p = 1; p < golden.length; p++) {
    const [prev, cur] = [golden[p - 1]!, golden[p]!];
    if (difficulty.get(prev) !== difficulty.get(cur)) continue;
    tiedPairs++;
    assert.ok(inputPos.get(prev)! < inputPos.get(cur)!, `${prev} before ${cur}: ties keep input order`);
  }
  assert.ok(tiedPairs > 0);
});
