/**
 * Is a run better than guessing, and does it answer more than one letter?
 *
 * Chance level of an eval set = mean over its questions of 1 / (number of options): the expected accuracy
 * of a uniform random guess (25% for 4-option MedQA, 20% for 5 options). A run is "indistinguishable from
 * chance" when an exact binomial test of its correct count against that level (two-sided, scipy's
 * binomtest) gives p ≥ α. With mixed option counts the count of a guesser is Poisson-binomial; the test
 * uses a binomial at the mean level, which is exact when every question has the same number of options
 * (the usual case) and close otherwise.
 *
 * Letter distribution: how often the run answered each letter, next to how often each letter is the gold
 * answer. A run answering one letter for ≥ 90% of the questions is named degenerate ("always A"): its
 * accuracy is then mostly the share of that letter among the gold answers, not knowledge.
 */
import type { Prediction } from "./types";
import { binomialTestTwoSided } from "./binomial";
import { pct, pValue } from "./format";

/** Share of a single answered letter at or above which a run is called degenerate. */
export const DEGENERATE_SHARE = 0.9;

/** A prediction with, when known, its question's number of options and category. */
export interface PredictionRecord extends Prediction {
  /** Options of the question (2–5); from the prediction line's `optionCount` or its log-prob letters. */
  options?: number;
  category?: string;
}

/** Expected accuracy of uniform guessing: mean of 1/options; NaN when no question has a known count. */
export function chanceLevel(optionCounts: readonly (number | undefined)[]): number {
  const known = optionCounts.filter((k): k is number => typeof k === "number" && k >= 2);
  if (known.length === 0) return Number.NaN;
  return known.reduce((s, k) => s + 1 / k, 0) / known.length;
}

export interface ChanceTest {
  test: "exact binomial vs chance";
  n: number;
  correct: number;
  accuracy: number;
  chance: number;
  p: number;
  /** p ≥ α: the data do not tell this run from a guesser. */
  indistinguishable: boolean;
}

export function chanceTest(correct: number, n: number, chance: number, alpha = 0.05): ChanceTest {
  const p = Number.isFinite(chance) ? binomialTestTwoSided(correct, n, chance) : Number.NaN;
  return { test: "exact binomial vs chance", n, correct, accuracy: n ? correct / n : Number.NaN, chance, p, indistinguishable: Number.isFinite(p) && p >= alpha };
}

export interface LetterDistribution {
  /** Answers per letter, letters in alphabetical order; an unparseable answer counts under "none". */
  predicted: Record<string, number>;
  gold: Record<string, number>;
  n: number;
  /** The letter answered most and its share of the answers. */
  top: { letter: string; share: number };
  /** Set when top.share ≥ DEGENERATE_SHARE. */
  degenerate?: { letter: string; share: number; goldShare: number };
}

function counts(xs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of [...xs].sort()) out[x] = (out[x] ?? 0) + 1;
  return out;
}

export function letterDistribution(preds: readonly Prediction[]): LetterDistribution {
  const predicted = counts(preds.map((p) => (p.predicted ? p.predicted : "none")));
  const gold = counts(preds.map((p) => p.gold));
  const n = preds.length;
  let top = { letter: "", share: 0 };
  for (const [letter, c] of Object.entries(predicted)) if (c / n > top.share) top = { letter, share: c / n };
  const degenerate = n > 0 && top.share >= DEGENERATE_SHARE ? { ...top, goldShare: (gold[top.letter] ?? 0) / n } : undefined;
  return { predicted, gold, n, top, ...(degenerate ? { degenerate } : {}) };
}

/** What names one run on one eval set, as a RunResult labels it. */
export interface RunEvalLabel {
  experiment: string;
  model: string;
  evalSet: string;
  strategy: string;
  seed: number;
  runId?: string;
}

/** One run on one eval set: accuracy against chance, and its answers against the gold letters. */
export interface RunDiagnostics extends RunEvalLabel {
  chance: ChanceTest;
  letters: LetterDistribution;
  /** Plain-language flags ("indistinguishable from chance …", "degenerate: always A …"); empty when none. */
  flags: string[];
}

export function diagnoseRun(
  key: { experiment: string; model: string; evalSet: string; strategy: string; seed: number; runId?: string },
  preds: readonly PredictionRecord[],
  alpha = 0.05,
): RunDiagnostics {
  const correct = preds.filter((p) => p.predicted === p.gold).length;
  const chance = chanceTest(correct, preds.length, chanceLevel(preds.map((p) => p.options)), alpha);
  const letters = letterDistribution(preds);
  return { ...key, chance, letters, flags: diagnosticFlags(chance, letters) };
}

export function diagnosticFlags(chance: ChanceTest, letters: LetterDistribution): string[] {
  const flags: string[] = [];
  if (chance.indistinguishable)
    flags.push(`indistinguishable from chance: ${pct(chance.accuracy, 1)}% vs chance ${pct(chance.chance, 1)}% (exact binomial p = ${pValue(chance.p)}, n = ${chance.n} questions)`);
  else if (Number.isFinite(chance.p) && chance.accuracy < chance.chance)
    flags.push(`below chance: ${pct(chance.accuracy, 1)}% vs chance ${pct(chance.chance, 1)}% (exact binomial p = ${pValue(chance.p)}, n = ${chance.n} questions) — check the answer key and the letter parsing`);
  const d = letters.degenerate;
  if (d) {
    const what = d.letter === "none" ? "no parseable answer" : `always "${d.letter}"`;
    flags.push(`degenerate: ${what} (${letters.predicted[d.letter]} of ${letters.n} answers; "${d.letter}" is gold for ${pct(d.goldShare, 1)}% of the questions)`);
  }
  return flags;
}
