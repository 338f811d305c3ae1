/**
 * k-fold cross-validation of a training set, as the study evaluated on LEK (4 folds; Yang et al. 2024, §3):
 * each fold's runs train on the other k − 1 folds and are scored only on the held-out one. The folds
 * depend on the fold seed alone (never on the run seed or the strategy), so every strategy and seed is
 * scored on the same held-out questions and results pair question by question.
 *
 * Assignment (numpy-reproducible, one MT19937 stream as in docs/ordering.md):
 *   rs = RandomState(seed); c = 0
 *   for each group in order (unstratified: one group, all rows; stratified: categories in sorted order):
 *       for row in group_rows[rs.permutation(len(group_rows))]: fold[row] = c % k; c += 1
 * Dealing round-robin across groups keeps fold sizes within one of each other and spreads every
 * category as evenly as its size allows.
 */
import { DataError } from "../errors";
import { MT19937 } from "../ordering/mt19937";
import type { OrderItem } from "../ordering/types";

export interface CrossValidation {
  folds: number;
  seed: number;
  stratify: "none" | "category";
}

/** fold[i] ∈ 0..k−1 for each item i. */
export function assignFolds(items: readonly OrderItem[], cv: CrossValidation, where = "the training set"): Int32Array {
  const { folds: k } = cv;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`cross-validation needs at least 2 folds, not ${k}`);
  if (items.length < k) {
    throw new DataError([{ file: where, line: 0, field: "cross_validation", message: `${k} folds need at least ${k} training questions; ${where} has ${items.length}`, fix: "lower `folds`" }]);
  }
  const groups: number[][] = [];
  if (cv.stratify === "category") {
    const byCategory = new Map<string, number[]>();
    const missing: OrderItem[] = [];
    items.forEach((it, i) => {
      const c = it.category?.trim();
      if (!c) missing.push(it);
      else byCategory.set(c, [...(byCategory.get(c) ?? []), i]);
    });
    if (missing.length) {
      throw new DataError(
        missing.slice(0, 20).map((it) => ({ file: it.source?.file ?? where, line: it.source?.line ?? 0, field: "category", message: `question ${it.id} has no category to stratify the folds by`, fix: "give every question a category, or drop `stratify = category`" })),
      );
    }
    // Code-point order, as categories are sorted everywhere else (docs/ordering.md).
    for (const name of [...byCategory.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) groups.push(byCategory.get(name)!);
  } else groups.push(items.map((_, i) => i));
  const rs = MT19937.fromSeed(cv.seed);
  const fold = new Int32Array(items.length);
  let c = 0;
  for (const rows of groups) {
    const perm = rs.permutation(rows.length);
    for (let p = 0; p < perm.length; p++) fold[rows[perm[p]!]!] = c++ % k;
  }
  return fold;
}

/** The rows of fold f (held out) and the rest (trained on), each in input order. */
export function splitFold<T>(items: readonly T[], fold: Int32Array, f: number): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  items.forEach((it, i) => (fold[i] === f ? heldOut : train).push(it));
  return { train, heldOut };
}
