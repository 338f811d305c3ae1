/**
 * LLM-ensemble difficulty (Yang et al. 2024, §2.5): each model's probability of the keyed letter, renormalised
 * over the question's own option letters, averaged over models; difficulty = 1 − that mean.
 *
 * Input: one JSON-lines file per model. Each line is one question:
 *   {"id": "q1", "probs":    {"A": 0.1, "B": 0.7, "C": 0.2}}      probabilities (any scale ≥ 0), or
 *   {"id": "q1", "logprobs": {"A": -2.3, "B": -0.36, "C": -1.6}}  natural-log probabilities (e.g. API logprobs)
 * plus an optional "model" name. Every option letter of the question must have a value; letters the
 * question does not offer are ignored (e.g. an "E" from a model asked a 4-option question), which is
 * what renormalising "over the question's own option letters" means. `syllabus_trainer score` writes
 * this format (ScoreLine in runs/bundle.ts, probabilities already renormalised, is a special case).
 * A question missing from a model's file, an id that is not a question, or a duplicate line is an error.
 */
import { z } from "zod";
import { DataError, type DataIssue } from "../errors";
import { isQuestion, type ImportedItem } from "../questions/import";
import { OPTION_LETTERS, optionLetters, type Question } from "../questions/question";
import { readJsonRecords } from "../questions/records";

const LetterMap = (value: z.ZodNumber) => z.record(z.enum(OPTION_LETTERS), value);

export const LetterScoreLine = z
  .object({
    id: z.union([z.string().min(1), z.number().int().transform(String)]),
    probs: LetterMap(z.number().min(0).finite()).optional(),
    logprobs: LetterMap(z.number().max(0)).optional(),
    model: z.string().optional(),
  })
  .refine((s) => (s.probs === undefined) !== (s.logprobs === undefined), { message: 'give exactly one of "probs" or "logprobs"' });
export type LetterScoreLine = z.infer<typeof LetterScoreLine>;

/** P(answer) renormalised over the question's letters, or a message saying why it cannot be computed. */
export function correctProbability(q: Pick<Question, "options" | "answer">, line: LetterScoreLine): number | string {
  const letters = optionLetters(q);
  const missing = letters.filter((l) => (line.probs ?? line.logprobs)![l] === undefined);
  if (missing.length) return `no value for option${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`;
  if (line.probs) {
    const sum = letters.reduce((acc, l) => acc + line.probs![l]!, 0);
    if (!(sum > 0)) return "the probabilities of the question's options sum to 0";
    return line.probs[q.answer]! / sum;
  }
  // log-sum-exp over the question's letters, shifted by the max for stability.
  const lp = line.logprobs!;
  const max = Math.max(...letters.map((l) => lp[l]!));
  if (max === -Infinity) return "every option has log-probability -Infinity";
  const sum = letters.reduce((acc, l) => acc + Math.exp(lp[l]! - max), 0);
  return Math.exp(lp[q.answer]! - max) / sum;
}

async function readModel(file: string, items: Question[], byId: Map<string, number>, issues: DataIssue[]): Promise<Float64Array> {
  const p = new Float64Array(items.length).fill(Number.NaN);
  const seenLine = new Int32Array(items.length);
  for await (const { fields, line } of readJsonRecords(file, issues)) {
    const parsed = LetterScoreLine.safeParse(fields);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        issues.push({ file, line, field: i.path.join(".") || undefined, message: i.message, fix: 'write {"id": …, "probs": {"A": …}} or {"id": …, "logprobs": {…}}' });
      }
      continue;
    }
    const index = byId.get(parsed.data.id);
    if (index === undefined) {
      issues.push({ file, line, field: "id", message: `id "${parsed.data.id}" is not one of the questions`, fix: "score the same questions file" });
      continue;
    }
    if (seenLine[index]) {
      issues.push({ file, line, field: "id", message: `id "${parsed.data.id}" was already scored on line ${seenLine[index]}`, fix: "keep one line per question" });
      continue;
    }
    seenLine[index] = line;
    const value = correctProbability(items[index]!, parsed.data);
    if (typeof value === "string") issues.push({ file, line, field: parsed.data.probs ? "probs" : "logprobs", message: value, fix: "give a value for every option letter of the question" });
    else p[index] = value;
  }
  const missing = items.filter((_, i) => seenLine[i] === 0);
  for (const q of missing.slice(0, 50)) {
    issues.push({ file, line: 0, field: "id", message: `question "${q.id}" (${q.source.file}:${q.source.line}) has no line in this model's file`, fix: "score every question with every model" });
  }
  if (missing.length > 50) issues.push({ file, line: 0, field: "id", message: `… ${missing.length} questions in all have no line in this model's file`, fix: "score every question with every model" });
  return p;
}

/** Per-model P(correct) and the ensemble difficulty, for callers that show the agreement between models. */
export interface EnsembleResult {
  difficulty: Float64Array;
  perModel: { file: string; pCorrect: Float64Array }[];
}

export async function computeEnsemble(items: ImportedItem[], files: string[]): Promise<EnsembleResult> {
  if (files.length === 0) throw new DataError([{ file: "llm_ensemble", line: 0, message: "no model files given", fix: "give one letter-probability file per model" }]);
  const questions: Question[] = [];
  for (const it of items) {
    if (!isQuestion(it)) {
      throw new DataError([{ file: it.source.file, line: it.source.line, message: "LLM-ensemble difficulty needs questions with options and answers", fix: "import a questions file, not a label table" }]);
    }
    questions.push(it);
  }
  const byId = new Map(questions.map((q, i) => [q.id, i]));
  const issues: DataIssue[] = [];
  const perModel: EnsembleResult["perModel"] = [];
  for (const file of files) perModel.push({ file, pCorrect: await readModel(file, questions, byId, issues) });
  if (issues.length) throw new DataError(issues);
  const difficulty = new Float64Array(questions.length);
  for (let i = 0; i < questions.length; i++) {
    let sum = 0;
    for (const m of perModel) sum += m.pCorrect[i]!;
    difficulty[i] = 1 - sum / perModel.length;
  }
  return { difficulty, perModel };
}

export async function applyLlmEnsemble(items: ImportedItem[], files: string[]): Promise<void> {
  const { difficulty } = await computeEnsemble(items, files);
  items.forEach((it, i) => (it.difficulty = difficulty[i]!));
}
