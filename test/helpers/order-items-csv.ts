/**
 * A minimal, strict CSV reader for what the orderings need: id, category and difficulty columns from an
 * RFC 4180 file (quoted fields, "" escapes, line breaks inside quotes, LF or CRLF line ends, a UTF-8
 * BOM), stepping over every other column (question text, options) without decoding it.
 *
 * Why not csv-parse: it decodes every field of every record into strings; on a 200,000-question
 * MedMCQA-style file (~46 MB with the text) that alone took about the whole 1-second budget for loading
 * plus ten orders. Here the columns after the last needed one are skipped with native `indexOf` jumps
 * (line ends, quotes), and only three short fields per row become strings.
 *
 * Rules (pandas' `read_csv` where it matters): blank lines are skipped; a quote opens a quoted field
 * only at the start of a field (elsewhere it is a literal character, as in pandas); an empty difficulty
 * or one of pandas' NA spellings (NaN, NA, null, …) means "missing" — kept, and reported by the strategy
 * that needs it, never dropped. A lone CR is data, not a line end. Errors (DataError naming file, line
 * and field): an unclosed quote, text after a closing quote, a record too short to hold the needed
 * columns, a non-numeric difficulty, an empty or duplicate id. Columns after the needed ones are not
 * counted: validating whole questions is the importers' job.
 */
import { readFile } from "node:fs/promises";
import { DataError, type DataIssue } from "../../src/core/errors";
import { indexCategoryCodes } from "../../src/core/ordering/categories";
import type { PreparedItems } from "../../src/core/ordering/prepared";
import type { OrderItem } from "../../src/core/ordering/types";

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
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact doubles up to 1e22

/** Parses a difficulty cell: a number, undefined for an NA cell, or null when it is not a number. */
export function parseDifficulty(text: string): number | undefined | null {
  const t = text.trim();
  if (NA_STRINGS.has(t)) return undefined;
  return DECIMAL.test(t) ? Number(t) : null;
}

/**
 * Fast path for plain decimals like `0.1234` straight from the bytes: digits as an integer m < 2^53 and
 * k ≤ 22 decimals, so m and 10^k are exact doubles and m / 10^k is one correctly rounded division —
 * the same double `Number("0.1234")` gives (Clinger's fast path). NaN means "use the slow path".
 */
function fastDecimal(buf: Buffer, start: number, end: number): number {
  let m = 0;
  let k = -1;
  let digits = 0;
  for (let p = start; p < end; p++) {
    const c = buf[p]!;
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (k >= 0) k++;
    } else if (c === 0x2e && k < 0) k = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15 || k > 22) return Number.NaN;
  return k > 0 ? m / POW10[k]! : m;
}

