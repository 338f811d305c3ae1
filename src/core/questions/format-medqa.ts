/**
 * MedQA (Jin et al. 2021) JSON lines: {question, options: {A..D|A..E}, answer_idx, answer, meta_info}.
 * Both the 4- and 5-option files. Ids: the record's `id` field if it has one, else `medqa-<line>`
 * (the 1-based line in the file: stable as long as the file is not edited). No default category;
 * `meta_info` (step1 / step2&3) can be chosen as one with a category column override.
 */
import type { FormatSpec } from "./formats";
import { textField } from "./fields";
import { optionsFromValue } from "./options-field";

export const medqaFormat: FormatSpec = {
  name: "medqa",
  reader: "json",
  idField: "id",
  questionField: "question",
  core(record, ctx) {
    const { fields, line } = record;
    const options = optionsFromValue(fields["options"], ctx.file, line, "options", ctx.issues);
    const answer = textField(fields, "answer_idx");
    // The answer text, where present, must agree with the keyed option: a cheap check on the key.
    const answerText = textField(fields, "answer");
    const letter = answer?.trim().toUpperCase();
    if (answerText !== undefined && letter && options[letter as "A"] !== undefined && options[letter as "A"] !== answerText) {
      ctx.issues.push({
        file: ctx.file,
        line,
        field: "answer",
        message: `answer_idx is ${letter} but the answer text is not option ${letter}'s text`,
        fix: "make answer_idx and answer agree",
      });
    }
    return { question: textField(fields, "question"), questionField: "question", options, optionsField: "options", answer, answerField: "answer_idx" };
  },
};
