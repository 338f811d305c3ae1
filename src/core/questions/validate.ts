/**
 * The checks every imported question goes through, whatever its format: its options, its answer, and
 * (across the file) duplicate ids and duplicate questions with conflicting answers. Each problem is a
 * DataIssue with file, line and field; the importer throws them all together at the end of the file.
 */
import * as crypto from "node:crypto";
import type { DataIssue } from "../errors";
import { OPTION_LETTERS, isOptionLetter, type OptionLetter, type Question } from "./question";

/**
 * Checks the options: 2 to 5, letters contiguous from A, none blank. `options` may hold blank strings
 * here (the formats pass them through so that this one place reports them).
 */
export function checkOptions(options: Partial<Record<OptionLetter, string>>, file: string, line: number, field: string, issues: DataIssue[]): boolean {
  const before = issues.length;
  const present = OPTION_LETTERS.filter((l) => options[l] !== undefined);
  for (const l of present) {
    if (options[l]!.trim() === "") {
      issues.push({ file, line, field: `${field}.${l}`, message: `option ${l} is empty`, fix: `write the text of option ${l}, or remove it and re-letter the later options` });
    }
  }
  if (present.length < 2) {
    issues.push({ file, line, field, message: `a question needs at least 2 options, this one has ${present.length}`, fix: "give the question its options A, B, …" });
  } else {
    const expected = OPTION_LETTERS.slice(0, present.length);
    if (present.some((l, i) => l !== expected[i])) {
      issues.push({
        file,
        line,
        field,
        message: `option letters ${present.join(",")} are not contiguous from A`,
        fix: `use the letters ${expected.join(",")} without gaps`,
      });
    }
  }
  return issues.length === before;
}

/** Parses an answer letter ("b", " C ") and checks it is one of the options. */
export function checkAnswer(
  raw: string | undefined,
  options: Partial<Record<OptionLetter, string>>,
  file: string,
  line: number,
  field: string,
  issues: DataIssue[],
): OptionLetter | undefined {
  if (raw === undefined || raw.trim() === "") {
    issues.push({ file, line, field, message: "the answer is missing", fix: `give the letter of the correct option in "${field}"` });
    return undefined;
  }
  const letter = raw.trim().toUpperCase();
  const offered = OPTION_LETTERS.filter((l) => options[l] !== undefined);
  if (!isOptionLetter(letter) || options[letter] === undefined) {
    issues.push({
      file,
      line,
      field,
      message: `answer "${raw}" is not one of the options (${offered.join(", ")})`,
      fix: `use one of ${offered.join(", ")}`,
    });
    return undefined;
  }
  return letter;
}

/** One-shot md5 (crypto.hash, node ≥ 20.12, is ~3× faster than a Hash object per question). */
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: "base64") => string }).hash;
const md5 = (text: string): string => (oneShot ? oneShot("md5", text, "base64") : crypto.createHash("md5").update(text).digest("base64"));

/**
 * Duplicate ids, and the same question (text + options) keyed with different answers, across a file.
 * Questions are remembered by a 16-byte hash, not their text, so a 200k-question file stays small.
 */
export class DuplicateCheck {
  private readonly ids = new Map<string, number>();
  private readonly questions = new Map<string, { answer: OptionLetter; line: number }>();

  constructor(private readonly file: string, private readonly issues: DataIssue[]) {}

  /** Returns false when the id was seen before (the issue is recorded). */
  id(id: string, line: number, field: string): boolean {
    const first = this.ids.get(id);
    if (first !== undefined) {
      this.issues.push({
        file: this.file,
        line,
        field,
        message: `id "${id}" was already used on line ${first}`,
        fix: "give every question a unique id (or drop the id column to use line-based ids)",
      });
      return false;
    }
    this.ids.set(id, line);
    return true;
  }

  question(q: Pick<Question, "question" | "options" | "answer">, line: number): void {
    const o = q.options;
    const text = `${q.question}\u0000${o.A ?? ""}\u0000${o.B ?? ""}\u0000${o.C ?? ""}\u0000${o.D ?? ""}\u0000${o.E ?? ""}`;
    const key = md5(text);
    const first = this.questions.get(key);
    if (first === undefined) {
      this.questions.set(key, { answer: q.answer, line });
    } else if (first.answer !== q.answer) {
      this.issues.push({
        file: this.file,
        line,
        field: "answer",
        message: `the same question and options are on line ${first.line} with answer ${first.answer}, here with answer ${q.answer}`,
        fix: "correct the wrong answer key, or remove one of the two copies",
      });
    }
  }
}
