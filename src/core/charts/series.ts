/** Curve arithmetic for the learning curves: smoothing and mean ± band over seeds. Pure and browser-safe. */

/** Exponential moving average as TensorBoard does it (debiased), weight in [0, 1); 0 returns the input. */
export function smooth(values: readonly number[], weight: number): number[] {
  if (!(weight > 0)) return [...values];
  const out: number[] = [];
  let last = 0;
  let count = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) { out.push(v); continue; }
    last = last * weight + (1 - weight) * v;
    count++;
    out.push(last / (1 - Math.pow(weight, count)));
  }
  return out;
}

export interface BandPoint { x: number; mean: number; low: number; high: number; n: number }

/**
 * Mean ± one standard deviation at each x over several runs. Runs are aligned on equal x values
 * (same step or same questions seen); an x only some runs reached averages those runs (n says how many).
 */
export function meanBand(runs: readonly { x: readonly number[]; y: readonly number[] }[]): BandPoint[] {
  const byX = new Map<number, number[]>();
  for (const r of runs) r.x.forEach((x, i) => {
    const y = r.y[i];
    if (y === undefined || !Number.isFinite(y)) return;
    const list = byX.get(x) ?? [];
    list.push(y);
    byX.set(x, list);
  });
  return [...byX.entries()].sort((a, b) => a[0] - b[0]).map(([x, ys]) => {
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
    const sd = ys.length > 1 ? Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / (ys.length - 1)) : 0;
    return { x, mean, low: mean - sd, high: mean + sd, n: ys.length };
  });
}
