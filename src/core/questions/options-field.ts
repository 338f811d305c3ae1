/** Options given as one field: a JSON object keyed by letter, or an array (A, B, … in order). */
import type { DataIssue } from "../errors";
import { OPTION_LETTERS, isOptionLetter, type OptionLetter } from "./question";

export function optionsFromValue(value: unknown, file: string, line: number, field: string, issues: DataIssue[]): Partial<Record<OptionLetter, string>> {
  let v = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      issues.push({ file, line, field, message: "the options field is not a JSON object or array", fix: 'write it as {"A": "…", "B": "…"} or ["…", "…"]' });
      return {};
    }
  }
  const out: Partial<Record<OptionLetter, string>> = {};
  if (v === undefined || v === null) {
    issues.push({ file, line, field, message: "the options are missing", fix: `add the "${field}" field` });
    return out;
  }
  const entries: [string, unknown][] = Array.isArray(v)
    ? v.map((x, i) => [OPTION_LETTERS[i] ?? `#${i + 1}`, x])
    : typeof v === "object"
      ? Object.entries(v as Record<string, unknown>)
      : [];
  if (!Array.isArray(v) && typeof v !== "object") {
    issues.push({ file, line, field, message: "the options field is not an object or array", fix: 'write it as {"A": "…", "B": "…"}' });
  }
  for (const [key, text] of entries) {
    const letter = key.trim().toUpperCase();
    if (!isOptionLetter(letter)) {
      issues.push({ file, line, field: `${field}.${key}`, message: `"${key}" is not an option letter (at most 5 options, A to E)`, fix: "key the options A, B, C, D, E" });
      continue;
    }
    if (typeof text === "string") out[letter] = text;
    else if (typeof text === "number") out[letter] = String(text);
    else if (text === null || text === undefined) out[letter] = "";
    else issues.push({ file, line, field: `${field}.${key}`, message: `option ${letter} is not text`, fix: "write the option as a string" });
  }
  return out;
}
