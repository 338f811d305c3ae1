/**
 * Loads a `.syllabus` file into the resolved experiment model for `plan`, `run` and the extension.
 * Any error becomes a DataError naming file, line, field and message (warnings are returned).
 */
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { ResolvedConfig } from "../core/experiment/model";
import { DataError, type DataIssue } from "../core/errors";
import { analyze, type Analysis } from "./analyze";
import type { Diagnostic } from "./diagnostics";
import { LineIndex } from "./lineIndex";
import { invalidUtf8Lines } from "../core/questions/lines";

export interface Loaded {
  config: ResolvedConfig;
  warnings: DataIssue[];
}

export function loadConfig(file: string): Loaded {
  const abs = path.resolve(file);
  const text = readConfigText(abs);
  const analysis = analyze(text, abs);
  const issues = toIssues(analysis, text);
  const errors = issues.filter((_, i) => analysis.diagnostics[i]!.severity === "error");
  if (!analysis.config || errors.length) throw new DataError(errors.length ? errors : [{ file: abs, line: 0, message: "the config has errors" }]);
  return { config: analysis.config, warnings: issues.filter((_, i) => analysis.diagnostics[i]!.severity !== "error") };
}

/**
 * A config file's text, refusing what would silently change it: bytes that are not UTF-8 (decoding would
 * turn them into U+FFFD and `check` would pass) are an error naming each line; a folder is named as one.
 */
export function readConfigText(abs: string): string {
  let bytes: Buffer;
  try {
    if (statSync(abs).isDirectory()) throw new DataError([{ file: abs, line: 0, message: "this is a folder, not a .syllabus file", fix: "give the path of the config file itself" }]);
    bytes = readFileSync(abs);
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError([{ file: abs, line: 0, message: `cannot read the config: ${(err as Error).message}`, fix: "check the path" }]);
  }
  const bad = invalidUtf8Lines(bytes, 1);
  if (bad.length) {
    throw new DataError(bad.map((line) => ({ file: abs, line, message: "this line is not valid UTF-8", fix: "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)" })));
  }
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

export function toIssues(analysis: Analysis, text: string): DataIssue[] {
  const index = new LineIndex(text);
  return analysis.diagnostics.map((d) => toIssue(analysis.file, index, d, text));
}

function toIssue(file: string, index: LineIndex, d: Diagnostic, text: string): DataIssue {
  const issue: DataIssue = { file, line: index.position(d.start).line + 1, message: d.message };
  const field = text.slice(d.start, d.end);
  if (/^[\w.-]+$/.test(field)) issue.field = field;
  const fix = d.fixes?.[0]?.title;
  if (fix) issue.fix = fix.replace(/`/g, "");
  return issue;
}
