/**
 * Public API of the orderings: one spec → one deterministic order (indices into the items).
 * Exact semantics, the difference between Syllabus and `reference` mode, and how to reproduce any
 * order with numpy: docs/ordering.md.
 */
import { categoryOrder } from "./categories";
import { prepareItems, type PreparedItems } from "./prepared";
import {
  blockedCurriculumOrder,
  blockedOrder,
  curriculumOrder,
  interleavedCurriculumOrder,
  interleavedOrder,
  makeShuffler,
  randomOrder,
  type Columns,
} from "./strategies";
import type { OrderItem, OrderSpec } from "./types";
import { checkPrepared, checkSpec } from "./validate";

export * from "./types";
export { requiresCategory, requiresDifficulty } from "./validate";
export { summarizeOrder, type OrderSummary } from "./summary";
export { MT19937, numpyPermutation } from "./mt19937";
export { LEVELS, levelOf, type Level } from "./levels";
export { prepareItems, type PreparedItems } from "./prepared";

/**
 * The training order of `items` under `spec`: position p trains on items[order[p]].
 * Throws a DataError naming every row that lacks a difficulty or category the strategy needs,
 * or the spec field that is invalid. `categorySeed` defaults to 0.
 */
export function orderItems(items: readonly OrderItem[], spec: OrderSpec): Int32Array {
  checkSpec(spec);
  return orderPrepared(prepareItems(items), spec);
}

/** `orderItems` on questions prepared once (`prepareItems` or the CSV reader), for many orders. */
export function orderPrepared(p: PreparedItems, spec: OrderSpec): Int32Array {
  checkSpec(spec);
  checkPrepared(p, spec.strategy);
  const cols: Columns = {
    n: p.n,
    difficulty: p.difficulty,
    rowsByCategory: p.categories.rows,
    categoryOf: p.categories.codeOf,
    categoryOrder: categoryOrder(p.categories, spec.categoryOrder, spec.categorySeed ?? 0),
  };
  const shuffle = makeShuffler(spec.seed, spec.reference);
  const { curriculum: mode, thresholds: t } = spec;
  switch (spec.strategy) {
    case "random":
      return randomOrder(cols.n, spec.seed);
    case "curriculum":
      return curriculumOrder(cols, mode, t, shuffle);
    case "blocked":
      return blockedOrder(cols, shuffle);
    case "blocked_curriculum":
      return blockedCurriculumOrder(cols, mode, t, shuffle);
    case "interleaved":
      return interleavedOrder(cols, shuffle);
    case "interleaved_curriculum":
      return interleavedCurriculumOrder(cols, mode, t, shuffle);
  }
}

/**
 * Ids in the order given. Written into a copy of `ids` (a fast, right-sized array): Array.from with a
 * map function is far slower on typed arrays, and `new Array(n)` above 100,000 is a slow dictionary.
 */
export function idsInOrder(ids: readonly string[], order: Int32Array): string[] {
  const out = order.length === ids.length ? ids.slice() : new Array<string>(order.length).fill("");
  for (let p = 0; p < order.length; p++) out[p] = ids[order[p]!]!;
  return out;
}

/** The ids in training order. */
export function orderIds(items: readonly OrderItem[], spec: OrderSpec): string[] {
  return idsInOrder(
    items.map((q) => q.id),
    orderItems(items, spec),
  );
}
