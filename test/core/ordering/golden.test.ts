/**
 * The published study's orders, id for id (golden/orders, made with pandas 1.5.3 / numpy 1.24), in
 * reference mode; and where Syllabus mode agrees with them or, by design, does not.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { idsInOrder, orderIds, orderPrepared, STUDY_THRESHOLDS, type CurriculumMode, type OrderSpec, type Strategy } from "../../../src/core/ordering/index";
import { readOrderCsv, readOrderItemsCsv } from "../../helpers/order-items-csv";

const dir = "test/fixtures/golden/orders";
const items = readOrderItemsCsv(readFileSync(`${dir}/input.csv`), "input.csv");
const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, "utf8")) as {
  easy: number;
  medium: number;
  orders: Record<string, string>;
};

/** File name → spec, from the naming scheme <strategy>[_strict|_buckets][_seed<N>]. */
function specOf(name: string, reference: boolean): OrderSpec {
  const m = /^(random|curriculum|blocked|interleaved|blocked_curriculum|interleaved_curriculum)(?:_(strict|buckets))?(?:_seed(\d+))?$/.exec(name);
  assert.ok(m, `unexpected golden name ${name}`);
  return {
    strategy: m[1] as Strategy,
    curriculum: (m[2] ?? "strict") as CurriculumMode,
    seed: m[3] === undefined ? 0 : Number(m[3]),
    thresholds: { easy: manifest.easy, medium: manifest.medium },
    categoryOrder: "sorted",
    reference,
  };
}

const golden = Object.entries(manifest.orders).map(([name, fileName]) => ({
  name,
  ids: readFileSync(`${dir}/${fileName}`, "utf8").trim().split("\n"),
}));

test("the golden set covers all ten published orders on 60 questions", () => {
  assert.equal(golden.length, 10);
  assert.equal(items.length, 60);
  assert.deepEqual(STUDY_THRESHOLDS, { easy: manifest.easy, medium: manifest.medium });
});

for (const { name, ids } of golden) {
  test(`reference mode reproduces ${name} id for id`, () => {
    assert.deepEqual(orderIds(items, specOf(name, true)), ids);
  });
}

test("the columnar path (readOrderCsv + orderPrepared, as the benchmark uses) gives the same orders", () => {
  const prepared = readOrderCsv(readFileSync(`${dir}/input.csv`), "input.csv");
  for (const { name, ids } of golden) {
    assert.deepEqual(idsInOrder(prepared.ids, orderPrepared(prepared, specOf(name, true))), ids, name);
    assert.deepEqual(idsInOrder(prepared.ids, orderPrepared(prepared, specOf(name, false))), orderIds(items, specOf(name, false)), name);
  }
});

/** Random draws one permutation, strict curricula draw none: both modes must agree there. */
const sameInBothModes = (s: OrderSpec) => s.strategy === "random" || (s.strategy.endsWith("curriculum") && s.curriculum === "strict");

test("Syllabus mode equals reference for random and strict curricula", () => {
  for (const { name, ids } of golden) {
    const spec = specOf(name, false);
    if (sameInBothModes(spec)) assert.deepEqual(orderIds(items, spec), ids, name);
  }
});

test("Syllabus mode differs from reference only inside groups: same blocks, same buckets", () => {
  const byId = new Map(items.map((q) => [q.id, q]));
  for (const { name, ids } of golden) {
    const spec = specOf(name, false);
    if (sameInBothModes(spec)) continue;
    const got = orderIds(items, spec);
    assert.notDeepEqual(got, ids, `${name}: one RNG stream shuffles the groups differently`);
    // The unit a shuffle acts on: a difficulty bucket, a category block, or a bucket within a block.
    const groupOf = (id: string) => {
      const q = byId.get(id)!;
      const level = q.difficulty! <= manifest.easy ? 0 : q.difficulty! <= manifest.medium ? 1 : 2;
      if (spec.strategy === "curriculum") return `${level}`;
      return spec.curriculum === "buckets" && spec.strategy.endsWith("curriculum") ? `${q.category}/${level}` : q.category!;
    };
    // Maximal runs of one group along the order, each with its sorted members.
    const runs = (order: string[], members: boolean) => {
      const out: string[] = [];
      for (let start = 0, i = 1; i <= order.length; i++) {
        if (i === order.length || groupOf(order[i]!) !== groupOf(order[start]!)) {
          out.push(groupOf(order[start]!) + (members ? `:${order.slice(start, i).sort().join(",")}` : ""));
          start = i;
        }
      }
      return out;
    };
    // Interleaved chunks are thirds of differently shuffled blocks: same layout, other members.
    const members = spec.strategy !== "interleaved";
    assert.deepEqual(runs(got, members), runs(ids, members), name);
  }
});
