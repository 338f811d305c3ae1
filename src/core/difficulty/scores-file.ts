/**
 * Difficulty from a scores file joined to the questions by id or by row position.
 *
 * By row, the format is the published study's `llm_difficulty_*.csv`: `Index,llm_difficulty`, where
 * Index i is the i-th question (0-based) of the source file in its order. The Index values must be
 * exactly 0..n-1 (each once) for the n questions; a length mismatch or a missing index is an error,
 * because a positional join against the wrong file silently gives every question someone else's score.
 * Without an Index column, the scores file's own row order is the join.
 *
 * By id: columns `id` and the score. Every question needs a score and every score a question.
 * The score column is `llm_difficulty` or `difficulty`, else the only other named column.
 */
import { DataError, type DataIssue } from "../errors";
import { readCsvRecords } from "../questions/csv-records";
import { numberField, textField } from "../questions/fields";
import type { ImportedItem } from "../questions/import";

export interface ScoresOptions {
  by: "id" | "row";
  /** Score column; default: llm_difficulty, difficulty, or the only other named column. */
  valueColumn?: string;
  /** Key column: default `id` (by id) or `Index` (by row). */
  keyColumn?: string;
}

const INDEX_NAMES = ["Index", "index", "row"];
const VALUE_NAMES = ["llm_difficulty", "difficulty"];

function chooseColumns(names: string[], options: ScoresOptions, file: string, issues: DataIssue[]): { key?: string; value?: string } {
  const key =
    options.keyColumn ?? (options.by === "id" ? (names.includes("id") ? "id" : undefined) : INDEX_NAMES.find((n) => names.includes(n)));
  if (options.keyColumn !== undefined && !names.includes(options.keyColumn)) {
    issues.push({ file, line: 1, field: options.keyColumn, message: `the key column "${options.keyColumn}" is not in the file (columns: ${names.join(", ")})`, fix: "name an existing column" });
  }
  if (options.by === "id" && key === undefined) {
    issues.push({ file, line: 1, field: "id", message: `a scores file joined by id needs an "id" column (columns: ${names.join(", ")})`, fix: "add an id column, or join by row" });
  }
  const others = names.filter((n) => n !== key && !n.startsWith("Unnamed: "));
  let value = options.valueColumn ?? VALUE_NAMES.find((n) => names.includes(n));
  if (value === undefined && others.length === 1) value = others[0];
  if (value === undefined || !names.includes(value)) {
    issues.push({
      file,
      line: 1,
      field: value,
      message: value === undefined ? `cannot tell which column holds the scores (columns: ${names.join(", ")})` : `the score column "${value}" is not in the file`,
      fix: "name the score column (llm_difficulty or difficulty are found by themselves)",
    });
  }
  return { key, value };
}

/** Sets `difficulty` on every item from the scores file, or throws one DataError with every problem. */
export async function applyScoresFile<T extends ImportedItem>(items: T[], file: string, options: ScoresOptions): Promise<void> {
  const issues: DataIssue[] = [];
  let cols: { key?: string; value?: string } = {};
  const scores = new Float64Array(items.length).fill(Number.NaN);
  const scoreLine = new Int32Array(items.length);
  const byId = options.by === "id" ? new Map(items.map((it, i) => [it.id, i])) : undefined;
  const src = items[0]?.source.file ?? "the questions";
  let rows = 0;
  for await (const { fields, line } of readCsvRecords(file, issues, { onHeader: (names) => (cols = chooseColumns(names, options, file, issues)) })) {
    const position = rows++;
    if (cols.value === undefined || (options.by === "id" && cols.key === undefined)) break;
    const n = numberField(fields, cols.value);
    if (!n.ok || n.value === undefined) {
      const raw = n.ok ? "" : n.raw;
      issues.push({ file, line, field: cols.value, message: raw ? `score "${raw}" is not a number` : "the score is missing", fix: "write a number for every row" });
      continue;
    }
    let target: number;
    if (options.by === "id") {
      const id = textField(fields, cols.key!)?.trim() ?? "";
      const found = byId!.get(id);
      if (found === undefined) {
        issues.push({ file, line, field: cols.key, message: `id "${id}" is not a question of ${src}`, fix: "score the same questions file, or join by row" });
        continue;
      }
      target = found;
    } else if (cols.key !== undefined) {
      const k = numberField(fields, cols.key);
      if (!k.ok || k.value === undefined || !Number.isInteger(k.value) || k.value < 0) {
        issues.push({ file, line, field: cols.key, message: `${cols.key} "${k.ok ? (k.value ?? "") : k.raw}" is not a row number (0, 1, 2, …)`, fix: "write the 0-based position of the question" });
        continue;
      }
      target = k.value;
      if (target >= items.length) {
        issues.push({ file, line, field: cols.key, message: `${cols.key} ${target} is past the last question (${src} has ${items.length}, so 0..${items.length - 1})`, fix: "use the scores file made for this questions file" });
        continue;
      }
    } else {
      target = position;
      if (target >= items.length) continue; // counted below as a length mismatch
    }
    if (!Number.isNaN(scores[target]!)) {
      const what = options.by === "id" ? `id "${items[target]!.id}"` : `${cols.key ?? "row"} ${target}`;
      issues.push({ file, line, field: cols.key, message: `${what} already has a score on line ${scoreLine[target]}`, fix: "keep one score per question" });
      continue;
    }
    scores[target] = n.value;
    scoreLine[target] = line;
  }
  if (issues.length === 0 && options.by === "row" && rows !== items.length) {
    issues.push({
      file,
      line: 0,
      message: `the scores file has ${rows} rows but ${src} has ${items.length} questions; a positional join needs the same number`,
      fix: "use the scores file made for exactly this questions file, in the same order",
    });
  }
  if (issues.length === 0) {
    for (let i = 0; i < items.length; i++) {
      if (!Number.isNaN(scores[i]!)) continue;
      const it = items[i]!;
      const key = options.by === "id" ? `id "${it.id}"` : `${cols.key ?? "row"} ${i}`;
      issues.push({ file, line: 0, field: cols.key, message: `no score for ${key} (${it.source.file}:${it.source.line})`, fix: "score every question" });
    }
  }
  if (issues.length) throw new DataError(issues);
  for (let i = 0; i < items.length; i++) items[i]!.difficulty = scores[i]!;
}
