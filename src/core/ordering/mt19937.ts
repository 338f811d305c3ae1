/**
 * A Mersenne Twister (MT19937) that reproduces numpy's legacy `RandomState` bit for bit, so that every
 * order Syllabus makes can be re-made in Python with `numpy.random.RandomState(seed).permutation(n)`.
 *
 * Written here rather than taken from npm because exactness against numpy is the point: the npm
 * MT packages seed and draw bounded integers differently (modulo or float scaling), which gives
 * different permutations. State is a Uint32Array and all arithmetic is 32-bit (Math.imul, >>> 0):
 * no BigInt, no allocation in the hot loop.
 *
 * numpy semantics reproduced (numpy/random/_mt19937.pyx, src/mt19937, src/distributions):
 *  - `RandomState(int)` seeds with `mt19937_seed` (Knuth's init_genrand); `RandomState(array)`
 *    uses `init_by_array` — both are offered (`fromSeed`, `fromArray`).
 *  - `shuffle` / `permutation` walk i = n-1 … 1 and swap x[i] with x[j], j = `random_interval(i)`:
 *    draw 32 bits, AND with the smallest all-ones mask ≥ i, reject while > i.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** Largest seed numpy accepts as an integer seed. */
export const MAX_SEED = 0xffffffff;

export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private pos = N;

  private constructor() {}

  /** `numpy.random.RandomState(seed)` for an integer seed in [0, 2^32 - 1]. */
  static fromSeed(seed: number): MT19937 {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(`seed must be an integer in [0, ${MAX_SEED}] (numpy's range), got ${seed}`);
    }
    const rng = new MT19937();
    rng.initGenrand(seed >>> 0);
    return rng;
  }

  /** `numpy.random.RandomState(np.array(key, dtype=np.uint32))`: Matsumoto–Nishimura init_by_array. */
  static fromArray(key: ArrayLike<number>): MT19937 {
    const rng = new MT19937();
    rng.initByArray(key);
    return rng;
  }

  private initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.pos = N;
  }

  private initByArray(key: ArrayLike<number>): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    const len = key.length;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, len); k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j]! >>> 0) + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
    this.pos = N;
  }

  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** Next 32 random bits as an unsigned integer (numpy's `next_uint32`). */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A uniform integer in [0, max] by masked rejection, as numpy's `random_interval` (max < 2^32). */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** In-place Fisher–Yates from the end, exactly as numpy's legacy `RandomState.shuffle`. */
  shuffle(x: { [i: number]: number; length: number }): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = x[i]!;
      x[i] = x[j]!;
      x[j] = t;
    }
  }

  /** `RandomState.permutation(n)`: a shuffled 0 … n-1. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }
}

/** Shorthand for `numpy.random.RandomState(seed).permutation(n)`. */
export function numpyPermutation(seed: number, n: number): Int32Array {
  return MT19937.fromSeed(seed).permutation(n);
}
