/**
 * Grid progress, ETA and the best strategy so far — what the Experiments tree, CodeLens and `syllabus status`
 * say about an experiment's runs — computed from the one join (src/core/runs/experimentRuns.ts). Pure: the
 * extension only places these texts.
 */
import type { ExperimentRun, ExperimentRunState } from "../runs/experimentRuns";
import { poolByFold } from "../runs/foldResults";
import { aggregateResults } from "../stats/aggregate";
import type { RunResult } from "../stats/types";

export interface GridSummary {
  total: number;
  byState: Partial<Record<ExperimentRunState, number>>;
  /** Succeeded runs whose result is kept out of the statistics. */
  invalid: number;
  /** Strategy with the best mean accuracy (over seeds, then models) on the first eval set, if any result. */
  best?: { strategy: string; accuracy: number; evalSet: string; runs: number };
}

const ACTIVE: readonly ExperimentRunState[] = ["queued", "preparing", "training", "evaluating"];

/** The statistics' records of the joined runs (valid results only; under cross-validation a seed's folds pool into one, as in planResults). */
function runResults(runs: readonly ExperimentRun[]): RunResult[] {
  const results = runs.flatMap((r) => Object.entries(r.accuracy ?? {}).map(([evalSet, s]) => ({ experiment: r.experiment, model: r.model, strategy: r.strategy, seed: r.seed, runId: r.runId, evalSet, accuracy: s.accuracy, n: s.n })));
  const k = runs.find((r) => r.folds !== undefined)?.folds;
  return poolByFold(k, new Map(runs.map((r) => [r.runId, r.fold])), results);
}

export function summarizeRuns(runs: readonly ExperimentRun[], evalSet?: string): GridSummary {
  const byState: GridSummary["byState"] = {};
  for (const r of runs) byState[r.state] = (byState[r.state] ?? 0) + 1;
  const invalid = runs.filter((r) => r.invalid).length;
  const results = runResults(runs);
  const set = evalSet ?? results[0]?.evalSet;
  let best: GridSummary["best"];
  if (set) {
    // The same cell means (mean over seeds) the comparison panel and the report show.
    const cells = aggregateResults(results.filter((r) => r.evalSet === set));
    for (const strategy of new Set(cells.map((c) => c.strategy))) {
      const mine = cells.filter((c) => c.strategy === strategy);
      const accuracy = mine.reduce((a, c) => a + c.mean, 0) / mine.length;
      const n = mine.reduce((a, c) => a + c.runs, 0);
      if (!best || accuracy > best.accuracy) best = { strategy, accuracy, evalSet: set, runs: n };
    }
  }
  return best ? { total: runs.length, byState, invalid, best } : { total: runs.length, byState, invalid };
}

export function formatEta(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, "0")}m`;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The CodeLens texts above an experiment: progress once a run exists; once a result exists, the claim —
 * "best" only with its test (core/views/claimTexts.ts planClaims → `claim`), else the highest mean, named
 * as untested.
 */
export function lensTexts(runs: readonly ExperimentRun[], claim?: string): { progress?: string; best?: string } {
  const s = summarizeRuns(runs);
  const out: { progress?: string; best?: string } = {};
  if (s.total - (s.byState["not-run"] ?? 0) > 0) {
    const active = ACTIVE.reduce((n, k) => n + (s.byState[k] ?? 0), 0);
    const parts = [`${(s.byState.succeeded ?? 0) - s.invalid}/${s.total} done`];
    if (active) parts.push(`${active} running`);
    if (s.byState.failed) parts.push(`${s.byState.failed} failed`);
    if (s.invalid) parts.push(`${s.invalid} invalid`);
    out.progress = parts.join(", ");
  }
  if (s.best) out.best = claim ?? `highest mean: ${s.best.strategy} ${pct(s.best.accuracy)} on ${s.best.evalSet} (untested)`;
  return out;
}

/** The tree's text for an experiment row. */
export function experimentDescription(runs: readonly ExperimentRun[]): string {
  const s = summarizeRuns(runs);
  const done = (s.byState.succeeded ?? 0) - s.invalid;
  return `${done}/${s.total} runs done` + (s.invalid ? ` · ${s.invalid} invalid` : "") + (s.best ? ` · highest mean ${s.best.strategy} ${pct(s.best.accuracy)} (untested; claims with their tests in the CodeLens and report)` : "");
}

/** The tree's text for one run: state, steps and ETA while training, accuracy when done, why when invalid. */
export function runDescription(run: ExperimentRun): string {
  const parts: string[] = [run.state === "not-run" ? "not run" : run.invalid ? "invalid" : run.state];
  if ((run.state === "training" || run.state === "evaluating") && run.totalSteps) parts.push(`${run.step ?? 0}/${run.totalSteps}`);
  if (run.etaSeconds !== undefined && run.state === "training") parts.push(`ETA ${formatEta(run.etaSeconds)}`);
  if (run.gpu !== undefined && (run.state === "training" || run.state === "evaluating" || run.state === "preparing")) parts.push(`GPU ${run.gpu}`);
  if (run.accuracy) parts.push(Object.entries(run.accuracy).map(([set, a]) => `${set} ${pct(a.accuracy)}`).join(", "));
  if (run.invalid) parts.push(run.invalid);
  return parts.join(" · ");
}
