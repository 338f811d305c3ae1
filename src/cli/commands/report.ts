/**
 * `syllabus report`: a results file in, a report folder out (HTML, tables, runs.csv, chart PNGs).
 * A thin wrapper over core/report (writeReport); reading the run store comes later.
 */
import { resolve } from "node:path";
import type { Command } from "../command";
import { UsageError, choiceArg, parseCommandArgs, withUsage } from "../args";
import { readReportInput } from "../../core/report/input";
import { writeReport } from "../../core/report/index";

const OPTIONS = {
  results: { type: "string" },
  out: { type: "string", short: "o" },
  title: { type: "string" },
  baseline: { type: "string" },
  "group-by": { type: "string" },
  "no-png": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const usage = `usage: syllabus report --results FILE.json --out DIR [options]

Aggregates runs over seeds (mean, sd, 95% t CI), compares every strategy with the baseline (paired by
seed: paired t and Wilcoxon; across the (model, eval set) grid: paired t; Holm-adjusted), and writes:
  DIR/report.html        self-contained report (opens offline; charts, tables, tests)
  DIR/runs.csv           every run
  DIR/tables/EXP.md|.tex|.csv   the study-layout table per experiment (best in bold)
  DIR/stats.json         everything computed, for other tools
  DIR/charts/ID.png      each chart, rendered in headless Chromium

input (FILE.json): a JSON array of results, or {"results": [...], "events": [...]}
  result: {"experiment", "model", "evalSet", "strategy", "seed", "accuracy" (fraction 0..1), "n", "runId"?}
  event:  {"experiment", "model", "strategy", "seed", "step", "loss"}   (learning curves)

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

export const reportCommand: Command = {
  name: "report",
  summary: "statistics, tables and a self-contained HTML report of experiment results",
  usage,
  run: (argv) =>
    withUsage("report", async () => {
      const args = parseCommandArgs(argv, OPTIONS);
      if (!args.results) throw new UsageError("--results FILE is required");
      if (!args.out) throw new UsageError("--out DIR is required");
      const groupBy = choiceArg("group-by", args["group-by"], ["model", "evalSet"] as const) ?? "model";
      const file = resolve(args.results);
      const input = readReportInput(file);
      const out = resolve(args.out);
      const { files, sections } = await writeReport(
        { ...input, title: args.title ?? "Syllabus report", baseline: args.baseline ?? "random" },
        out,
        { png: !args["no-png"], groupBy, source: file },
      );
      for (const s of sections) {
        const gains = s.summary.bestGainPerEvalSet.map((g) => `${g.column} ${g.strategy} ${(g.gain * 100).toFixed(2)}`).join(", ");
        console.log(`${s.name}: ${s.table.strategies.length} strategies × ${s.table.models.length} models × ${s.table.evalSets.length} eval sets; best gain per eval set (pp): ${gains}`);
      }
      console.log(`wrote ${files.length} files to ${out} (open ${out}/report.html)`);
      return 0;
    }),
};
