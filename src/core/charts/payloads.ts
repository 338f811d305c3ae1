/**
 * What each panel draws: the payloads core builds (src/core/views/panelData.ts) and the webviews render
 * (src/webview/panels) through the chart specs of this folder. Browser-safe: types only.
 * Accuracy is a fraction in [0, 1] (as in result.json and src/core/stats); charts show percent.
 */

/** Accuracy of one strategy in one (model, eval set) cell, aggregated over seeds. */
export interface ComparisonCell {
  strategy: string;
  model: string;
  evalSet: string;
  mean: number;
  /** 95% CI of the mean (fractions in [0, 1]); absent when there is none (one seed without predictions). */
  ciLow?: number;
  ciHigh?: number;
  /** How the CI was made: "bootstrap over seeds and questions" or "t over seeds" (core/stats/interval.ts). */
  ciMethod?: string;
  seeds: { seed: number; accuracy: number }[];
  /** Gain over the baseline strategy in the same cell (absent for the baseline itself). */
  gain?: { mean: number; ciLow?: number; ciHigh?: number };
  /** p of the test against the baseline that the claims use (adjusted where it belongs to a family). */
  pValue?: number;
  /** That test in words, with what is paired and the adjustment. */
  test?: string;
  /** The cell's accuracy with its interval, method and n, in words (core/stats/interval.ts intervalLabel). */
  intervalLabel?: string;
  /** The gain over the baseline worded by its test (core/stats/claims.ts). */
  gainClaim?: string;
}

export interface ComparisonPayload {
  experiment: string;
  baseline: string;
  cells: ComparisonCell[];
  /** The experiment's claim with its test ("no winner: …", "best: …"). */
  claim?: string;
  /** The test behind the claims, which says what is paired with what. */
  pairedBy?: string;
  /** Chance level (fraction) per eval set, when predictions give the option counts. */
  chance?: Record<string, number>;
}

/** One training run's loss curve (events.jsonl). */
export interface CurveSeries {
  strategy: string;
  model: string;
  seed: number;
  steps: number[];
  loss: number[];
  /** Questions seen at each step (step × batch × accumulate); same length as `steps`. */
  questionsSeen: number[];
}

export interface CurvesPayload {
  experiment: string;
  series: CurveSeries[];
}

/** One strategy's training order: difficulty of the question at each position. */
export interface OrderPreview {
  strategy: string;
  seed: number;
  /** Parallel arrays, one entry per position. */
  difficulty: (number | null)[];
  /** Index into OrdersPayload.categories, or -1 for none. */
  category: number[];
}

export interface OrdersPayload {
  experiment: string;
  dataset: string;
  categories: string[];
  /** Easy/medium bucket thresholds drawn as horizontal lines. */
  thresholds?: { easy: number; medium: number };
  orders: OrderPreview[];
}

export interface CategoriesPayload {
  experiment: string;
  model: string;
  evalSet: string;
  categories: string[];
  /** accuracy[i] and n[i] belong to categories[i]; null where a category had no question. */
  strategies: { strategy: string; accuracy: (number | null)[]; n: number[]; /** Per category: accuracy with its 95% interval, method and n (seeds × questions), in words. */ interval?: (string | null)[] }[];
}

