/**
 * MedMCQA (Pal et al. 2022) JSON lines: {id, question, opa..opd, cop, subject_name, topic_name, exp, choice_type}.
 * `cop` is the correct option's index: 1-based (1..4) in the original release files, 0-based (0..3) in
 * the Hugging Face export. The base is the caller's (`copBase`) or detected from the whole file by
 * detectCopBase; never guessed. Category: `subject_name`. Ids: the `id` field.
 */
import { DataError } from "../errors";
import type { FormatSpec } from "./formats";
import { textField } from "./fields";
import { OPTION_LETTERS, type OptionLetter } from "./question";
import { readLines, readFailure } from "./lines";

const OPTION_FIELDS: [OptionLetter, string][] = [
  ["A", "opa"],
  ["B", "opb"],
  ["C", "opc"],
  ["D", "opd"],
];

export const medmcqaFormat: FormatSpec = {
  name: "medmcqa",
  reader: "json",
  idField: "id",
  categoryField: "subject_name",
  questionField: "question",
  core(record, ctx) {
    const { fields, line } = record;
    const options: Partial<Record<OptionLetter, string>> = {};
    for (const [letter, key] of OPTION_FIELDS) {
      const v = fields[key];
      if (typeof v === "string") options[letter] = v;
      else if (typeof v === "number") options[letter] = String(v);
      else if (v === null || v === undefined) options[letter] = "";
      else ctx.issues.push({ file: ctx.file, line, field: key, message: `${key} is not text`, fix: "write the option as a string" });
    }
    let answer: string | null | undefined;
    const cop = fields["cop"];
    if (cop === undefined || cop === null || cop === "") {
      answer = undefined;
    } else if (typeof cop !== "number" || !Number.isInteger(cop) || ctx.copBase === undefined) {
      ctx.issues.push({ file: ctx.file, line, field: "cop", message: `cop ${JSON.stringify(cop)} is not an option index`, fix: "use 1..4 (original files) or 0..3 (Hugging Face export)" });
      answer = null;
    } else {
      const letter = OPTION_LETTERS[cop - ctx.copBase];
      if (letter === undefined || options[letter] === undefined) {
        const range = ctx.copBase === 1 ? "1..4" : "0..3";
        ctx.issues.push({ file: ctx.file, line, field: "cop", message: `cop ${cop} is out of range for cop_base = ${ctx.copBase}`, fix: `use ${range}, or set cop_base` });
        answer = null;
      } else {
        answer = letter;
      }
    }
    return { question: textField(fields, "question"), questionField: "question", options, optionsField: "opa..opd", answer, answerField: "cop" };
  },
};

export interface CopBaseDetection {
  base: 0 | 1;
  /** Why: the line whose cop decided it. */
  evidence: { line: number; cop: number };
}

/**
 * Reads the whole file once (streaming) and decides the `cop` base: any 0 → 0-based, any 4 → 1-based,
 * both → the file is inconsistent, neither → ambiguous (the user must say). Malformed lines are left
 * for the import to report.
 */
/**
 * The `cop` key of a JSON line without parsing the whole line (the detection pass reads every line once
 * more). Inside a JSON string every quote is escaped, so `{"cop":` / `,"cop":` can only be a real key;
 * lines the pattern does not match are parsed in full.
 */
const COP_KEY = /[{,]\s*"cop"\s*:\s*(-?\d+)\s*[,}]/;

function copOf(text: string): unknown {
  const m = COP_KEY.exec(text);
  if (m) return Number(m[1]);
  try {
    const v = JSON.parse(text) as { cop?: unknown } | null;
    return typeof v === "object" && v !== null ? v.cop : undefined;
  } catch {
    return undefined; // malformed: the import reports it
  }
}

export async function detectCopBase(file: string): Promise<CopBaseDetection> {
  let zero: number | undefined;
  let four: number | undefined;
  try {
    for await (const { text, line } of readLines(file)) {
      if (zero !== undefined && four !== undefined) break;
      const cop = copOf(text);
      if (cop === 0 && zero === undefined) zero = line;
      if (cop === 4 && four === undefined) four = line;
    }
  } catch (err) {
    throw new DataError([readFailure(file, err)]);
  }
  if (zero !== undefined && four !== undefined) {
    throw new DataError([
      {
        file,
        line: four,
        field: "cop",
        message: `cop is 0 on line ${zero} (0-based) but 4 here (1-based): the file mixes both conventions`,
        fix: "convert the file to one convention, or set cop_base = 0|1 and fix the lines it rejects",
      },
    ]);
  }
  if (zero !== undefined) return { base: 0, evidence: { line: zero, cop: 0 } };
  if (four !== undefined) return { base: 1, evidence: { line: four, cop: 4 } };
  throw new DataError([
    {
      file,
      line: 0,
      field: "cop",
      message: "cannot tell whether cop is 0-based or 1-based: no question has cop 0 or cop 4",
      fix: "say which: cop_base = 1 for the original MedMCQA files, cop_base = 0 for the Hugging Face export (CLI: --cop-base 0|1)",
    },
  ]);
}
