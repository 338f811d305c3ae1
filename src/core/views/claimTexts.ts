/**
 * The words every editor view shows about results — CodeLens ("best: …" only with its test), inlay hints
 * (a labelled "±"), hovers on strategies (intervals with n, gains with their tests, flagged runs) — built
 * from the same core statistics as the report and the CLI summary (src/core/stats: evidence.ts chooses
 * the test, claims.ts words the claim). Pure: the extension and panels only place these texts.
 */
import type { RunResult } from "../stats/types";
import type { RunPredictions } from "../stats/questionAnalysis";
import { analyzeQuestions, cellInterval, type QuestionAnalysis } from "../stats/questionAnalysis";
import { aggregateResults } from "../stats/aggregate";
import { compareAcrossGrid, compareBySeed } from "../stats/compare";
import { experimentEvidence, type ExperimentEvidence } from "../stats/evidence";
import { gainClaim } from "../stats/claims";
import { intervalKey, intervalLabel, spreadLabel, type AccuracyInterval } from "../stats/interval";
import { mean } from "../stats/descriptive";
import { pct, signedPct, pValue } from "../stats/format";
import { DEFAULT_RESAMPLES, type ResampleOptions } from "../stats/resample";
import type { Plan } from "../runs/plan";
import type { RunStore } from "../runs/store";
import type { ExperimentRun } from "../runs/experimentRuns";
import { planResults } from "../runs/results";
import { planPredictions } from "../runs/predictions";
import { DataError } from "../errors";

/** The report's count too (about 0.2 s for the demo's grid, memoised below), so a panel, the CLI summary and
 * the report draw the SAME intervals and p values; stated in every text that uses it (via the test's wording). */
export const VIEW_RESAMPLES = DEFAULT_RESAMPLES;

export interface ExperimentClaims {
  experiment: string;
  baseline: string;
  evidence?: ExperimentEvidence;
  questions?: QuestionAnalysis;
  /** The CodeLens text: the claim with its p, or "no winner"/"no significant difference". */
  lens?: string;
  /** Per strategy: inlay label and hover Markdown. */
  hints: Map<string, { label: string; markdown: string }>;
  /** Per cell (key intervalKey(model, eval set, strategy)): its 95% interval (bootstrap over seeds and
   * questions with predictions, else the t over seeds cut to [0, 100]), as the report and CLI draw it. */
  intervals: Map<string, AccuracyInterval>;
  /** Why the per-question predictions were not used, when they could not be. */
  predictionsProblem?: string;
}

/**
 * Views refresh on every keystroke and file event; the bootstrap runs only when the results or predictions
 * changed (key: every result and every answer).
 */
const memo = new Map<string, ExperimentClaims>();
const MEMO_SIZE = 16;

export function experimentClaims(
  experiment: string,
  baseline: string,
  results: readonly RunResult[],
  predictions: readonly RunPredictions[] = [],
  resample: ResampleOptions = { resamples: VIEW_RESAMPLES, seed: 0 },
): ExperimentClaims {
  const key = JSON.stringify([
    experiment, baseline, resample,
    results.filter((r) => r.experiment === experiment).map((r) => [r.model, r.evalSet, r.strategy, r.seed, r.accuracy, r.n]),
    predictions.filter((p) => p.experiment === experiment).map((p) => [p.model, p.evalSet, p.strategy, p.seed, p.predictions.map((q) => `${q.id}:${q.gold}${q.predicted || "-"}`).join(",")]),
  ]);
  const hit = memo.get(key);
  if (hit) return hit;
  const claims = computeClaims(experiment, baseline, results, predictions, resample);
  memo.set(key, claims);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  return claims;
}