/** FNV-1a over UTF-16 units: a cheap hash to find duplicate ids by sorting instead of a 200k-entry Map. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Issues for repeated ids: hash+row packed in doubles, sorted natively, equal neighbours compared. */
function duplicateIds(ids: readonly string[], hashes: Uint32Array, lines: Int32Array, file: string, field: string): DataIssue[] {
  const n = ids.length;
  const issues: DataIssue[] = [];
  const report = (first: number, again: number) =>
    issues.push({ file, line: lines[again]!, field, message: `id "${ids[again]}" is already used on line ${lines[first]}`, fix: "give every question a unique id" });
  if (n >= 2 ** 21) {
    const seen = new Map<string, number>();
    ids.forEach((id, i) => (seen.has(id) ? report(seen.get(id)!, i) : seen.set(id, i)));
    return issues;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = hashes[i]! * 2 ** 21 + i;
  keys.sort();
  for (let a = 0; a < n; ) {
    const hash = Math.floor(keys[a]! / 2 ** 21);
    let b = a + 1;
    while (b < n && Math.floor(keys[b]! / 2 ** 21) === hash) b++;
    if (b - a > 1) {
      const rows = Array.from(keys.subarray(a, b), (k) => k % 2 ** 21).sort((x, y) => x - y);
      const first = new Map<string, number>();
      for (const r of rows) (first.has(ids[r]!) ? report(first.get(ids[r]!)!, r) : first.set(ids[r]!, r));
    }
    a = b;
  }
  return issues.sort((x, y) => x.line - y.line);
}

/** The CSV's questions prepared for ordering (no per-question objects). See the module comment. */
export function readOrderCsv(bytes: Uint8Array, file: string, columns: OrderCsvColumns = DEFAULT_ORDER_CSV_COLUMNS): PreparedItems {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.length;
  const issues: DataIssue[] = [];
  const fail = (line: number, message: string, fix: string, field?: string): never => {
    issues.push({ file, line, field, message, fix });
    throw new DataError(issues);
  };
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let line = 1;
  /** Position of the next LF at or after `pos` (end when none): the current record's end unless quoted. */
  let nextLF = -1;
  const findLF = (from: number) => {
    const p = buf.indexOf(LF, from);
    nextLF = p < 0 ? end : p;
  };
  /** Position of the next quote at or after `pos` (end when none); cached, as it may lie many lines ahead. */
  let nextQuote = -1;
  // The last field read: its byte range, whether it was quoted / held "" escapes / was pure ASCII,
  // and an FNV-1a hash of its bytes (unquoted fields only).
  let fieldStart = 0;
  let fieldEnd = 0;
  let fieldQuoted = false;
  let fieldEscaped = false;
  let fieldAscii = true;
  let fieldHash = 0;

  /** Reads the quoted field opening at `pos`; leaves `pos` after the closing quote. */
  const quotedField = (recordLine: number) => {
    fieldStart = ++pos;
    fieldQuoted = true;
    fieldEscaped = false;
    fieldAscii = false;
    for (;;) {
      const q = buf.indexOf(QUOTE, pos);
      if (q < 0) fail(recordLine, "a quoted field is never closed", 'close the field with " (write a literal quote as "")');
      while (nextLF < q) {
        line++; // a line break inside the quoted field
        findLF(nextLF + 1);
      }
      if (buf[q + 1] === QUOTE) {
        fieldEscaped = true;
        pos = q + 2;
        continue;
      }
      fieldEnd = q;
      pos = q + 1;
      const next = buf[pos];
      if (pos < end && next !== COMMA && next !== LF && !(next === CR && buf[pos + 1] === LF)) {
        fail(line, "text follows a closing quote", 'quote the whole field and write a literal quote as ""');
      }
      return;
    }
  };

  /** Reads the field at `pos`; leaves `pos` on the comma, LF or end after it. */
  const field = (recordLine: number) => {
    if (buf[pos] === QUOTE) return quotedField(recordLine);
    fieldStart = pos;
    fieldQuoted = false;
    fieldEscaped = false;
    let p = pos;
    let bits = 0;
    let h = 0x811c9dc5;
    for (; p < nextLF; p++) {
      const c = buf[p]!;
      if (c === COMMA) break;
      bits |= c;
      h = Math.imul(h ^ c, 16777619);
    }
    pos = p;
    fieldEnd = p === nextLF && p > fieldStart && buf[p - 1] === CR ? p - 1 : p;
    fieldAscii = bits < 0x80;
    fieldHash = h >>> 0; // includes a trailing CR on CRLF lines: only compared with fields that end alike
  };

  const text = () => {
    if (fieldAscii) return buf.toString("latin1", fieldStart, fieldEnd);
    const s = buf.toString("utf8", fieldStart, fieldEnd);
    return fieldEscaped ? s.replaceAll('""', '"') : s;
  };

  /** Steps over the rest of the record (quote-aware) and past its line end. */
  const skipRecord = (recordLine: number) => {
    for (;;) {
      if (nextQuote < pos) {
        const q = buf.indexOf(QUOTE, pos);
        nextQuote = q < 0 ? end : q;
      }
      const q = nextQuote;
      if (q >= nextLF) break;
      // A quote opens a field only right after a comma; elsewhere it is a literal character.
      if (buf[q - 1] === COMMA) {
        pos = q;
        quotedField(recordLine);
      } else pos = q + 1;
    }
    pos = nextLF + 1;
    line++;
  };

  const skipBlankLines = () => {
    for (;;) {
      if (pos >= end) return;
      const c = buf[pos];
      if (c === LF) {
        line++;
        pos++;
      } else if (c === CR && buf[pos + 1] === LF) {
        line++;
        pos += 2;
      } else return;
    }
  };

  // Header: every name.
  skipBlankLines();
  const headerLine = line;
  findLF(pos);
  const header: string[] = [];
  for (;;) {
    field(headerLine);
    header.push(text().trim());
    if (pos >= nextLF || buf[pos] !== COMMA) break;
    pos++;
  }
  skipRecord(headerLine);
  const idCol = header.indexOf(columns.id);
  const catCol = header.indexOf(columns.category);
  const diffCol = header.indexOf(columns.difficulty);
  if (idCol < 0) {
    fail(headerLine, `the header has no "${columns.id}" column (it has: ${header.join(", ")})`, `add an id column or map ${columns.id} to an existing one`, columns.id);
  }
  const lastNeeded = Math.max(idCol, catCol, diffCol);

  // A loop: for short names a native Buffer.compare call costs more than the comparison itself.
  const sameBytes = (a: number, b: number, len: number) => {
    for (let k = 0; k < len; k++) if (buf[a + k] !== buf[b + k]) return false;
    return true;
  };
  // Categories are few: intern them by byte hash (verified byte for byte) instead of decoding each cell.
  const categoryCode = new Map<string, number>();
  const categoryNames: string[] = [];
  const byHash = new Map<number, { start: number; end: number; code: number }[]>();
  const category = (): number => {
    if (fieldStart === fieldEnd) return -1;
    if (!fieldQuoted) {
      const known = byHash.get(fieldHash);
      if (known) {
        const len = fieldEnd - fieldStart;
        for (const k of known) if (k.end - k.start === len && sameBytes(k.start, fieldStart, len)) return k.code;
      }
    }
    const name = text();
    let code = categoryCode.get(name);
    if (code === undefined) {
      code = categoryNames.length;
      categoryCode.set(name, code);
      categoryNames.push(name);
    }
    if (!fieldQuoted) {
      const list = byHash.get(fieldHash) ?? [];
      list.push({ start: fieldStart, end: fieldEnd, code });
      byHash.set(fieldHash, list);
    }
    return code;
  };

  let cap = 1024;
  let difficulty = new Float64Array(cap);
  let rawCategory = new Int32Array(cap);
  let lines = new Int32Array(cap);
  let idHashes = new Uint32Array(cap);
  const ids: string[] = [];
  let n = 0;
  for (;;) {
    skipBlankLines();
    if (pos >= end) break;
    const recordLine = line;
    findLF(pos);
    let id = "";
    let idHash = 0;
    let cat = -1;
    let d = Number.NaN;
    let col = 0;
    for (;;) {
      field(recordLine);
      if (col === idCol) {
        id = text();
        // For an unquoted ASCII field that ends at its comma or LF, the byte hash IS the UTF-16 hash.
        const plain = fieldAscii && (fieldEnd === pos);
        idHash = plain ? fieldHash : hashString(id);
      }
      else if (col === catCol) cat = category();
      else if (col === diffCol) {
        const fast = fieldQuoted ? Number.NaN : fastDecimal(buf, fieldStart, fieldEnd);
        if (!Number.isNaN(fast)) d = fast;
        else {
          const raw = text();
          const parsed = parseDifficulty(raw);
          if (parsed === null) {
            issues.push({ file, line: recordLine, field: columns.difficulty, message: `"${raw}" is not a number`, fix: "write the difficulty as a decimal number like 0.42, or leave it empty if unknown" });
          } else if (parsed !== undefined) d = parsed;
        }
      }
      if (col === lastNeeded || pos >= nextLF || buf[pos] !== COMMA) break;
      pos++;
      col++;
    }
    skipRecord(recordLine);
    if (col < lastNeeded) {
      issues.push({ file, line: recordLine, message: `this record has ${col + 1} fields, but column "${header[lastNeeded]}" is field ${lastNeeded + 1}`, fix: "quote fields that contain commas or line breaks" });
      if (issues.length >= 1000) break;
      continue;
    }
    if (id.trim() === "") {
      issues.push({ file, line: recordLine, field: columns.id, message: "the id is empty", fix: "give every question a unique id" });
    }
    if (n === cap) {
      cap *= 2;
      const grow = <T extends Float64Array | Int32Array | Uint32Array>(a: T, b: T): T => (b.set(a), b);
      idHashes = grow(idHashes, new Uint32Array(cap));
      difficulty = grow(difficulty, new Float64Array(cap));
      rawCategory = grow(rawCategory, new Int32Array(cap));
      lines = grow(lines, new Int32Array(cap));
    }
    ids.push(id);
    idHashes[n] = idHash;
    difficulty[n] = d;
    rawCategory[n] = cat;
    lines[n] = recordLine;
    n++;
  }
  issues.push(...duplicateIds(ids, idHashes.subarray(0, n), lines.subarray(0, n), file, columns.id));
  if (issues.length) throw new DataError(issues.sort((a, b) => a.line - b.line));
  const rowLines = lines.slice(0, n);
  return {
    n,
    ids,
    difficulty: difficulty.slice(0, n),
    categories: indexCategoryCodes(rawCategory.subarray(0, n), categoryNames),
    sourceOf: (i) => (i >= 0 && i < n ? { file, line: rowLines[i]! } : undefined),
  };
}

/** The same as question objects (id, category, difficulty, source), for callers that want items. */
export function readOrderItemsCsv(bytes: Uint8Array, file: string, columns: OrderCsvColumns = DEFAULT_ORDER_CSV_COLUMNS): OrderItem[] {
  const p = readOrderCsv(bytes, file, columns);
  const { names, codeOf } = p.categories;
  return p.ids.map((id, i) => {
    const item: OrderItem = { id, source: p.sourceOf(i) };
    if (codeOf[i]! >= 0) item.category = names[codeOf[i]!]!;
    if (!Number.isNaN(p.difficulty[i]!)) item.difficulty = p.difficulty[i]!;
    return item;
  });
}

export async function loadOrderCsv(path: string, columns?: OrderCsvColumns): Promise<PreparedItems> {
  return readOrderCsv(await readFile(path), path, columns);
}
