/**
 * Checks RunResult records before any statistic sees them. Every problem becomes a DataIssue naming
 * the record (file, line when known, field) and the fix; nothing is dropped or coerced silently.
 */
import type { LossEvent, RunResult } from "./types";
import { DataError, type DataIssue } from "../errors";

export interface SourceInfo {
  /** File (or description) the records came from. */
  file: string;
  /** 1-based line where record i starts, when the reader knows it. */
  lineOf?: (index: number) => number;
  /** Field path prefix, e.g. "results". */
  path?: string;
}

const TEXT_FIELDS = ["experiment", "model", "evalSet", "strategy"] as const;

export function validateResults(records: readonly unknown[], source: SourceInfo): RunResult[] {
  const issues: DataIssue[] = [];
  const seen = new Map<string, number>();
  const prefix = source.path ?? "results";
  records.forEach((raw, i) => {
    const line = source.lineOf?.(i) ?? 0;
    const at = (field: string) => `${prefix}[${i}].${field}`;
    const issue = (field: string, message: string, fix: string) => issues.push({ file: source.file, line, field: at(field), message, fix });
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      issues.push({ file: source.file, line, field: `${prefix}[${i}]`, message: "a result must be an object", fix: "give {experiment, model, evalSet, strategy, seed, accuracy, n}" });
      return;
    }
    const r = raw as Record<string, unknown>;
    for (const f of TEXT_FIELDS) {
      if (typeof r[f] !== "string" || (r[f] as string).trim() === "") issue(f, `'${f}' must be a non-empty string (got ${JSON.stringify(r[f])})`, `name the ${f} of this run`);
    }
    if (typeof r.seed !== "number" || !Number.isInteger(r.seed)) issue("seed", `'seed' must be an integer (got ${JSON.stringify(r.seed)})`, "give the run's seed, e.g. 1");
    const acc = r.accuracy;
    if (typeof acc !== "number" || !Number.isFinite(acc)) issue("accuracy", `'accuracy' must be a number (got ${JSON.stringify(acc)})`, "give the fraction of questions answered right, 0..1");
    else if (acc < 0 || acc > 1) {
      const pct = acc > 1 && acc <= 100;
      issue("accuracy", `accuracy ${acc} is outside 0..1`, pct ? `it looks like a percentage: give ${acc / 100} (accuracy is a fraction 0..1)` : "give the fraction of questions answered right, 0..1");
    }
    if (typeof r.n !== "number" || !Number.isInteger(r.n) || r.n <= 0) issue("n", `'n' must be a positive integer, the number of evaluation questions (got ${JSON.stringify(r.n)})`, "give how many questions the accuracy was computed on");
    if (r.runId !== undefined && typeof r.runId !== "string") issue("runId", "'runId' must be a string when given", "remove it or give the run's id");
    const key = TEXT_FIELDS.map((f) => String(r[f])).join("\u0000") + "\u0000" + String(r.seed);
    const first = seen.get(key);
    if (first !== undefined) {
      const firstLine = source.lineOf?.(first);
      issue("seed", `a second result for ${TEXT_FIELDS.map((f) => `${f}=${String(r[f])}`).join(", ")}, seed ${String(r.seed)} (first: ${prefix}[${first}]${firstLine ? `, line ${firstLine}` : ""})`, "keep one result per (experiment, model, evalSet, strategy, seed); remove the duplicate or fix its seed");
    } else seen.set(key, i);
  });
  if (issues.length) throw new DataError(issues);
  return records as RunResult[];
}

/** A name that is a string with something besides white space. */
function nonBlank(x: unknown): boolean {
  return typeof x === "string" && x.length > 0 && (x.charCodeAt(0) > 32 || x.trim() !== "");
}

/** The common case — a well-formed event — checked without allocating; only bad events take the slow path. */
function eventIsValid(raw: unknown): boolean {
  if (typeof raw !== "object" || raw === null) return false;
  const r = raw as Record<string, unknown>;
  return (
    nonBlank(r.experiment) && nonBlank(r.model) && nonBlank(r.strategy) &&
    Number.isInteger(r.seed) && Number.isInteger(r.step) && (r.step as number) >= 0 &&
    typeof r.loss === "number" && Number.isFinite(r.loss) && !Array.isArray(raw)
  );
}

export function validateEvents(records: readonly unknown[], source: SourceInfo): LossEvent[] {
  const issues: DataIssue[] = [];
  const prefix = source.path ?? "events";
  for (let i = 0; i < records.length; i++) {
    const raw = records[i];
    if (eventIsValid(raw)) continue;
    const line = source.lineOf?.(i) ?? 0;
    const issue = (field: string, message: string, fix: string) => issues.push({ file: source.file, line, field: `${prefix}[${i}].${field}`, message, fix });
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      issues.push({ file: source.file, line, field: `${prefix}[${i}]`, message: "an event must be an object", fix: "give {experiment, model, strategy, seed, step, loss}" });
      continue;
    }
    const r = raw as Record<string, unknown>;
    for (const f of ["experiment", "model", "strategy"] as const) {
      if (!nonBlank(r[f])) issue(f, `'${f}' must be a non-empty string (got ${JSON.stringify(r[f])})`, `name the ${f} of this run`);
    }
    if (typeof r.seed !== "number" || !Number.isInteger(r.seed)) issue("seed", `'seed' must be an integer (got ${JSON.stringify(r.seed)})`, "give the run's seed");
    if (typeof r.step !== "number" || !Number.isInteger(r.step) || r.step < 0) issue("step", `'step' must be a non-negative integer (got ${JSON.stringify(r.step)})`, "give the optimizer step of this loss");
    if (typeof r.loss !== "number" || !Number.isFinite(r.loss)) issue("loss", `'loss' must be a finite number (got ${JSON.stringify(r.loss)})`, "a NaN/inf loss means the run diverged: drop the run, not the point");
  }
  if (issues.length) throw new DataError(issues);
  return records as LossEvent[];
}
