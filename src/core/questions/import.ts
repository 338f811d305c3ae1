/**
 * The one import pipeline: stream a file's records (JSON lines or CSV), let the format turn each into
 * question text, options and answer, add id / category / difficulty from their fields, validate, and
 * yield. Every problem in the file is collected and thrown as ONE DataError after the last record,
 * so nothing is dropped silently and a user fixes the file in one pass.
 *
 * A generic csv/jsonl file without a question column (e.g. `id,category,difficulty`) is a label table:
 * it yields LabelRows, which is all an ordering needs.
 */
import { DataError, type DataIssue } from "../errors";
import type { DatasetFormat } from "../experiment/model";
import { readCsvRecords } from "./csv-records";
import { hasField, numberField, textField } from "./fields";
import { csvFormat, jsonlFormat } from "./format-generic";
import { lekFormat } from "./format-lek";
import { detectCopBase, medmcqaFormat } from "./format-medmcqa";
import { medqaFormat } from "./format-medqa";
import type { ColumnMapping, FormatContext, FormatSpec, ImportOptions } from "./formats";
import { OPTION_LETTERS, type OptionLetter, type Question, type SourceRef } from "./question";
import { readJsonRecords, type SourceRecord } from "./records";
import { DuplicateCheck, checkAnswer, checkOptions } from "./validate";

/** A row of a label table: what orderings need, without question text. */
export interface LabelRow {
  id: string;
  category?: string;
  difficulty?: number;
  source: SourceRef;
}

export type ImportedItem = Question | LabelRow;

export function isQuestion(item: ImportedItem): item is Question {
  return "question" in item;
}

export const FORMATS: Record<DatasetFormat, FormatSpec> = {
  medqa: medqaFormat,
  medmcqa: medmcqaFormat,
  lek: lekFormat,
  csv: csvFormat,
  jsonl: jsonlFormat,
};

/**
 * A mapping from a config (`columns = { A = "opa" … }`, a flat record) may name option columns by their
 * letter at the top level; they mean `optionColumns`.
 */
function normalizeMapping(c: ColumnMapping): ColumnMapping {
  const flat = c as ColumnMapping & Partial<Record<OptionLetter, string>>;
  const letters = OPTION_LETTERS.filter((l) => typeof flat[l] === "string");
  if (letters.length === 0) return c;
  const out: ColumnMapping & Partial<Record<OptionLetter, string>> = { ...c, optionColumns: { ...c.optionColumns } };
  for (const l of letters) {
    out.optionColumns![l] ??= flat[l]!;
    delete out[l];
  }
  return out;
}

/** The column names a user named explicitly: each must exist in the file. */
function explicitColumns(c: ColumnMapping): [string, string][] {
  const out: [string, string][] = [];
  for (const key of ["id", "question", "options", "answer", "category", "difficulty"] as const) {
    const v = c[key];
    if (v !== undefined) out.push([key, v]);
  }
  for (const [letter, v] of Object.entries(c.optionColumns ?? {})) if (v !== undefined) out.push([`option ${letter}`, v]);
  return out;
}

function missingColumnIssue(file: string, line: number, role: string, column: string, available: string[] | undefined): DataIssue {
  const list = available ? ` (columns: ${available.join(", ")})` : "";
  return { file, line, field: column, message: `the ${role} column "${column}" is not in the file${list}`, fix: `name an existing ${role} column` };
}

function records(spec: FormatSpec, file: string, issues: DataIssue[], onHeader: (columns: string[]) => void): AsyncGenerator<SourceRecord> {
  return spec.reader === "csv" ? readCsvRecords(file, issues, { onHeader }) : readJsonRecords(file, issues);
}