function computeClaims(
  experiment: string,
  baseline: string,
  results: readonly RunResult[],
  predictions: readonly RunPredictions[],
  resample: ResampleOptions,
): ExperimentClaims {
  const cells = aggregateResults(results.filter((r) => r.experiment === experiment));
  const out: ExperimentClaims = { experiment, baseline, hints: new Map(), intervals: new Map() };
  if (cells.length === 0) return out;
  const preds = predictions.filter((p) => p.experiment === experiment);
  // Predictions that do not line up (runs scored on different questions) must not take the views down:
  // the texts fall back to the results and say why.
  let questions: QuestionAnalysis | undefined;
  try {
    questions = preds.length ? analyzeQuestions(preds, baseline, resample) : undefined;
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    out.predictionsProblem = err.message.split("\n")[0]!;
  }
  const hasBaseline = cells.some((c) => c.strategy === baseline);
  const evidence = hasBaseline
    ? experimentEvidence(cells, experiment, baseline, { bySeed: compareBySeed(cells, baseline), grid: compareAcrossGrid(cells, baseline), ...(questions ? { questions } : {}) })
    : undefined;
  if (evidence) out.evidence = evidence;
  if (questions) out.questions = questions;
  out.lens = evidence ? evidence.claim.short : `no ${baseline} results: no claim`;
  const intervalOf = (c: (typeof cells)[number]): AccuracyInterval => cellInterval(c, questions);
  for (const c of cells) out.intervals.set(intervalKey(c.model, c.evalSet, c.strategy), intervalOf(c));
  for (const strategy of [...new Set(cells.map((c) => c.strategy))]) {
    const mine = cells.filter((c) => c.strategy === strategy);
    const sds = mine.map((c) => c.sd).filter(Number.isFinite);
    const seeds = Math.min(...mine.map((c) => c.runs));
    const spread = sds.length === mine.length ? ` ±${pct(mean(sds), 1)} sd/${seeds} seeds` : ` (${seeds} seed${seeds === 1 ? "" : "s"}: no sd)`;
    const g = evidence?.gains.find((x) => x.strategy === strategy);
    const gainText = !g ? "" : Number.isFinite(g.p) ? ` (${signedPct(g.gain, 1)} pp, p = ${pValue(g.p)}${g.p < 0.05 ? "" : " n.s."})` : ` (${signedPct(g.gain, 1)} pp, untested)`;
    const label = `${pct(mean(mine.map((c) => c.mean)), 1)}%${spread}${gainText}`;
    const lines = [`**${strategy}** — mean over seeds; 95% CI by the named method; n = seeds × questions`, ""];
    for (const c of mine) {
      lines.push(`- ${c.model} on ${c.evalSet}: ${intervalLabel(intervalOf(c))}; ${spreadLabel(c.sd, c.runs)}`);
      const cell = evidence?.perCell.find((x) => x.model === c.model && x.evalSet === c.evalSet && x.strategy === strategy);
      if (cell) lines.push(`  - ${gainClaim(cell).text}`);
      const flagged = questions?.diagnostics.filter((d) => d.model === c.model && d.evalSet === c.evalSet && d.strategy === strategy && d.flags.length) ?? [];
      for (const d of flagged) lines.push(`  - ⚠ seed ${d.seed}: ${d.flags.join("; ")}`);
    }
    if (g) lines.push("", `Over the experiment: ${gainClaim(g).text}`);
    if (evidence) lines.push("", `Experiment claim: ${evidence.claim.text}`);
    if (out.predictionsProblem) lines.push("", `Per-question predictions not used: ${out.predictionsProblem}`);
    out.hints.set(strategy, { label, markdown: lines.join("\n") });
  }
  return out;
}

/** The claims of a plan's experiment from its valid runs' results and predictions (the one join). */
export function planClaims(plan: Plan, store: RunStore, runs?: ExperimentRun[]): ExperimentClaims {
  const joined = planResults(plan, store, ...(runs ? [runs] : []));
  return experimentClaims(plan.experiment.name, plan.experiment.baseline, joined.results, planPredictions(plan, store, joined.runs));
}
