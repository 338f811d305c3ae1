/** Reading typed values out of a source record's fields, uniformly for CSV (all strings) and JSON. */

/** Text of a field: strings as they are, numbers as written; absent, null and "" are undefined. */
export function textField(fields: Record<string, unknown>, key: string): string | undefined {
  const v = fields[key];
  if (typeof v === "string") return v === "" ? undefined : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

/** pandas writes a missing number as an empty cell or NaN; both mean "no value", not an error. */
const MISSING = new Set(["", "nan", "na", "n/a", "null", "none"]);

export type NumberResult = { ok: true; value: number | undefined } | { ok: false; raw: string };

/** A finite number, or undefined when the field is absent or blank; `ok: false` when it is not a number. */
export function numberField(fields: Record<string, unknown>, key: string): NumberResult {
  const v = fields[key];
  if (v === undefined || v === null) return { ok: true, value: undefined };
  if (typeof v === "number") return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, raw: String(v) };
  if (typeof v !== "string") return { ok: false, raw: JSON.stringify(v) };
  const s = v.trim();
  if (MISSING.has(s.toLowerCase())) return { ok: true, value: undefined };
  const n = Number(s);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, raw: v };
}

export function hasField(fields: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(fields, key);
}
