/** Number formatting for tables and summaries. */

/**
 * Rounds half away from zero at `digits` decimals, after removing binary noise: 0.935 computed as
 * 0.93499999999999994 still rounds to 0.94, as the study's arithmetic on decimal numbers does.
 */
export function roundHalfUp(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const scale = 10 ** digits;
  const scaled = Number((Math.abs(x) * scale).toPrecision(12));
  return (Math.sign(x) * Math.round(scaled)) / scale;
}

/** A fraction shown as a percentage with `digits` decimals ("37.41"); "—" for a missing value. */
export function pct(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return "—";
  return roundHalfUp(x * 100, digits).toFixed(digits);
}

/** A gain in percentage points with its sign ("+1.81", "−0.61"). */
export function signedPct(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return "—";
  const r = roundHalfUp(x * 100, digits);
  return (r > 0 ? "+" : r < 0 ? "−" : "") + Math.abs(r).toFixed(digits);
}

/** A p-value: 3 significant digits, "< 0.001" style floor avoided — researchers want the number. */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return "—";
  return p >= 0.001 ? p.toFixed(3) : p.toExponential(2);
}
