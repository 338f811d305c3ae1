/**
 * LEK-style CSV (Polish medical final exam, as in Bean et al. / Yang et al.): columns `prompt`, `A`..`E`,
 * `Answer`, `Category`, `%A`..`%E` (share of examinees choosing each option, in PERCENT), and often a
 * saved pandas index (an unnamed first column, read as `Unnamed: 0`), which is ignored.
 * An empty option cell means the question has no such option. Ids: an `id` column if present,
 * else `lek-<line>` (the record's 1-based line in the file).
 */
import type { FormatSpec } from "./formats";
import { numberField, textField, hasField } from "./fields";
import { OPTION_LETTERS, type OptionLetter } from "./question";

export const lekFormat: FormatSpec = {
  name: "lek",
  reader: "csv",
  idField: "id",
  categoryField: "Category",
  questionField: "prompt",
  core(record, ctx) {
    const { fields, line } = record;
    const options: Partial<Record<OptionLetter, string>> = {};
    for (const l of OPTION_LETTERS) {
      const text = textField(fields, ctx.columns.optionColumns?.[l] ?? l);
      if (text !== undefined) options[l] = text;
    }
    let humanShares: Partial<Record<OptionLetter, number>> | undefined;
    for (const l of OPTION_LETTERS) {
      const key = `%${l}`;
      if (!hasField(fields, key)) continue;
      const n = numberField(fields, key);
      if (!n.ok || (n.value !== undefined && (n.value < 0 || n.value > 100))) {
        const raw = n.ok ? String(n.value) : n.raw;
        ctx.issues.push({ file: ctx.file, line, field: key, message: `"${raw}" is not a percentage in [0, 100]`, fix: `write the percent of examinees who chose ${l}, e.g. 12.5` });
      } else if (n.value !== undefined) {
        (humanShares ??= {})[l] = n.value / 100;
      }
    }
    const core = {
      question: textField(fields, ctx.columns.question ?? "prompt"),
      questionField: ctx.columns.question ?? "prompt",
      options,
      optionsField: "A..E",
      answer: textField(fields, ctx.columns.answer ?? "Answer"),
      answerField: ctx.columns.answer ?? "Answer",
    };
    return humanShares ? { ...core, humanShares } : core;
  },
};
