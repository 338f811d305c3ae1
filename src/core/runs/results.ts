/**
 * A plan's runs, read from the run store, as the statistics module's records: one RunResult per
 * (run, eval set) with a synced result, and the loss curve of every run. Labels come from the PLAN
 * (the config as it is now), not from the store, because one stored run can serve several experiments.
 */
import type { LossEvent, RunResult } from "../stats/types";
import type { Plan } from "./plan";
import type { RunStore } from "./store";

export interface PlanResults {
  results: RunResult[];
  events: LossEvent[];
  /** Runs of the plan without a result yet. */
  missing: number;
}

export function planResults(plan: Plan, store: RunStore): PlanResults {
  const results: RunResult[] = [];
  const events: LossEvent[] = [];
  let missing = 0;
  for (const run of plan.runs) {
    const labels = { experiment: run.experiment, model: run.model, strategy: run.strategy, seed: run.seed, runId: run.runId };
    const result = store.get(run.runId) ? store.result(run.runId) : undefined;
    if (!result) missing++;
    for (const [evalSet, score] of Object.entries(result?.accuracy ?? {})) {
      results.push({ ...labels, evalSet, accuracy: score.accuracy, n: score.n });
    }
    if (!store.get(run.runId)) continue;
    for (const e of store.events(run.runId)) {
      if (e.type === "progress") events.push({ ...labels, step: e.step, loss: e.loss });
    }
  }
  return { results, events, missing };
}
