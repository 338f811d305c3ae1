/**
 * A plan's runs as the statistics module's records: one RunResult per (run, eval set) with a valid result, and
 * the loss curve of every run. Read through the one join (experimentRuns.ts), so labels come from the PLAN (the
 * config as it is now) and a run shared by two experiments counts in both; invalid runs count in neither.
 */
import type { LossEvent, RunResult } from "../stats/types";
import { experimentRuns, type ExperimentRun } from "./experimentRuns";
import type { Plan } from "./plan";
import type { RunStore } from "./store";
import { poolFoldResults } from "./foldResults";

export interface PlanResults {
  results: RunResult[];
  events: LossEvent[];
  /** Runs of the plan without a (valid) result yet. */
  missing: number;
  /** Runs whose result is kept out of the statistics, with the reason. */
  invalid: { runId: string; strategy: string; seed: number; reason: string }[];
  /** The joined runs the numbers came from. */
  runs: ExperimentRun[];
}

export function planResults(plan: Plan, store: RunStore, runs: ExperimentRun[] = experimentRuns(plan, store)): PlanResults {
  const results: RunResult[] = [];
  const events: LossEvent[] = [];
  const invalid: PlanResults["invalid"] = [];
  let missing = 0;
  for (const run of runs) {
    const labels = { experiment: run.experiment, model: run.model, strategy: run.strategy, seed: run.seed, runId: run.runId };
    if (run.invalid) invalid.push({ runId: run.runId, strategy: run.strategy, seed: run.seed, reason: run.invalid });
    if (!run.accuracy) missing++;
    for (const [evalSet, score] of Object.entries(run.accuracy ?? {})) results.push({ ...labels, evalSet, accuracy: score.accuracy, n: score.n });
    if (run.state === "not-run" || run.invalid) continue;
    for (const e of store.events(run.runId)) if (e.type === "progress") events.push({ ...labels, step: e.step, loss: e.loss });
  }
  // Cross-validation: a seed's fold runs pool into one result per seed (foldResults.ts).
  return { results: poolFoldResults(plan, results), events, missing, invalid, runs };
}
