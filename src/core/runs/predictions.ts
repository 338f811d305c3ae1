/**
 * A plan's per-question predictions, read from the run store through the one join (experimentRuns.ts), as
 * the statistics module's records: one RunPredictions per (run with a valid result, eval set) whose
 * predictions/<set>.jsonl is present — invalid runs count nowhere, as in results.ts. Each prediction carries
 * its question's option count (from the line, or its log-prob letters) and category (from the plan's eval
 * sets, else the run's eval/<set>.jsonl when the store holds it). Labels come from the plan.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "./plan";
import type { RunStore } from "./store";
import { experimentRuns, type ExperimentRun } from "./experimentRuns";
import { BUNDLE_FILES, predictionsFile, readPredictionLines, readQuestionLines, type PredictionLine } from "./bundle";
import type { PredictionRecord } from "../stats/chance";
import type { RunPredictions } from "../stats/questionAnalysis";

export function predictionRecord(p: PredictionLine, category?: string): PredictionRecord {
  const options = p.optionCount ?? (p.logprobs ? Object.keys(p.logprobs).length : undefined);
  return { id: p.id, gold: p.gold, predicted: p.predicted ?? "", ...(options ? { options } : {}), ...(category !== undefined ? { category } : {}) };
}

export function planPredictions(plan: Plan, store: RunStore, runs: readonly ExperimentRun[] = experimentRuns(plan, store)): RunPredictions[] {
  // Categories from the eval sets as the plan wrote them (every run of a plan shares them).
  const categories = new Map((plan.runs[0]?.evalSets ?? []).map((e) => [e.name, new Map(e.questions.map((q) => [q.id, q.category]))]));
  return runsPredictions(runs, store, categories);
}

/** The predictions of the joined runs that have a valid result (their `accuracy`). */
export function runsPredictions(runs: readonly ExperimentRun[], store: RunStore, categories: ReadonlyMap<string, ReadonlyMap<string, string | undefined>> = new Map()): RunPredictions[] {
  const out: RunPredictions[] = [];
  for (const run of runs) {
    if (!run.accuracy || run.invalid) continue;
    const dir = store.dir(run.runId);
    for (const evalSet of Object.keys(run.accuracy)) {
      const file = join(dir, predictionsFile(evalSet));
      if (!existsSync(file)) continue;
      const questions = join(dir, BUNDLE_FILES.evalDir, `${evalSet}.jsonl`);
      const category = categories.get(evalSet) ?? new Map(existsSync(questions) ? readQuestionLines(questions).map((q) => [q.id, q.category]) : []);
      out.push({
        experiment: run.experiment, model: run.model, evalSet, strategy: run.strategy, seed: run.seed, runId: run.runId,
        predictions: readPredictionLines(file).map((p) => predictionRecord(p, category.get(p.id))),
      });
    }
  }
  return out;
}
