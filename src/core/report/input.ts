/**
 * Reads a report input file: a JSON array of RunResult, or {results: RunResult[], events?: LossEvent[]}.
 * Problems are DataErrors naming the file, the LINE where the offending record starts, and the field.
 */
import { readFileSync } from "node:fs";
import type { LossEvent, RunResult } from "../stats/types";
import { validateEvents, validateResults } from "../stats/validate";
import { DataError } from "../errors";
import { jsonErrorOffset } from "./jsonErrorOffset";
import type { RunPredictions } from "../stats/questionAnalysis";
import { validatePredictions } from "../stats/validatePredictions";

/**
 * 1-based start line of every element of the array at `path` ([] = the top-level value, ["results"] =
 * its "results" member). A small scanner over the text — JSON.parse keeps no positions.
 */
export function arrayElementLines(text: string, key?: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let target = key === undefined ? 1 : -1; // depth of the wanted array's elements
  let expectValue = false;
  let lastString = "";
  let afterColonKey = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") { line++; continue; }
    if (c === '"') {
      let j = i + 1;
      let s = "";
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\") { s += text[j + 1]; j++; } else s += text[j];
        if (text[j] === "\n") line++;
      }
      if (depth === target && expectValue) { lines.push(line); expectValue = false; }
      lastString = s;
      i = j;
      continue;
    }
    if (c === ":") { afterColonKey = depth === 1 ? lastString : ""; continue; }
    if (c === "[" || c === "{") {
      if (depth === target && expectValue) { lines.push(line); expectValue = false; }
      depth++;
      if (c === "[" && key === undefined && depth === 1) expectValue = true;
      if (c === "[" && key !== undefined && depth === 2 && afterColonKey === key) { target = 2; expectValue = true; }
      continue;
    }
    if (c === "]" || c === "}") {
      if (key !== undefined && c === "]" && depth === 2 && target === 2) target = -2; // that array is done
      depth--;
      continue;
    }
    if (c === ",") { if (depth === target) expectValue = true; continue; }
    if (/\s/.test(c)) continue;
    // A bare literal (number, true, null…) starting an element.
    if (depth === target && expectValue) { lines.push(line); expectValue = false; }
    while (i + 1 < text.length && /[^\s,\]}]/.test(text[i + 1]!)) i++;
  }
  return lines;
}

export interface ReportInputFile {
  results: RunResult[];
  events?: LossEvent[];
  predictions?: RunPredictions[];
}

export function readReportInput(file: string): ReportInputFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new DataError([{ file, line: 0, message: `cannot read the results file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, fix: "check the path given to --results" }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorOffset(text);
    const line = at >= 0 ? text.slice(0, at).split("\n").length : 0;
    throw new DataError([{ file, line, message: `not valid JSON: ${(err as Error).message}`, fix: "give a JSON array of results, or {\"results\": [...], \"events\": [...]}" }]);
  }
  const wrapped = !Array.isArray(data);
  const obj = data as Record<string, unknown>;
  if (wrapped && (typeof data !== "object" || data === null || !Array.isArray(obj.results)))
    throw new DataError([{ file, line: 1, field: "results", message: "expected a JSON array of results or an object with a \"results\" array", fix: "put the runs under \"results\": [{experiment, model, evalSet, strategy, seed, accuracy, n}, …]" }]);
  if (wrapped && obj.events !== undefined && !Array.isArray(obj.events))
    throw new DataError([{ file, line: 0, field: "events", message: "\"events\" must be an array of {experiment, model, strategy, seed, step, loss}", fix: "remove it or make it an array" }]);
  const resultLines = arrayElementLines(text, wrapped ? "results" : undefined);
  const results = validateResults(wrapped ? (obj.results as unknown[]) : (data as unknown[]), { file, lineOf: (i) => resultLines[i] ?? 0, path: "results" });
  if (wrapped && obj.predictions !== undefined && !Array.isArray(obj.predictions))
    throw new DataError([{ file, line: 0, field: "predictions", message: "\"predictions\" must be an array of {experiment, model, evalSet, strategy, seed, predictions: [{id, gold, predicted}]}", fix: "remove it or make it an array" }]);
  const out: ReportInputFile = { results };
  if (wrapped && obj.events !== undefined) {
    const eventLines = arrayElementLines(text, "events");
    out.events = validateEvents(obj.events as unknown[], { file, lineOf: (i) => eventLines[i] ?? 0, path: "events" });
  }
  if (wrapped && obj.predictions !== undefined) {
    const lines = arrayElementLines(text, "predictions");
    out.predictions = validatePredictions(obj.predictions as unknown[], { file, lineOf: (i) => lines[i] ?? 0, path: "predictions" });
  }
  return out;
}
