/**
 * A source record: one JSON line or one CSV record with its 1-based line, before any format-specific
 * meaning is given to its fields. JSON-lines reading lives here; CSV reading in csv-records.ts.
 */
import type { DataIssue } from "../errors";
import { readLines, readFailure } from "./lines";

export interface SourceRecord {
  fields: Record<string, unknown>;
  /** 1-based line where the record starts. */
  line: number;
}

/** Streams a JSON-lines file; blank lines are skipped (they hold no data), everything else must be one JSON object. */
export async function* readJsonRecords(file: string, issues: DataIssue[]): AsyncGenerator<SourceRecord> {
  try {
    for await (const { text, line, validUtf8 } of readLines(file)) {
      if (!validUtf8) {
        issues.push({ file, line, message: "this line is not valid UTF-8", fix: "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)" });
        continue;
      }
      if (text.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        issues.push({ file, line, message: `malformed JSON (${(err as Error).message})`, fix: "each line must be one complete JSON object" });
        continue;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        issues.push({ file, line, message: "this line is JSON but not an object", fix: "each line must be one JSON object like {\"question\": …}" });
        continue;
      }
      yield { fields: value as Record<string, unknown>, line };
    }
  } catch (err) {
    issues.push(readFailure(file, err));
  }
}
