/**
 * What each input format means: which reader it uses, which fields hold the id, category and
 * difficulty by default, and how a record's fields become question text, options and answer.
 * The format files (format-*.ts) fill this in; import.ts runs the shared pipeline around them.
 */
import type { DataIssue } from "../errors";
import type { DatasetFormat } from "../experiment/model";
import type { OptionLetter } from "./question";
import type { SourceRecord } from "./records";

/** Field (column) names, as overrides of a format's defaults or as the whole mapping of generic csv/jsonl. */
export interface ColumnMapping {
  id?: string;
  question?: string;
  /** One field holding every option: a JSON object {"A": …} or an array (→ A, B, …). */
  options?: string;
  /** One field per option letter (default: columns named A..E). */
  optionColumns?: Partial<Record<OptionLetter, string>>;
  answer?: string;
  category?: string;
  difficulty?: string;
}

export interface ImportOptions {
  format: DatasetFormat;
  columns?: ColumnMapping;
  /** MedMCQA `cop` base: 1 in the original files, 0 in the Hugging Face export; detected when absent. */
  copBase?: 0 | 1;
}

/** What a format extracts from a record besides id/category/difficulty. */
export interface QuestionCore {
  question: string | undefined;
  questionField: string;
  /** Blank strings are kept so that validation reports them. */
  options: Partial<Record<OptionLetter, string>>;
  optionsField: string;
  /** The answer letter as written; null when the format already reported a problem with it. */
  answer: string | undefined | null;
  answerField: string;
  humanShares?: Partial<Record<OptionLetter, number>>;
}

export interface FormatContext {
  file: string;
  reader: "json" | "csv";
  columns: ColumnMapping;
  copBase?: 0 | 1;
  issues: DataIssue[];
}

export interface FormatSpec {
  name: DatasetFormat;
  reader: "json" | "csv";
  /** Default field names; an explicit ColumnMapping entry wins. */
  idField?: string;
  categoryField?: string;
  difficultyField?: string;
  questionField: string;
  core(record: SourceRecord, ctx: FormatContext): QuestionCore;
}
