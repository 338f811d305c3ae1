/**
 * Two runs compared question by question (from their predictions on the same eval set): McNemar's
 * exact test on the discordant questions and a seeded paired-bootstrap CI of the accuracy difference.
 * Use it when there is one run per arm (no seeds to pair) or to ask "on THIS eval set, does B beat A?".
 */
import type { BootstrapCI, McNemarTest, Prediction } from "./types";
import { alignPredictions } from "./predictions";
import { mcnemarExact } from "./mcnemar";
import { pairedBootstrapCI } from "./bootstrap";

export interface QuestionComparison {
  a: string;
  b: string;
  n: number;
  accuracyA: number;
  accuracyB: number;
  mcnemar: McNemarTest;
  bootstrap: BootstrapCI;
}

export function compareRunsByQuestion(
  a: readonly Prediction[],
  b: readonly Prediction[],
  options: { names?: { a: string; b: string }; resamples?: number; seed?: number } = {},
): QuestionComparison {
  const names = options.names ?? { a: "run A", b: "run B" };
  const outcomes = alignPredictions(a, b, names);
  const n = outcomes.ids.length;
  const sum = (xs: Uint8Array) => xs.reduce((s, x) => s + x, 0);
  const pairedBy = `${n} questions answered by both ${names.a} and ${names.b}`;
  return {
    a: names.a,
    b: names.b,
    n,
    accuracyA: n ? sum(outcomes.correctA) / n : Number.NaN,
    accuracyB: n ? sum(outcomes.correctB) / n : Number.NaN,
    mcnemar: mcnemarExact(outcomes, pairedBy),
    bootstrap: pairedBootstrapCI(outcomes, pairedBy, { resamples: options.resamples, seed: options.seed }),
  };
}
