/**
 * The demo's data set, GENERATED rather than shipped: arithmetic multiple-choice questions in four
 * categories whose difficulty is known by construction (more digits and more carries are harder),
 * so that curricula and blocks are meaningful and anyone can regenerate it bit for bit.
 */
import type { OptionLetter, Question } from "../questions/question";

const LETTERS: OptionLetter[] = ["A", "B", "C", "D"];
const CATEGORIES = ["addition", "subtraction", "multiplication", "comparison"] as const;

/** mulberry32: a tiny, well-known 32-bit PRNG; enough for reproducible synthetic data (not for orders). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function carries(a: number, b: number): number {
  let count = 0;
  let carry = 0;
  for (; a > 0 || b > 0; a = Math.floor(a / 10), b = Math.floor(b / 10)) {
    carry = (a % 10) + (b % 10) + carry >= 10 ? 1 : 0;
    count += carry;
  }
  return count;
}

interface Made {
  text: string;
  answer: number;
  /** Raw hardness before scaling to [0, 1]. */
  hardness: number;
}

function make(category: (typeof CATEGORIES)[number], level: number, rand: () => number): Made {
  const digits = 1 + level;
  const num = () => Math.floor(10 ** (digits - 1) + rand() * (9 * 10 ** (digits - 1)));
  const a = num();
  const b = num();
  switch (category) {
    case "addition":
      return { text: `What is ${a} + ${b}?`, answer: a + b, hardness: digits + carries(a, b) };
    case "subtraction": {
      const [hi, lo] = a >= b ? [a, b] : [b, a];
      return { text: `What is ${hi} - ${lo}?`, answer: hi - lo, hardness: digits + carries(hi - lo, lo) };
    }
    case "multiplication": {
      const small = 2 + Math.floor(rand() * (level === 0 ? 4 : 8));
      return { text: `What is ${a} × ${small}?`, answer: a * small, hardness: digits + 0.5 * carries(a, a * (small - 1)) + 1 };
    }
    case "comparison": {
      const c = a + Math.floor(rand() * 3) * (rand() < 0.5 ? 1 : -1);
      return { text: `Which number is the largest: ${a}, ${b} or ${c}?`, answer: Math.max(a, b, c), hardness: digits + (Math.abs(a - c) < 2 ? 1.5 : 0) };
    }
  }
}

function distractors(answer: number, rand: () => number): number[] {
  const out = new Set<number>();
  const spread = Math.max(3, Math.round(Math.abs(answer) * 0.1));
  while (out.size < LETTERS.length - 1) {
    const d = answer + (1 + Math.floor(rand() * spread)) * (rand() < 0.5 ? -1 : 1);
    if (d !== answer && d >= 0) out.add(d);
  }
  return [...out];
}

export interface ArithmeticSetOptions {
  count: number;
  seed: number;
  /** Prefix of every id, e.g. "train" → "train-0001". */
  prefix: string;
}

/** Questions with category and difficulty in [0, 1] (higher = harder). */
export function arithmeticQuestions({ count, seed, prefix }: ArithmeticSetOptions): Question[] {
  const rand = prng(seed);
  const made = Array.from({ length: count }, (_, i) => {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    return { category, ...make(category, Math.floor(rand() * 3), rand) };
  });
  const max = Math.max(...made.map((m) => m.hardness));
  return made.map((m, i) => {
    const values = [m.answer, ...distractors(m.answer, rand)];
    const answerSlot = Math.floor(rand() * LETTERS.length);
    [values[0], values[answerSlot]] = [values[answerSlot]!, values[0]!];
    const options = Object.fromEntries(LETTERS.map((l, k) => [l, String(values[k])]));
    const id = `${prefix}-${String(i + 1).padStart(4, "0")}`;
    return {
      id,
      question: m.text,
      options,
      answer: LETTERS[answerSlot]!,
      category: m.category,
      difficulty: Math.round((m.hardness / max) * 1000) / 1000,
      source: { file: `<generated ${prefix}>`, line: i + 2, row: i },
    };
  });
}

/** The set as CSV text (id,question,A..D,answer,category,difficulty); numbers and plain words need no quoting but we quote text anyway. */
export function toCsv(questions: Question[]): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const header = ["id", "question", ...LETTERS, "answer", "category", "difficulty"].join(",");
  const rows = questions.map((q) =>
    [q.id, quote(q.question), ...LETTERS.map((l) => quote(q.options[l] ?? "")), q.answer, q.category ?? "", String(q.difficulty ?? "")].join(","),
  );
  return [header, ...rows].join("\n") + "\n";
}
