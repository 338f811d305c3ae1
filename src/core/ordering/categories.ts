/**
 * Categories as small integer codes, numbered in SORTED order (Python's string order: by Unicode code
 * point, which is what pandas' `groupby(sort=True)` uses), plus the three category orders.
 */
import { MT19937 } from "./mt19937";
import type { CategoryOrder } from "./types";

/** Compare by Unicode code point like Python's `str <`, not by UTF-16 unit like JS's default sort. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate encodes a code point above 0xFFFF, so it ranks above any non-surrogate unit (even
    // 0xE000–0xFFFF, which sort after surrogates by unit); otherwise unit order is code point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export interface CategoryIndex {
  /** Distinct category names, sorted by code point; a category's code is its position here. */
  names: string[];
  /** Code of each item's category (-1 where missing, which the validator rejects before use). */
  codeOf: Int32Array;
  /** Rows of each category in input order (what pandas' groupby hands to each group). */
  rows: Int32Array[];
}

/**
 * Codes in sorted order from provisional codes (index into `firstSeen`, -1 = none). A blank name counts
 * as missing (pandas reads an empty cell as NaN, which groupby drops).
 */
export function indexCategoryCodes(raw: Int32Array, firstSeen: readonly string[]): CategoryIndex {
  const n = raw.length;
  const names = firstSeen.filter((name) => name.trim() !== "").sort(compareCodePoints);
  const remap = new Int32Array(firstSeen.length).fill(-1);
  const sortedCode = new Map(names.map((name, code) => [name, code]));
  firstSeen.forEach((name, k) => (remap[k] = sortedCode.get(name) ?? -1));
  const counts = new Int32Array(names.length);
  const codeOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const code = raw[i]! < 0 ? -1 : remap[raw[i]!]!;
    codeOf[i] = code;
    if (code >= 0) counts[code]!++;
  }
  const rows = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(names.length);
  for (let i = 0; i < n; i++) {
    const code = codeOf[i]!;
    if (code >= 0) rows[code]![fill[code]!++] = i;
  }
  return { names, codeOf, rows };
}

/**
 * The order in which category blocks are emitted, as a list of codes.
 *  - sorted: by name (the published code: pandas groupby sorts its keys).
 *  - size: most questions first, ties by name.
 *  - random: the sorted list shuffled with `RandomState(categorySeed)`, i.e. in numpy
 *    `np.array(sorted(cats))[np.random.RandomState(categorySeed).permutation(k)]`. It depends on the
 *    category seed only, so it stays the same across run seeds (paper: "category orders kept consistent").
 */
export function categoryOrder(index: CategoryIndex, order: CategoryOrder, categorySeed = 0): Int32Array {
  const k = index.names.length;
  const codes = new Int32Array(k);
  for (let i = 0; i < k; i++) codes[i] = i;
  if (order === "size") {
    codes.sort((a, b) => index.rows[b]!.length - index.rows[a]!.length || a - b);
  } else if (order === "random") {
    MT19937.fromSeed(categorySeed).shuffle(codes);
  }
  return codes;
}
