/**
 * Public API of the orderings: one spec → one deterministic order (indices into the items).
 * Exact semantics, the difference between Syllabus and `reference` mode, and how to reproduce any
 * order with numpy: docs/ordering.md.
 */
import { categoryOrder, indexCategories } from "./categories";
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
import { checkItems, checkSpec, requiresCategory } from "./validate";

export * from "./types";
export { requiresCategory, requiresDifficulty } from "./validate";
export { summarizeOrder, type OrderSummary } from "./summary";
export { MT19937, numpyPermutation } from "./mt19937";
export { LEVELS, levelOf, type Level } from "./levels";

function columns(items: readonly OrderItem[], spec: OrderSpec): Columns {
  const n = items.length;
  const difficulty = new Float64Array(n);
  for (let i = 0; i < n; i++) difficulty[i] = items[i]!.difficulty ?? Number.NaN;
  if (!requiresCategory(spec.strategy)) {
    return { n, difficulty, rowsByCategory: [], categoryOrder: new Int32Array(0) };
  }
  const index = indexCategories(items.map((item) => item.category));
  return {
    n,
    difficulty,
    rowsByCategory: index.rows,
    categoryOrder: categoryOrder(index, spec.categoryOrder, spec.categorySeed ?? 0),
  };
}

/**
 * The training order of `items` under `spec`: position p trains on items[order[p]].
 * Throws a DataError naming every row that lacks a difficulty or category the strategy needs,
 * or the spec field that is invalid. `categorySeed` defaults to 0.
 */
export function orderItems(items: readonly OrderItem[], spec: OrderSpec): Int32Array {
  checkSpec(spec);
  checkItems(items, spec.strategy);
  const cols = columns(items, spec);
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

/** The ids in training order. */
export function orderIds(items: readonly OrderItem[], spec: OrderSpec): string[] {
  return Array.from(orderItems(items, spec), (i) => items[i]!.id);
}
