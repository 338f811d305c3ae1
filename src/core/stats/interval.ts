/**
 * Accuracy intervals a reader can trust, and their labels. Two methods, each named on every interval:
 *
 *  - "bootstrap over seeds and questions" (whenever per-question predictions exist): the two-stage
 *    percentile bootstrap of resample.ts. It stays inside [0, 100] by construction and does not collapse to
 *    zero width when every seed scored the same (questions still vary).
 *  - "t over seeds" (results only, no predictions): mean ± t(0.975, k−1)·sd/√k over the k seeds,
 *    cut to [0, 100] and flagged `clipped` when a bound was cut. It only reflects seed-to-seed variation:
 *    identical seeds give no interval (flagged), never a zero-width one; k < 3 is flagged `tinyN` (with
 *    2 seeds t(0.975, 1) = 12.7, the interval says little).
 *
 * With one seed and no predictions there is no interval, and the label says so ("1 seed: no interval").
 * n is on every interval: seeds and questions.
 */
import { mean, sampleSd } from "./descriptive";
import { tQuantile } from "./distributions";
import { pct } from "./format";
import { percentileInterval, twoStageBootstrap, type ResampleOptions } from "./resample";

export type IntervalMethod = "bootstrap over seeds and questions" | "t over seeds";

export interface AccuracyInterval {
  /** Fraction, 0..1. */
  estimate: number;
  /** 95% bounds (fractions inside [0, 1]); absent when there is no interval (`note` says why). */
  low?: number;
  high?: number;
  method?: IntervalMethod;
  /** Seeds (runs) and questions per run behind the estimate. */
  seeds: number;
  questions: number;
  /** A t bound was cut at 0 or 100. */
  clipped: boolean;
  /** Fewer than 3 seeds behind a t interval. */
  tinyN: boolean;
  resamples?: number;
  /** Why there is no interval, or what to keep in mind. */
  note?: string;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The t interval over seeds (results only). `questions` is each run's number of questions. */
export function seedInterval(accuracies: readonly number[], questions: number): AccuracyInterval {
  const k = accuracies.length;
  const estimate = mean(accuracies);
  const base = { estimate, seeds: k, questions, clipped: false, tinyN: k < 3 };
  if (k < 2) return { ...base, note: k === 1 ? "no interval from a single seed" : "no runs" };
  const sd = sampleSd(accuracies);
  if (sd === 0) return { ...base, note: `all ${k} seeds scored the same: no seed-to-seed spread to build an interval from` };
  const half = tQuantile(0.975, k - 1) * (sd / Math.sqrt(k));
  const low = estimate - half;
  const high = estimate + half;
  const clipped = low < 0 || high > 1;
  return { ...base, low: clamp01(low), high: clamp01(high), method: "t over seeds", clipped };
}

/** The bootstrap interval from per-question correctness, rows = seeds (same questions in every row). */
export function questionInterval(correct: readonly ArrayLike<number>[], options: ResampleOptions = {}): AccuracyInterval {
  const b = twoStageBootstrap(correct, options);
  const base = { estimate: b.estimate, seeds: b.seeds, questions: b.questions, clipped: false, tinyN: false };
  if (b.questions < 2) return { ...base, note: `${b.questions} question: no interval` };
  const [low, high] = percentileInterval(b);
  const note = b.seeds === 1 ? "1 seed: the interval covers question sampling only, not seed-to-seed variation" : undefined;
  return { ...base, low, high, method: "bootstrap over seeds and questions", resamples: b.resamples, ...(note ? { note } : {}) };
}

/** The key of a (model, eval set, strategy) cell in interval maps. */
export const intervalKey = (model: string, evalSet: string, strategy: string) => [model, evalSet, strategy].join("\u0000");

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "27.1% (95% CI 25.0–29.3, bootstrap over seeds and questions; 5 seeds × 96 questions)" or "27.1% (1 seed × 96 questions: no interval)". */
export function intervalLabel(i: AccuracyInterval, digits = 1): string {
  const n = `${plural(i.seeds, "seed")} × ${plural(i.questions, "question")}`;
  if (i.low === undefined || i.high === undefined) return `${pct(i.estimate, digits)}% (${n}: ${i.note ?? "no interval"})`;
  const flags = [i.clipped ? "clipped to [0, 100]" : "", i.tinyN ? "tiny n" : ""].filter(Boolean);
  return `${pct(i.estimate, digits)}% (95% CI ${pct(i.low, digits)}–${pct(i.high, digits)}, ${i.method}${flags.length ? `, ${flags.join(", ")}` : ""}; ${n})`;
}

/** A labelled "±": "±0.7 sd over 5 seeds"; with < 2 seeds there is no sd and the label says so. */
export function spreadLabel(sd: number, seeds: number, digits = 1): string {
  if (seeds < 2 || !Number.isFinite(sd)) return `(${plural(seeds, "seed")}: no sd)`;
  return `±${pct(sd, digits)} sd over ${seeds} seeds`;
}
