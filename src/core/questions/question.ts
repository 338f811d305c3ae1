/** The one question model every importer produces and every strategy, bundle and report consumes. */

export const OPTION_LETTERS = ["A", "B", "C", "D", "E"] as const;
export type OptionLetter = (typeof OPTION_LETTERS)[number];

export function isOptionLetter(value: string): value is OptionLetter {
  return (OPTION_LETTERS as readonly string[]).includes(value);
}

/** Where a question came from, for error messages: the file and its 1-based line (or CSV record). */
export interface SourceRef {
  file: string;
  line: number;
  /** 0-based position among the file's questions: what positional score files (`Index`) join on. */
  row: number;
}

export interface Question {
  id: string;
  question: string;
  /** Option letter → text, 2 to 5 options, letters contiguous from A. */
  options: Partial<Record<OptionLetter, string>>;
  answer: OptionLetter;
  category?: string;
  /** Higher = harder, in [0, 1] for the built-in sources. */
  difficulty?: number;
  /** Share of examinees (0..1) that chose each option, where the source has it (LEK `%A..%E`). */
  humanShares?: Partial<Record<OptionLetter, number>>;
  source: SourceRef;
}

/** The letters a question offers, in order (A, B, … up to E). */
export function optionLetters(q: Pick<Question, "options">): OptionLetter[] {
  return OPTION_LETTERS.filter((l) => q.options[l] !== undefined);
}
