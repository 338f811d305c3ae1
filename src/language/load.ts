/**
 * Loads a `.syllabus` file into the resolved experiment model for `plan`, `run` and the extension.
 * Any error becomes a DataError naming file, line, field and message (warnings are returned).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { ResolvedConfig } from "../core/experiment/model";
import { DataError, type DataIssue } from "../core/errors";
import { analyze, type Analysis } from "./analyze";
import type { Diagnostic } from "./diagnostics";
import { LineIndex } from "./lineIndex";

export interface Loaded {
  config: ResolvedConfig;
  warnings: DataIssue[];
}

export function loadConfig(file: string): Loaded {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, "utf8");
  } catch (err) {
    throw new DataError([{ file: abs, line: 0, message: `cannot read the config: ${(err as Error).message}`, fix: "check the path" }]);
  }
  const analysis = analyze(text, abs);
  const issues = toIssues(analysis, text);
  const errors = issues.filter((_, i) => analysis.diagnostics[i]!.severity === "error");
  if (!analysis.config || errors.length) throw new DataError(errors.length ? errors : [{ file: abs, line: 0, message: "the config has errors" }]);
  return { config: analysis.config, warnings: issues.filter((_, i) => analysis.diagnostics[i]!.severity !== "error") };
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
