import { resolve } from "node:path";
import type { Command } from "../command";
import { parseCommandArgs } from "../args";
import { DEMO_EXPERIMENT, writeDemoWorkspace } from "../../core/demo/workspace";
import { writeReport } from "../../core/report/index";
import { planResults } from "../../core/runs/results";
import { RemoteSession, ttyPrompter } from "../../remote/index";
import { runExperiment } from "../../remote/runExperiment";
import { loadExperiment } from "../experimentArgs";
import { bar, ProgressLine } from "../progress";
import { printSummary } from "../summary";

const usage = `usage: syllabus demo [--dir DIR] [--no-png]

The first five minutes: writes a workspace (DIR, default ./demo-workspace) with a GENERATED arithmetic
data set whose difficulty is known, and an experiment of all six strategies × 2 seeds with a tiny random
Llama on this machine; runs it end to end (order, train, evaluate, aggregate) and writes the HTML
report to DIR/report/. A second run reuses the finished runs and takes seconds.`;

export const demoCommand: Command = {
  name: "demo",
  summary: "generate a demo workspace, run all six strategies on this machine, write the report",
  usage,
  async run(argv) {
    const args = parseCommandArgs(argv, { dir: { type: "string" }, "no-png": { type: "boolean" } });
    const dir = resolve(args.dir ?? "demo-workspace");
    const configFile = writeDemoWorkspace(dir);
    console.log(`demo workspace: ${dir}`);
    const target = loadExperiment(configFile, DEMO_EXPERIMENT);
    const session = new RemoteSession({ workspaceRoot: target.workspaceRoot, prompter: ttyPrompter({ acceptNewHostKey: false }) });
    const progress = new ProgressLine();
    const started = Date.now();
    try {
      const outcome = await runExperiment({
        session,
        config: target.config,
        experiment: DEMO_EXPERIMENT,
        wait: true,
        onProgress: (p) => {
          const ended = Object.values(p.states).filter((s) => s === "succeeded" || s === "failed" || s === "cancelled").length;
          progress.update(p.phase === "running" ? `${bar(p.fraction)}  ${ended}/${Object.keys(p.states).length} runs ended` : p.message ?? p.phase);
        },
      });
      progress.done();
      console.log(`${outcome.plan.runs.length} runs (${outcome.reused.length} reused) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const failed = printSummary(outcome.plan, session.store);
      const { results, events } = planResults(outcome.plan, session.store);
      const out = resolve(dir, "report");
      await writeReport({ results, events, title: "Syllabus demo: six learning strategies", baseline: "random" }, out, { png: !args["no-png"], source: configFile });
      console.log(`\nreport: ${out}/report.html`);
      return failed;
    } finally {
      await session.close();
    }
  },
};
