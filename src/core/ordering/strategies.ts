/**
 * The six strategies on prepared columns (category codes, difficulties), each returning item indices in
 * training order. Semantics follow the published code (the published code's training/data_ordering.py), see docs/ordering.md:
 *
 *  - random:      RandomState(seed).permutation(n)                        (= df.sample(frac=1, random_state=seed))
 *  - curriculum:  strict = stable ascending sort by difficulty; buckets = easy ++ medium ++ hard, each shuffled
 *  - blocked:     category blocks in category order, each block shuffled
 *  - blocked_curriculum:     blocks, each sorted (strict) or bucketed+shuffled (buckets)
 *  - interleaved:            each block of `blocked` cut in 3 contiguous parts (np.array_split sizes),
 *                            round-robin over the categories, 3 rounds
 *  - interleaved_curriculum: strict = the same on blocked_curriculum; buckets = blocked_curriculum's
 *                            rows regrouped: all easy (category order), then all medium, then all hard
 *
 * Where the RNG comes from is the one difference between the modes (a `Shuffler`):
 *  - reference: every group/bucket is shuffled by a FRESH RandomState(seed), as pandas'
 *    `g.sample(frac=1, random_state=seed)` in a loop does;
 *  - syllabus:  ONE RandomState(seed) stream shuffles the groups one after another, categories in sorted
 *    order and, within one, easy, medium, hard — so groups get independent shuffles, and the category
 *    order only moves blocks around, never changes what is inside them.
 */
import { MT19937 } from "./mt19937";
import { identity, sortByDifficulty } from "./difficulty-sort";
import { splitLevels } from "./levels";
import type { CurriculumMode, Thresholds } from "./types";

/** Shuffles one group of rows in place. Calls come in a fixed order (see above). */
export type Shuffler = (rows: Int32Array) => void;

export function makeShuffler(seed: number, reference: boolean): Shuffler {
  if (reference) return (rows) => MT19937.fromSeed(seed).shuffle(rows);
  const stream = MT19937.fromSeed(seed);
  return (rows) => stream.shuffle(rows);
}

export interface Columns {
  n: number;
  difficulty: Float64Array;
  /** Rows of each category (by sorted code) in input order. */
  rowsByCategory: Int32Array[];
  /** Category code of each row. */
  categoryOf: Int32Array;
  /** Category codes in emission order. */
  categoryOrder: Int32Array;
}

export function concat(parts: readonly Int32Array[]): Int32Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Int32Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function randomOrder(n: number, seed: number): Int32Array {
  return MT19937.fromSeed(seed).permutation(n);
}

/**
 * All rows sorted by difficulty, computed once per prepared question set (keyed by its difficulty
 * column, which PreparedItems never changes): the three strict orders share one sort.
 */
const sortedCache = new WeakMap<Float64Array, Int32Array>();
function sortedRows(cols: Columns): Int32Array {
  let sorted = sortedCache.get(cols.difficulty);
  if (!sorted) {
    sorted = sortByDifficulty(identity(cols.n), cols.difficulty);
    sortedCache.set(cols.difficulty, sorted);
  }
  return sorted;
}

export function curriculumOrder(cols: Columns, mode: CurriculumMode, t: Thresholds, shuffle: Shuffler): Int32Array {
  if (mode === "strict") return sortedRows(cols).slice();
  const all = identity(cols.n);
  const levels = splitLevels(all, cols.difficulty, t);
  for (const bucket of levels) shuffle(bucket);
  return concat(levels);
}

/** Each category's block (indexed by category code): its rows shuffled. */
function shuffledBlocks(cols: Columns, shuffle: Shuffler): Int32Array[] {
  return cols.rowsByCategory.map((rows) => {
    const block = rows.slice();
    shuffle(block);
    return block;
  });
}

/** Each category's easy/medium/hard buckets (indexed by category code), each shuffled. */
function bucketBlocks(cols: Columns, t: Thresholds, shuffle: Shuffler): Int32Array[][] {
  return cols.rowsByCategory.map((rows) => {
    const levels = splitLevels(rows, cols.difficulty, t);
    for (const bucket of levels) shuffle(bucket);
    return levels;
  });
}

/**
 * Each category's rows sorted by difficulty (indexed by code): one stable sort of all rows, then a
 * stable split by category — the same as sorting each group, as ties keep input order either way.
 */
function sortedBlocks(cols: Columns): Int32Array[] {
  const sorted = sortedRows(cols); // every row has a category (validated)
  const blocks = cols.rowsByCategory.map((rows) => new Int32Array(rows.length));
  const fill = new Int32Array(blocks.length);
  for (let i = 0; i < sorted.length; i++) {
    const code = cols.categoryOf[sorted[i]!]!;
    blocks[code]![fill[code]!++] = sorted[i]!;
  }
  return blocks;
}

function inCategoryOrder<T>(byCode: readonly T[], order: Int32Array): T[] {
  return Array.from(order, (code) => byCode[code]!);
}

/** Blocks in emission order, for blocked and as the input of interleaving. */
function blockedBlocks(cols: Columns, shuffle: Shuffler): Int32Array[] {
  return inCategoryOrder(shuffledBlocks(cols, shuffle), cols.categoryOrder);
}

function blockedCurriculumBlocks(cols: Columns, mode: CurriculumMode, t: Thresholds, shuffle: Shuffler): Int32Array[] {
  if (mode === "strict") return inCategoryOrder(sortedBlocks(cols), cols.categoryOrder);
  return inCategoryOrder(bucketBlocks(cols, t, shuffle), cols.categoryOrder).map(concat);
}

/** The sizes np.array_split gives for m items in 3 parts: larger parts first (10 → 4,3,3; 11 → 4,4,3). */
export function thirds(m: number): [number, number, number] {
  const base = Math.floor(m / 3);
  const extra = m % 3;
  return [base + (extra > 0 ? 1 : 0), base + (extra > 1 ? 1 : 0), base];
}

/** Round r = 0,1,2: the r-th contiguous third of every block, blocks in the given order. */
export function interleaveThirds(blocks: readonly Int32Array[]): Int32Array {
  const parts: Int32Array[] = [];
  const starts = blocks.map(() => 0);
  for (let r = 0; r < 3; r++) {
    blocks.forEach((block, b) => {
      const size = thirds(block.length)[r]!;
      if (size > 0) parts.push(block.subarray(starts[b]!, starts[b]! + size));
      starts[b]! += size;
    });
  }
  return concat(parts);
}

export function blockedOrder(cols: Columns, shuffle: Shuffler): Int32Array {
  return concat(blockedBlocks(cols, shuffle));
}

export function blockedCurriculumOrder(cols: Columns, mode: CurriculumMode, t: Thresholds, shuffle: Shuffler): Int32Array {
  return concat(blockedCurriculumBlocks(cols, mode, t, shuffle));
}

export function interleavedOrder(cols: Columns, shuffle: Shuffler): Int32Array {
  return interleaveThirds(blockedBlocks(cols, shuffle));
}

export function interleavedCurriculumOrder(cols: Columns, mode: CurriculumMode, t: Thresholds, shuffle: Shuffler): Int32Array {
  if (mode === "strict") return interleaveThirds(blockedCurriculumBlocks(cols, "strict", t, shuffle));
  const blocks = inCategoryOrder(bucketBlocks(cols, t, shuffle), cols.categoryOrder);
  const parts: Int32Array[] = [];
  for (let level = 0; level < 3; level++) for (const levels of blocks) parts.push(levels[level]!);
  return concat(parts);
}
