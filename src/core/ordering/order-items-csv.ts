/**
 * A minimal, strict CSV reader for what the orderings need: id, category and difficulty columns from an
 * RFC 4180 file (quoted fields, "" escapes, newlines inside quotes, CRLF, a UTF-8 BOM), skipping every
 * other column (question text, options) without decoding it.
 *
 * Why not csv-parse: it decodes every field of every record into strings; on a 200,000-question
 * MedMCQA-style file (~100 MB with the text) that alone took longer than the whole 1-second budget for
 * loading plus ten orders. Here skipped fields cost one byte scan (quoted ones a native indexOf), and
 * only three short fields per row become strings. Rules follow pandas' `read_csv` where it matters:
 * blank lines are skipped, an empty difficulty or pandas' NA spellings (NaN, NA, null, …) mean
 * "missing" (kept, reported later by the strategy that needs it — never dropped). Anything malformed
 * (unterminated quote, text after a closing quote, wrong field count, a non-numeric difficulty,
 * a duplicate id) is a DataError naming file, line and field.
 */
import { readFile } from "node:fs/promises";
import { DataError, type DataIssue } from "../errors";
import type { OrderItem } from "./types";

export interface OrderCsvColumns {
  id: string;
  category: string;
  difficulty: string;
}

export const DEFAULT_ORDER_CSV_COLUMNS: OrderCsvColumns = { id: "id", category: "category", difficulty: "difficulty" };

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** pandas' default NA strings: such a difficulty is missing, not malformed. */
const NA_STRINGS = new Set([
  "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
  "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
]);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a difficulty cell: a number, undefined for an NA cell, or null when it is not a number. */
export function parseDifficulty(text: string): number | undefined | null {
  const t = text.trim();
  if (NA_STRINGS.has(t)) return undefined;
  return DECIMAL.test(t) ? Number(t) : null;
}

export function readOrderItemsCsv(
  bytes: Uint8Array,
  file: string,
  columns: OrderCsvColumns = DEFAULT_ORDER_CSV_COLUMNS,
): OrderItem[] {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.length;
  const issues: DataIssue[] = [];
  const fail = (line: number, message: string, fix: string, field?: string): never => {
    issues.push({ file, line, field, message, fix });
    throw new DataError(issues);
  };
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let line = 1;

  // Reads one field at `pos`; returns its text if `want`, else "" (skipped without decoding).
  // Leaves `pos` on the delimiter (comma, CR/LF) or at the end.
  const readField = (want: boolean, recordLine: number): string => {
    if (buf[pos] === QUOTE) {
      const start = ++pos;
      let escaped = false;
      for (;;) {
        const q = buf.indexOf(QUOTE, pos);
        if (q < 0) fail(recordLine, "a quoted field is never closed", 'close the field with " (write a literal quote as "")');
        for (let nl = buf.indexOf(LF, pos); nl >= 0 && nl < q; nl = buf.indexOf(LF, nl + 1)) line++;
        if (buf[q + 1] === QUOTE) {
          escaped = true;
          pos = q + 2;
          continue;
        }
        pos = q + 1;
        const next = buf[pos];
        if (pos < end && next !== COMMA && next !== LF && next !== CR) {
          fail(line, "text follows a closing quote", 'quote the whole field and write a literal quote as ""');
        }
        if (!want) return "";
        const text = buf.toString("utf8", start, q);
        return escaped ? text.replaceAll('""', '"') : text;
      }
    }
    const start = pos;
    while (pos < end) {
      const c = buf[pos]!;
      if (c === COMMA || c === LF || c === CR) break;
      pos++;
    }
    return want ? buf.toString("utf8", start, pos) : "";
  };

  // Consumes the record's end (CRLF, LF or EOF); returns false if a comma follows instead.
  const endOfRecord = (): boolean => {
    if (pos >= end) return true;
    const c = buf[pos];
    if (c === COMMA) return false;
    if (c === CR) pos++;
    if (buf[pos] === LF) pos++;
    line++;
    return true;
  };

  const skipBlankLines = () => {
    while (pos < end && (buf[pos] === LF || buf[pos] === CR)) {
      if (buf[pos] === LF) line++;
      pos++;
    }
  };

  skipBlankLines();
  const headerLine = line;
  const header: string[] = [];
  for (;;) {
    header.push(readField(true, headerLine).trim());
    if (endOfRecord()) break;
    pos++;
  }
  const width = header.length;
  const col = (name: string) => header.indexOf(name);
  const idCol = col(columns.id);
  const catCol = col(columns.category);
  const diffCol = col(columns.difficulty);
  if (idCol < 0) {
    fail(headerLine, `the header has no "${columns.id}" column (it has: ${header.join(", ")})`, `add an id column or map ${columns.id} to an existing one`, columns.id);
  }

  const items: OrderItem[] = [];
  const seen = new Map<string, number>();
  for (;;) {
    skipBlankLines();
    if (pos >= end) break;
    const recordLine = line;
    let id = "";
    let category: string | undefined;
    let difficultyText: string | undefined;
    let field = 0;
    for (;;) {
      const text = readField(field === idCol || field === catCol || field === diffCol, recordLine);
      if (field === idCol) id = text;
      else if (field === catCol) category = text;
      else if (field === diffCol) difficultyText = text;
      field++;
      if (endOfRecord()) break;
      pos++;
    }
    if (field !== width) {
      issues.push({ file, line: recordLine, message: `this record has ${field} fields, the header has ${width}`, fix: "quote fields that contain commas or line breaks" });
      if (issues.length >= 100) break;
      continue;
    }
    let difficulty: number | undefined;
    if (difficultyText !== undefined) {
      const d = parseDifficulty(difficultyText);
      if (d === null) {
        issues.push({ file, line: recordLine, field: columns.difficulty, message: `"${difficultyText}" is not a number`, fix: "write the difficulty as a decimal number like 0.42, or leave it empty if unknown" });
      } else difficulty = d;
    }
    if (id.trim() === "") {
      issues.push({ file, line: recordLine, field: columns.id, message: "the id is empty", fix: "give every question a unique id" });
    } else {
      const first = seen.get(id);
      if (first !== undefined) {
        issues.push({ file, line: recordLine, field: columns.id, message: `id "${id}" is already used on line ${first}`, fix: "give every question a unique id" });
      } else seen.set(id, recordLine);
    }
    const item: OrderItem = { id, source: { file, line: recordLine } };
    if (category !== undefined && category !== "") item.category = category;
    if (difficulty !== undefined) item.difficulty = difficulty;
    items.push(item);
  }
  if (issues.length) throw new DataError(issues);
  return items;
}

export async function loadOrderItemsCsv(path: string, columns?: OrderCsvColumns): Promise<OrderItem[]> {
  return readOrderItemsCsv(await readFile(path), path, columns);
}
