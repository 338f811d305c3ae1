/**
 * Generic CSV and JSON lines with a column mapping. Defaults: `id`, `question`, options in one
 * `options` field (object or array; for CSV a JSON string) if the record has it, else one column per
 * letter `A`..`E` (an empty CSV cell = no such option), `answer` (a letter), `category`, `difficulty`.
 * Ids: the id column, else `<format>-<line>`.
 */
import type { FormatContext, FormatSpec, QuestionCore } from "./formats";
import { hasField, textField } from "./fields";
import { OPTION_LETTERS, type OptionLetter } from "./question";
import { optionsFromValue } from "./options-field";
import type { SourceRecord } from "./records";

function core(record: SourceRecord, ctx: FormatContext): QuestionCore {
  const { fields, line } = record;
  const c = ctx.columns;
  const optionsKey = c.options ?? (c.optionColumns === undefined && hasField(fields, "options") ? "options" : undefined);
  let options: Partial<Record<OptionLetter, string>> = {};
  if (optionsKey !== undefined) {
    options = optionsFromValue(fields[optionsKey], ctx.file, line, optionsKey, ctx.issues);
  } else {
    for (const l of OPTION_LETTERS) {
      const key = c.optionColumns?.[l] ?? l;
      const v = fields[key];
      // JSON may say "" or null for an empty option (reported); a blank CSV cell means "no option".
      if (typeof v === "string" && !(v === "" && ctx.reader === "csv")) options[l] = v;
      else if (typeof v === "number") options[l] = String(v);
      else if (v === null) options[l] = "";
    }
  }
  const questionField = c.question ?? "question";
  const answerField = c.answer ?? "answer";
  return {
    question: textField(fields, questionField),
    questionField,
    options,
    optionsField: optionsKey ?? "A..E",
    answer: textField(fields, answerField),
    answerField,
  };
}

export const csvFormat: FormatSpec = { name: "csv", reader: "csv", idField: "id", categoryField: "category", difficultyField: "difficulty", questionField: "question", core };
export const jsonlFormat: FormatSpec = { name: "jsonl", reader: "json", idField: "id", categoryField: "category", difficultyField: "difficulty", questionField: "question", core };
