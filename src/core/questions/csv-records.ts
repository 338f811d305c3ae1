/**
 * Streams CSV records with csv-parse (the stream API: the file is never held whole), each with the
 * line it STARTS on, and turns every CSV-level problem into a DataIssue: invalid UTF-8 (checked on
 * the raw bytes, since decoding would hide it), a wrong number of fields, duplicate column names,
 * an unclosed quote. csv-parse was chosen because it is RFC 4180 complete (quoted newlines, "" escapes)
 * and streams.
 */
import { createReadStream } from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
import { parse } from "csv-parse";
import type { DataIssue } from "../errors";
import { invalidUtf8Lines, readFailure } from "./lines";
import type { SourceRecord } from "./records";

/**
 * Passes bytes through unchanged and notes every line that is not valid UTF-8. The unfinished line is
 * kept as a list of chunks and joined once, when its newline arrives: re-copying it per chunk made a
 * file with one huge line (or \r-only line ends) quadratic — 90 s for 50 MB.
 */
class Utf8LineCheck extends Transform {
  private carry: Buffer[] = [];
  private line = 1;
  constructor(private readonly onBad: (line: number) => void) {
    super();
  }
  private check(bytes: Buffer): void {
    for (const l of invalidUtf8Lines(bytes, this.line)) this.onBad(l);
    let count = 0;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) count++;
    this.line += count;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const last = chunk.lastIndexOf(0x0a);
    if (last < 0) {
      this.carry.push(chunk);
    } else {
      // Whole lines (carry + chunk up to and including the last newline) can be checked exactly.
      this.carry.push(chunk.subarray(0, last));
      this.check(Buffer.concat(this.carry));
      this.line++;
      this.carry = [Buffer.from(chunk.subarray(last + 1))];
    }
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    if (this.carry.length) this.check(Buffer.concat(this.carry));
    done();
  }
}

/**
 * csv-parse's `info.lines` (where a record ENDS) counts every \r and every \n inside quoted fields as a
 * line break, so a quoted CRLF counts twice, and the excess accumulates over the file. We count the
 * same characters to walk back to the physical line (by \n, as editors number them) where a record STARTS.
 */
function breaksInside(values: Record<string, unknown>): { counted: number; real: number } {
  let counted = 0;
  let real = 0;
  for (const v of Object.values(values)) {
    if (typeof v !== "string") continue;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 10) real++;
      if (c === 10 || c === 13) counted++;
    }
  }
  return { counted, real };
}

/** Header names as pandas reads them: an unnamed column (a saved index) becomes `Unnamed: <i>`. */
function headerNames(raw: string[], file: string, issues: DataIssue[]): string[] {
  const names = raw.map((h, i) => (h.trim() === "" ? `Unnamed: ${i}` : h.trim()));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      issues.push({ file, line: 1, field: name, message: `column "${name}" appears twice in the header`, fix: "give every column a unique name" });
    }
    seen.add(name);
  }
  return names;
}

export interface CsvOptions {
  /** Called once with the header's column names. */
  onHeader?: (columns: string[]) => void;
}

export async function* readCsvRecords(file: string, issues: DataIssue[], options: CsvOptions = {}): AsyncGenerator<SourceRecord> {
  const utf8 = new Utf8LineCheck((line) =>
    issues.push({ file, line, message: "this line is not valid UTF-8", fix: "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)" }),
  );
  let width = 0;
  let overcount = 0;
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    columns: (header: string[]) => {
      const names = headerNames(header, file, issues);
      width = names.length;
      options.onHeader?.(names);
      return names;
    },
  });
  const source = createReadStream(file);
  source.on("error", (err) => parser.destroy(err));
  source.pipe(utf8).pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; error?: unknown } }>) {
      const { record, info } = item;
      const breaks = breaksInside(record);
      const line = info.lines - overcount - breaks.counted;
      overcount += breaks.counted - breaks.real;
      const count = Object.keys(record).length;
      if (info.error || count !== width) {
        issues.push({
          file,
          line,
          message: `this record has a different number of fields than the header (${width} columns)`,
          fix: "quote fields that contain commas, or add the missing fields",
        });
        continue;
      }
      yield { fields: record, line };
    }
  } catch (err) {
    const e = err as { code?: string; message?: string; lines?: number };
    if (e.code === "ENOENT" || e.code === "EISDIR" || e.code === "EACCES") {
      issues.push(readFailure(file, err));
    } else {
      issues.push({
        file,
        line: typeof e.lines === "number" ? e.lines : 0,
        message: `CSV syntax error: ${e.message ?? String(err)}`,
        fix: e.code === "CSV_QUOTE_NOT_CLOSED" ? "close the quote opened on this record" : "fix the CSV syntax here",
      });
    }
  }
}
