/**
 * Checks per-question prediction records (a report input's "predictions") before any statistic sees them:
 * every problem names the file, the line where the record starts, the field and the fix; nothing is
 * dropped or coerced silently.
 */
import type { RunPredictions } from "./questionAnalysis";
import { DataError, type DataIssue } from "../errors";
import type { SourceInfo } from "./validate";

const TEXT_FIELDS = ["experiment", "model", "evalSet", "strategy"] as const;
const LETTER = /^[A-E]$/;

export function validatePredictions(records: readonly unknown[], source: SourceInfo): RunPredictions[] {
  const issues: DataIssue[] = [];
  const prefix = source.path ?? "predictions";
  records.forEach((raw, i) => {
    const line = source.lineOf?.(i) ?? 0;
    const issue = (field: string, message: string, fix: string) => issues.push({ file: source.file, line, field: `${prefix}[${i}]${field ? `.${field}` : ""}`, message, fix });
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return issue("", "a prediction set must be an object", "give {experiment, model, evalSet, strategy, seed, predictions: [{id, gold, predicted}, …]}");
    const r = raw as Record<string, unknown>;
    for (const f of TEXT_FIELDS) if (typeof r[f] !== "string" || (r[f] as string).trim() === "") issue(f, `'${f}' must be a non-empty string (got ${JSON.stringify(r[f])})`, `name the ${f} of this run`);
    if (typeof r.seed !== "number" || !Number.isInteger(r.seed)) issue("seed", `'seed' must be an integer (got ${JSON.stringify(r.seed)})`, "give the run's seed");
    if (!Array.isArray(r.predictions)) return issue("predictions", "'predictions' must be an array", "give one {id, gold, predicted} per question");
    (r.predictions as unknown[]).forEach((p, j) => {
      const at = `predictions[${j}]`;
      if (typeof p !== "object" || p === null) return issue(at, "a prediction must be an object", "give {id, gold, predicted, options?, category?}");
      const q = p as Record<string, unknown>;
      if (typeof q.id !== "string" || q.id === "") issue(`${at}.id`, `'id' must be a non-empty string (got ${JSON.stringify(q.id)})`, "give the question id");
      if (typeof q.gold !== "string" || !LETTER.test(q.gold)) issue(`${at}.gold`, `'gold' must be a letter A–E (got ${JSON.stringify(q.gold)})`, "give the correct option letter");
      if (q.predicted !== null && (typeof q.predicted !== "string" || !(q.predicted === "" || LETTER.test(q.predicted)))) issue(`${at}.predicted`, `'predicted' must be a letter A–E, or null/"" for no answer (got ${JSON.stringify(q.predicted)})`, "give the answered letter");
      if (q.options !== undefined && (typeof q.options !== "number" || !Number.isInteger(q.options) || q.options < 2 || q.options > 5)) issue(`${at}.options`, `'options' must be an integer 2–5 (got ${JSON.stringify(q.options)})`, "give the question's number of options, or leave it out");
      if (q.category !== undefined && typeof q.category !== "string") issue(`${at}.category`, "'category' must be a string", "give the question's category, or leave it out");
    });
  });
  if (issues.length) throw new DataError(issues);
  return (records as Record<string, unknown>[]).map((r) => ({
    ...(r as unknown as RunPredictions),
    predictions: (r.predictions as Record<string, unknown>[]).map((q) => ({ ...(q as unknown as RunPredictions["predictions"][number]), predicted: (q.predicted as string | null) ?? "" })),
  }));
}
