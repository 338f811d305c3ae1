/**
 * The stable ascending sort by difficulty behind every strict curriculum: ties keep the given order
 * (= pandas `sort_values(kind="mergesort")`; -0 equals 0). The published code uses pandas' default,
 * unstable quicksort, whose order among ties depends on numpy and the CPU; a stable tie-break makes
 * every order the same on every machine (docs/ordering.md, "Ties"). Fast enough for
 * 200,000 questions in a one-shot CLI (a radix sort: no comparator calls, no warm-up-sensitive branches).
 */

export function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Stable ascending sort by difficulty: ties keep the given order (see the file comment on ties). */
export function sortByDifficulty(rows: Int32Array, difficulty: Float64Array): Int32Array {
  return rows.length < 256 || !LITTLE_ENDIAN ? comparisonSort(rows, difficulty) : radixSort(rows, difficulty);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function comparisonSort(rows: Int32Array, difficulty: Float64Array): Int32Array {
  const m = rows.length;
  const key = new Float64Array(m);
  for (let i = 0; i < m; i++) key[i] = difficulty[rows[i]!]!;
  const pos = Array.from({ length: m }, (_, i) => i);
  pos.sort((a, b) => key[a]! - key[b]! || a - b); // ties → earlier position first: stable
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = rows[pos[i]!]!;
  return out;
}

/**
 * LSD radix sort (stable by construction) on an order-preserving unsigned image of the doubles: six
 * 11-bit digits, histograms in one pass, digits that are equal for every row skipped. O(n); a comparator
 * sort of 200,000 rows costs several times more. Assumes no NaN (rejected before ordering); -0 is folded
 * into +0, as pandas compares them equal.
 */
function radixSort(rows: Int32Array, difficulty: Float64Array): Int32Array {
  const m = rows.length;
  const f = new Float64Array(m);
  for (let i = 0; i < m; i++) f[i] = difficulty[rows[i]!]! + 0;
  const words = new Uint32Array(f.buffer); // little-endian: [lo, hi] per double
  const R = 2048;
  const hist = new Int32Array(6 * R);
  // All six digits of every key up front, pass-major, so that the scatter loop below is one branch-free
  // loop for every pass (a per-pass branch inside it deoptimizes on each new pass: 10× slower cold).
  const digits = new Uint16Array(6 * m);
  for (let i = 0; i < m; i++) {
    let h = words[2 * i + 1]!;
    let l = words[2 * i]!;
    // Negative doubles: flip all bits (larger magnitude sorts first); positive: set the sign bit.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    const d0 = l & 2047;
    const d1 = (l >>> 11) & 2047;
    const d2 = ((l >>> 22) | (h << 10)) & 2047;
    const d3 = (h >>> 1) & 2047;
    const d4 = (h >>> 12) & 2047;
    const d5 = h >>> 23;
    digits[i] = d0;
    digits[m + i] = d1;
    digits[2 * m + i] = d2;
    digits[3 * m + i] = d3;
    digits[4 * m + i] = d4;
    digits[5 * m + i] = d5;
    hist[d0]!++;
    hist[R + d1]!++;
    hist[2 * R + d2]!++;
    hist[3 * R + d3]!++;
    hist[4 * R + d4]!++;
    hist[5 * R + d5]!++;
  }
  let idx = identity(m);
  let tmp = new Int32Array(m);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * R;
    const offset = pass * m;
    let trivial = false;
    for (let b = 0, sum = 0; b < R; b++) {
      const c = hist[base + b]!;
      if (c === m) trivial = true;
      hist[base + b] = sum;
      sum += c;
    }
    if (trivial) continue; // every row has the same digit here: the pass would change nothing
    for (let i = 0; i < m; i++) {
      const r = idx[i]!;
      tmp[hist[base + digits[offset + r]!]!++] = r;
    }
    const swap = idx;
    idx = tmp;
    tmp = swap;
  }
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = rows[idx[i]!]!;
  return out;
}
