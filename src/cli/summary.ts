/**
 * The table `syllabus run` and `syllabus status` end with: accuracy per strategy with its interval and n,
 * the spread over seeds (labelled), each gain over the baseline worded by its test, runs flagged at chance
 * or degenerate, and the experiment's claim — all worded by src/core/stats (claims.ts, interval.ts), as
 * the report and the editor views are.
 */
import type { Plan } from "../core/runs/plan";
import { planResults } from "../core/runs/results";
import { planPredictions } from "../core/runs/predictions";
import type { RunStore } from "../core/runs/store";
import { DataError } from "../core/errors";
import { VIEW_RESAMPLES } from "../core/views/claimTexts";
import {
  aggregateResults, analyzeQuestions, cellInterval, compareAcrossGrid, compareBySeed, experimentEvidence, gainClaim, intervalLabel, spreadLabel,
} from "../core/stats/index";

/** The views' and the report's count (one truth: the same intervals and p values everywhere). */
const SUMMARY_RESAMPLES = VIEW_RESAMPLES;

/** Prints the table; returns 1 when a run of the plan failed (so scripts notice), else 0. */
export function printSummary(plan: Plan, store: RunStore): number {
  const failed = plan.runs.filter((r) => store.state(r.runId) === "failed");
  for (const r of failed) {
    const status = store.status(r.runId);
    console.log(`FAILED ${r.runId} (${r.strategy}, seed ${r.seed}${r.fold ? `, fold ${r.fold.index}/${r.fold.of}` : ""}): ${status?.error ?? "see `syllabus logs`"}`);
  }
  const { results, missing, invalid, runs } = planResults(plan, store);
  for (const r of invalid) console.log(`INVALID ${r.runId} (${r.strategy}, seed ${r.seed}): ${r.reason}; left out of the statistics (train it again: syllabus run --rerun)`);
  if (results.length === 0) {
    console.log("no results yet");
    return failed.length ? 1 : 0;
  }
  const cells = aggregateResults(results);
  const baseline = plan.experiment.baseline;
  const hasBaseline = cells.some((c) => c.strategy === baseline);
  const predictions = planPredictions(plan, store, runs);
  const resample = { resamples: SUMMARY_RESAMPLES, seed: 0 };
  let questions: ReturnType<typeof analyzeQuestions> | undefined;
  try {
    questions = predictions.length ? analyzeQuestions(predictions, baseline, resample) : undefined;
  } catch (err) {
    // The summary ends a run: predictions that do not line up are reported, and the results still shown.
    if (!(err instanceof DataError)) throw err;
    console.log(`note: per-question predictions not used: ${err.message.split("\n")[0]}`);
  }
  const bySeed = hasBaseline ? compareBySeed(cells, baseline) : [];
  const evidence = hasBaseline
    ? experimentEvidence(cells, plan.experiment.name, baseline, { bySeed, grid: compareAcrossGrid(cells, baseline), ...(questions ? { questions } : {}) })
    : undefined;
  const width = Math.max(...cells.map((c) => c.strategy.length), 8);
  let group = "";
  for (const c of cells) {
    const head = `${c.model} on ${c.evalSet}`;
    if (head !== group) {
      group = head;
      const chance = questions?.diagnostics.find((d) => d.model === c.model && d.evalSet === c.evalSet)?.chance.chance;
      console.log(`\n${head} (mean over seeds, 95% CI; ± = sd over seeds; gain vs ${baseline}${evidence?.perCell[0] ? `: ${evidence.perCell[0].test}` : ""})${chance !== undefined ? `; chance level ${(chance * 100).toFixed(1)}%` : ""}`);
    }
    const interval = cellInterval(c, questions);
    const tested = evidence?.perCell.find((g) => g.model === c.model && g.evalSet === c.evalSet && g.strategy === c.strategy);
    const gain = tested ? `  ${gainClaim(tested).short}` : "";
    console.log(`  ${c.strategy.padEnd(width)}  ${intervalLabel(interval, 2)}  ${spreadLabel(c.sd, c.runs)}${gain}`);
  }
  const flagged = questions?.diagnostics.filter((d) => d.flags.length) ?? [];
  if (flagged.length) {
    console.log(`\n${flagged.length} of ${questions!.diagnostics.length} runs flagged:`);
    for (const d of flagged) console.log(`  ${d.strategy} seed ${d.seed} on ${d.evalSet}: ${d.flags.join("; ")}`);
  }
  if (evidence) console.log(`\n${evidence.claim.text}`);
  if (missing) console.log(`\n${missing} run(s) without a valid result yet`);
  return failed.length ? 1 : 0;
}