/** Streams the file's questions (or label rows); throws one DataError with every issue at the end. */
export async function* importItems(file: string, options: ImportOptions): AsyncGenerator<ImportedItem> {
  const spec = FORMATS[options.format];
  const columns = normalizeMapping(options.columns ?? {});
  const issues: DataIssue[] = [];
  let copBase = options.copBase;
  if (spec.name === "medmcqa" && copBase === undefined) copBase = (await detectCopBase(file)).base;
  const ctx: FormatContext = { file, reader: spec.reader, columns, issues, ...(copBase !== undefined ? { copBase } : {}) };
  const dup = new DuplicateCheck(file, issues);
  const explicit = explicitColumns(columns);
  const seen = new Set<string>();
  let headerChecked = false;

  const idKey = columns.id ?? spec.idField;
  const categoryKey = columns.category ?? spec.categoryField;
  const difficultyKey = columns.difficulty ?? spec.difficultyField;
  let labelsOnly: boolean | undefined;
  let row = 0;

  const onHeader = (names: string[]) => {
    headerChecked = true;
    for (const [role, column] of explicit) if (!names.includes(column)) issues.push(missingColumnIssue(file, 1, role, column, names));
  };

  for await (const record of records(spec, file, issues, onHeader)) {
    const { fields, line } = record;
    const source: SourceRef = { file, line, row: row++ };
    if (!headerChecked) for (const [, column] of explicit) if (hasField(fields, column)) seen.add(column);
    labelsOnly ??= (spec.name === "csv" || spec.name === "jsonl") && columns.question === undefined && !hasField(fields, "question");

    let id: string | undefined;
    if (idKey !== undefined && hasField(fields, idKey)) {
      id = textField(fields, idKey)?.trim();
      if (!id) issues.push({ file, line, field: idKey, message: "the id is empty", fix: "give every question an id, or drop the id column to use line-based ids" });
    } else if (columns.id !== undefined) {
      if (headerChecked === false) issues.push({ file, line, field: columns.id, message: `the id field "${columns.id}" is missing`, fix: "give every record an id" });
    } else {
      id = `${spec.name}-${line}`;
    }
    if (id !== undefined && !dup.id(id, line, idKey ?? "id")) id = undefined;

    const category = categoryKey !== undefined ? textField(fields, categoryKey)?.trim() || undefined : undefined;
    let difficulty: number | undefined;
    if (difficultyKey !== undefined) {
      const n = numberField(fields, difficultyKey);
      if (n.ok) difficulty = n.value;
      else issues.push({ file, line, field: difficultyKey, message: `difficulty "${n.raw}" is not a number`, fix: "write a number (higher = harder), or leave it empty" });
    }

    if (labelsOnly) {
      if (id === undefined) continue;
      const item: LabelRow = { id, source };
      if (category !== undefined) item.category = category;
      if (difficulty !== undefined) item.difficulty = difficulty;
      yield item;
      continue;
    }

    const core = spec.core(record, ctx);
    let ok = id !== undefined;
    if (core.question === undefined || core.question.trim() === "") {
      issues.push({ file, line, field: core.questionField, message: "the question text is missing", fix: `write the question in "${core.questionField}"` });
      ok = false;
    }
    if (!checkOptions(core.options, file, line, core.optionsField, issues)) ok = false;
    const answer = core.answer === null ? undefined : checkAnswer(core.answer, core.options, file, line, core.answerField, issues);
    if (!ok || answer === undefined) continue;
    const q: Question = { id: id!, question: core.question!, options: core.options, answer, source };
    if (category !== undefined) q.category = category;
    if (difficulty !== undefined) q.difficulty = difficulty;
    if (core.humanShares) q.humanShares = core.humanShares;
    dup.question(q, line);
    yield q;
  }

  if (!headerChecked) {
    for (const [role, column] of explicit) if (row > 0 && !seen.has(column)) issues.push(missingColumnIssue(file, 0, role, column, undefined));
  }
  if (row === 0 && issues.length === 0) issues.push({ file, line: 0, message: "the file holds no questions", fix: "check that this is the right file" });
  if (issues.length) throw new DataError(issues);
}

/** Streams only questions: a label table (no question text) is an error here. */
export async function* importQuestions(file: string, options: ImportOptions): AsyncGenerator<Question> {
  for await (const item of importItems(file, options)) {
    if (!isQuestion(item)) {
      throw new DataError([
        { file, line: item.source.line, field: "question", message: "this file has no question text column", fix: 'name the question column (e.g. columns.question = "prompt")' },
      ]);
    }
    yield item;
  }
}

export async function loadQuestions(file: string, options: ImportOptions): Promise<Question[]> {
  const out: Question[] = [];
  for await (const q of importQuestions(file, options)) out.push(q);
  return out;
}

export async function loadItems(file: string, options: ImportOptions): Promise<ImportedItem[]> {
  const out: ImportedItem[] = [];
  for await (const item of importItems(file, options)) out.push(item);
  return out;
}

/** The input format a file name suggests, for when the user does not say. */
export function formatFromName(file: string): DatasetFormat | undefined {
  if (/\.csv$/i.test(file)) return "csv";
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return "jsonl";
  return undefined;
}
