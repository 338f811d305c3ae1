/**
 * The demo's data set, GENERATED rather than shipped: `Which option is "tiger"?` with the word among 2, 3
 * or 4 options from the same word family. Difficulty is known by construction: 2 options are easy, 3
 * medium, 4 hard (more distractors, and a lower chance of a lucky guess). The category is the word
 * family (animals, colours, foods, tools), so blocked and interleaved orders have something to group by.
 *
 * Why this task: SmolLM2-135M cannot do it zero-shot (about 25% on 4 options, nearly always "A": it does
 * not yet map the quoted word to its letter), but LoRA learns it within a few dozen steps on CPU — and
 * whether it learns it in the demo's budget depends on the ORDER (see DEMO_SYLLABUS). Knowledge tasks
 * (capitals, MedQA) stay at chance for a model this small, so they could show no ordering effect.
 */
import type { OptionLetter, Question } from "../questions/question";

const LETTERS: OptionLetter[] = ["A", "B", "C", "D"];

/** Common one-word nouns; 24 a family so that a 4-option question has many distinct draws. */
export const WORD_FAMILIES: Record<string, readonly string[]> = {
  animals: ["cat", "dog", "horse", "tiger", "lion", "zebra", "mouse", "rabbit", "eagle", "shark", "whale", "snake", "frog", "camel", "goat", "sheep", "wolf", "bear", "otter", "panda", "duck", "fox", "owl", "deer"],
  colours: ["red", "blue", "green", "yellow", "purple", "orange", "black", "white", "pink", "brown", "grey", "violet", "indigo", "silver", "gold", "cyan", "beige", "maroon", "navy", "teal", "olive", "amber", "coral", "ivory"],
  foods: ["bread", "apple", "cheese", "rice", "pasta", "soup", "salad", "pizza", "butter", "honey", "carrot", "potato", "banana", "cherry", "lemon", "mango", "onion", "garlic", "tomato", "pepper", "grape", "melon", "bean", "egg"],
  tools: ["hammer", "saw", "drill", "wrench", "shovel", "rake", "ladder", "chisel", "pliers", "knife", "needle", "brush", "bucket", "axe", "spade", "clamp", "file", "level", "tape", "rope", "nail", "screw", "glue", "vice"],
};
const FAMILIES = Object.keys(WORD_FAMILIES);

/** Difficulty of a question with `k` options: 2 → 0 (easy), 3 → 0.5 (medium), 4 → 1 (hard). */
export function optionCountDifficulty(k: number): number {
  return (k - 2) / 2;
}

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

export interface WhichOptionSetOptions {
  count: number;
  seed: number;
  /** Prefix of every id, e.g. "train" → "train-0001". */
  prefix: string;
  /** Option counts cycled through (e.g. [2, 3, 4] for training, [4] for the hard test set). */
  optionCounts: readonly number[];
}

/** Questions with category (word family) and difficulty in [0, 1] (higher = harder), balanced over both. */
export function whichOptionQuestions({ count, seed, prefix, optionCounts }: WhichOptionSetOptions): Question[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[], k: number): T[] => {
    const pool = [...xs];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, k);
  };
  return Array.from({ length: count }, (_, i) => {
    const category = FAMILIES[i % FAMILIES.length]!;
    // Cycle option counts on a different stride than families so every family gets every count.
    const k = optionCounts[Math.floor(i / FAMILIES.length) % optionCounts.length]!;
    const words = pick(WORD_FAMILIES[category]!, k);
    const slot = Math.floor(rand() * k);
    return {
      id: `${prefix}-${String(i + 1).padStart(4, "0")}`,
      question: `Which option is "${words[slot]}"?`,
      options: Object.fromEntries(words.map((w, j) => [LETTERS[j]!, w])),
      answer: LETTERS[slot]!,
      category,
      difficulty: optionCountDifficulty(k),
      source: { file: `<generated ${prefix}>`, line: i + 2, row: i },
    };
  });
}

/** The set as CSV text (id,question,A..D,answer,category,difficulty); empty cells for absent options. */
export function toCsv(questions: Question[]): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const header = ["id", "question", ...LETTERS, "answer", "category", "difficulty"].join(",");
  const rows = questions.map((q) =>
    [q.id, quote(q.question), ...LETTERS.map((l) => (q.options[l] === undefined ? "" : quote(q.options[l]!))), q.answer, q.category ?? "", String(q.difficulty ?? "")].join(","),
  );
  return [header, ...rows].join("\n") + "\n";
}
