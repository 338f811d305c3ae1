/** The table `syllabus run` and `syllabus status` end with: accuracy per strategy over seeds, gain over the baseline. */
import type { Plan } from "../core/runs/plan";
import { planResults } from "../core/runs/results";
import type { RunStore } from "../core/runs/store";
import { aggregateResults, compareBySeed, pct, pValue, signedPct } from "../core/stats/index";

/** Prints the table; returns 1 when a run of the plan failed (so scripts notice), else 0. */
export function printSummary(plan: Plan, store: RunStore): number {
  const failed = plan.runs.filter((r) => store.state(r.runId) === "failed");
  for (const r of failed) {
    const status = store.status(r.runId);
    console.log(`FAILED ${r.runId} (${r.strategy}, seed ${r.seed}${r.fold ? `, fold ${r.fold.index}/${r.fold.of}` : ""}): ${status?.error ?? "see `syllabus logs`"}`);
  }
  const { results, missing, invalid } = planResults(plan, store);
  for (const r of invalid) console.log(`INVALID ${r.runId} (${r.strategy}, seed ${r.seed}): ${r.reason}; left out of the statistics (train it again: syllabus run --rerun)`);
  if (results.length === 0) {
    console.log("no results yet");
    return failed.length ? 1 : 0;
  }
  const cells = aggregateResults(results);
  const baseline = plan.experiment.baseline;
  const hasBaseline = cells.some((c) => c.strategy === baseline);
  const comparisons = hasBaseline ? compareBySeed(cells, baseline) : [];
  const width = Math.max(...cells.map((c) => c.strategy.length), 8);
  let group = "";
  for (const c of cells) {
    const head = `${c.model} on ${c.evalSet}`;
    if (head !== group) {
      group = head;
      console.log(`\n${head} (mean over seeds, 95% CI; gain vs ${baseline}, paired t by seed)`);
    }
    const cmp = comparisons.find((x) => x.model === c.model && x.evalSet === c.evalSet && x.strategy === c.strategy);
    const ci = Number.isFinite(c.ci95[0]) ? ` [${pct(c.ci95[0], 1)}, ${pct(c.ci95[1], 1)}]` : "";
    const gain = cmp && Number.isFinite(cmp.gain) ? `  ${signedPct(cmp.gain)}${cmp.tTest ? ` (p ${pValue(cmp.tTest.p)}, n ${cmp.tTest.n})` : ""}` : "";
    console.log(`  ${c.strategy.padEnd(width)}  ${pct(c.mean)}%${ci}  n=${c.runs} seeds${gain}`);
  }
  if (missing) console.log(`\n${missing} run(s) without a valid result yet`);
  return failed.length ? 1 : 0;
}
