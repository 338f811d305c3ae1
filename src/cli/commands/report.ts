/**
 * `syllabus report`: a results file in, a report folder out (HTML, tables, runs.csv, chart PNGs).
 * A thin wrapper over core/report (writeReport); reading the run store comes later.
 */
import { resolve } from "node:path";
import type { Command } from "../command";
import { UsageError, choiceArg, parseCommandArgs } from "../args";
import { readReportInput } from "../../core/report/input";
import { writeReport } from "../../core/report/index";
import { plans } from "../../core/runs/experimentRuns";
import { planResults } from "../../core/runs/results";
import { planPredictions } from "../../core/runs/predictions";
import { RunStore } from "../../core/runs/store";
import { loadExperiment } from "../experimentArgs";
import { signedPct } from "../../core/stats/format";
import { studyReport } from "../studyReport";

const OPTIONS = {
  results: { type: "string" },
  out: { type: "string", short: "o" },
  title: { type: "string" },
  baseline: { type: "string" },
  "group-by": { type: "string" },
  "no-png": { type: "boolean" },
  experiment: { type: "string" },
  study: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const usage = `usage: syllabus report CONFIG.syllabus [--experiment NAME | --study NAME] --out DIR [options]
       syllabus report --results FILE.json --out DIR [options]

From a config: the experiment's runs as the run store (.syllabus/ beside the config) holds them.
--study NAME: a \`study\` block's table across experiments (each eval-set column from the experiment
that evaluates it, Table 1 layout), or its comparison of two tables per strategy (comparison.*).

Aggregates runs over seeds (mean, sd, 95% CI inside [0, 100], n), compares every strategy with the
baseline (per question where predictions exist: paired bootstrap over seeds and questions and exact
McNemar per seed; paired by seed: paired t and Wilcoxon; across the (model, eval set) grid: paired t;
Holm-adjusted), states claims only with their test, flags runs at chance or answering one letter, gives
the smallest detectable gain, and writes:
  DIR/report.html        self-contained report (opens offline; charts, tables, tests)
  DIR/runs.csv           every run
  DIR/tables/EXP.md|.tex|.csv   the study-layout table per experiment (best in bold)
  DIR/stats.json         everything computed, for other tools
  DIR/charts/ID.png      each chart, rendered in headless Chromium

input (FILE.json): a JSON array of results, or {"results": [...], "events": [...], "predictions": [...]}
  result: {"experiment", "model", "evalSet", "strategy", "seed", "accuracy" (fraction 0..1), "n", "runId"?}
  event:  {"experiment", "model", "strategy", "seed", "step", "loss"}   (learning curves)
  predictions (optional, per-question tests, chance, letters, categories):
          {"experiment", "model", "evalSet", "strategy", "seed",
           "predictions": [{"id", "gold", "predicted" (letter, or null), "options"?, "category"?}, …]}

options:
  --results FILE        the results file (required)
  --out DIR             the report folder (required; created; files replaced atomically)
  --title TEXT          report title (default: "Syllabus report")
  --baseline NAME       strategy the others are compared with (default: random)
  --group-by G          accuracy charts grouped by model (default, one chart per eval set) | evalSet
  --no-png              skip the PNGs (no Chromium needed)

Chromium: /usr/bin/chromium (Debian's chromium package) or SYLLABUS_CHROMIUM=PATH.

example:
  syllabus report --results runs.json --out report/ --title "LEK → MedQA"`;

/** The experiment's results as the run store holds them (labels from the config as it is now). */
async function experimentInput(configFile: string, name: string | undefined) {
  const target = loadExperiment(configFile, name);
  const plan = await plans.get(target.config, target.experiment.name);
  const store = new RunStore(target.workspaceRoot);
  const { results, events, missing, invalid, runs } = planResults(plan, store);
  const predictions = planPredictions(plan, store, runs);
  for (const r of invalid) console.error(`note: run ${r.runId} (${r.strategy}, seed ${r.seed}) is left out: ${r.reason}`);
  if (results.length === 0) throw new UsageError(`experiment ${plan.experiment.name} has no results yet: run it first (syllabus run ${configFile})`);
  if (missing) console.error(`note: ${missing} of ${plan.runs.length} runs have no valid result yet; the report shows the others`);
  return { results, events, predictions, title: `${plan.experiment.name} — Syllabus report`, baseline: plan.experiment.baseline };
}

export const reportCommand: Command = {
  name: "report",
  summary: "statistics, tables and a self-contained HTML report of experiment results",
  usage,
  async run(argv) {
    const configFile = argv[0] && !argv[0].startsWith("-") ? argv[0] : undefined;
    const args = parseCommandArgs(configFile ? argv.slice(1) : argv, OPTIONS);
    if (!args.results && !configFile) throw new UsageError("name a .syllabus config or --results FILE");
    if (!args.out) throw new UsageError("--out DIR is required");
    const groupBy = choiceArg("group-by", args["group-by"], ["model", "evalSet"] as const) ?? "model";
    if (args.study) {
      if (!configFile) throw new UsageError("--study needs a .syllabus config");
      return studyReport(configFile, args.study, resolve(args.out), { png: !args["no-png"], groupBy, source: resolve(configFile), ...(args.title ? { title: args.title } : {}) });
    }
    const file = resolve(configFile ?? args.results!);
    const fromConfig = configFile ? await experimentInput(configFile, args.experiment) : undefined;
    const input = fromConfig ?? { ...readReportInput(file), title: "Syllabus report", baseline: "random" };
    const out = resolve(args.out);
    const { files, sections } = await writeReport(
      { ...input, title: args.title ?? input.title, baseline: args.baseline ?? input.baseline },
      out,
      { png: !args["no-png"], groupBy, source: file },
    );
    for (const s of sections) {
      const claim = s.evidence ? s.evidence.claim.text : "no baseline runs: no gains or claims";
      console.log(`${s.name}: ${s.table.strategies.length} strategies × ${s.table.models.length} models × ${s.table.evalSets.length} eval sets; ${claim}`);
      const flagged = s.diagnostics.filter((d) => d.flags.length);
      if (flagged.length) console.log(`  ${flagged.length} of ${s.diagnostics.length} runs flagged (at chance or one letter ≥ 90%): see the report's "Runs against chance"`);
    }
    console.log(`wrote ${files.length} files to ${out} (open ${out}/report.html)`);
    return 0;
  },
};
