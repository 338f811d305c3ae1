/**
 * Holm–Bonferroni adjustment for a family of tests (e.g. every strategy against the baseline on one
 * cell): step-down, adjusted p_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)). Controls the family-wise
 * error rate without assuming independence. NaN p-values (untestable) stay NaN and do not count in m.
 */
export function holmAdjust(ps: readonly number[]): number[] {
  const idx = ps.map((p, i) => ({ p, i })).filter((x) => !Number.isNaN(x.p)).sort((x, y) => x.p - y.p);
  const m = idx.length;
  const out = ps.map(() => Number.NaN);
  let running = 0;
  idx.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
