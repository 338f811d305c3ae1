/**
 * The statistics module's input and output records. They are deliberately independent of the run
 * store (src/core/runs): whoever reads runs maps them to these, so the statistics can be fed from a
 * run store, a JSON file, or a published table alike.
 *
 * Accuracy is a FRACTION in [0, 1] everywhere in this module (what a trainer's result.json holds);
 * tables and charts multiply by 100 only when they display it, as the study's tables are in %.
 */

/** One finished evaluation: one trained run (model × strategy × seed) scored on one eval set. */
export interface RunResult {
  experiment: string;
  model: string;
  evalSet: string;
  strategy: string;
  seed: number;
  /** Fraction correct, 0..1. */
  accuracy: number;
  /** Number of evaluation questions the accuracy was computed on. */
  n: number;
  runId?: string;
}

/** One question's outcome in one run, as in a run bundle's predictions/<eval>.jsonl. */
export interface Prediction {
  id: string;
  gold: string;
  predicted: string;
}

/** One point of a training run's loss curve (events.jsonl). Curves belong to a training run, not an eval set. */
export interface LossEvent {
  experiment: string;
  model: string;
  strategy: string;
  seed: number;
  step: number;
  loss: number;
  runId?: string;
}

/** The unit of aggregation: everything but the seed. */
export interface CellKey {
  experiment: string;
  model: string;
  evalSet: string;
  strategy: string;
}

/** Accuracy of one cell over its seeds. */
export interface CellStats extends CellKey {
  /** Number of seeds (runs) aggregated. */
  runs: number;
  seeds: number[];
  /** Accuracies in seed order (same order as `seeds`). */
  accuracies: number[];
  mean: number;
  /** Sample standard deviation (n − 1); NaN with one run. */
  sd: number;
  /** 95% confidence interval of the mean, t distribution with runs − 1 df; NaN bounds with one run. */
  ci95: [number, number];
  /** Evaluation questions per run (the largest if runs differ; `nVaries` says so). */
  n: number;
  nVaries: boolean;
}

export interface PairedTTest {
  test: "paired t";
  /** What is paired, in words ("seeds 1–5 of random vs curriculum on llama/medqa"). */
  pairedBy: string;
  /** Number of pairs. */
  n: number;
  meanDifference: number;
  sdDifference: number;
  /** 95% CI of the mean difference (t distribution). */
  ci95: [number, number];
  t: number;
  df: number;
  p: number;
}

export interface WilcoxonTest {
  test: "Wilcoxon signed-rank";
  pairedBy: string;
  /** Number of pairs given (zeros included). */
  n: number;
  /** Pairs with a non-zero difference (the ones ranked: zero_method "wilcox"). */
  nonZero: number;
  /** min(R+, R−), as scipy reports for a two-sided test. */
  statistic: number;
  p: number;
  /** How p was computed; mirrors scipy.stats.wilcoxon(method="auto"). */
  method: "exact" | "exact permutation" | "normal approximation";
}

export interface McNemarTest {
  test: "McNemar exact";
  pairedBy: string;
  /** Questions compared. */
  n: number;
  /** Right in A, wrong in B. */
  onlyA: number;
  /** Wrong in A, right in B. */
  onlyB: number;
  p: number;
}

export interface BootstrapCI {
  method: "paired bootstrap (percentile)";
  pairedBy: string;
  n: number;
  resamples: number;
  seed: number;
  /** accuracy(B) − accuracy(A), fraction. */
  difference: number;
  ci95: [number, number];
}
