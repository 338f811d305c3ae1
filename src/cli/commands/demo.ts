import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "../command";
import { parseCommandArgs } from "../args";
import { DEMO_CHANCE, DEMO_DATASET, DEMO_EXPERIMENT, writeDemoWorkspace } from "../../core/demo/workspace";
import { formatDemoSummary, summarizeDemo, type DemoRun } from "../../core/demo/summary";
import { loadQuestions } from "../../core/questions/index";
import { writeReport } from "../../core/report/index";
import { planResults } from "../../core/runs/results";
import { PredictionLine } from "../../core/runs/bundle";
import type { RunStore } from "../../core/runs/store";
import type { Plan } from "../../core/runs/plan";
import { planPredictions } from "../../core/runs/predictions";
import { RemoteSession, ttyPrompter } from "../../remote/index";
import { runExperiment } from "../../remote/runExperiment";
import { loadExperiment } from "../experimentArgs";
import { LOCAL_HOST } from "../../core/experiment/model";
import { bar, ProgressLine } from "../progress";
import { printSummary } from "../summary";

const usage = `usage: syllabus demo [--dir DIR] [--no-png]

The first five minutes: writes a workspace (DIR, default ./demo-workspace) with a GENERATED task whose
difficulty and categories are known by construction ('Which option is "tiger"?' among 2, 3 or 4 words),
and an experiment of all six strategies × 2 seeds fine-tuning the real SmolLM2-135M (LoRA, CPU, two runs
at a time with one thread each; about 4-5 minutes on an idle 2-core machine) on this machine; runs it end to
end (order, train, evaluate, aggregate), prints which differences are significant, and writes the HTML
report to DIR/report/. A second run reuses the finished runs and takes seconds.`;

/** Runs trained at the same time by the demo on this machine, each on one thread. */
export const DEMO_CONCURRENT_RUNS = 2;

/** "42 s", "4 min 05 s" (rounded to whole seconds first, so never "11 min 60 s"). */
export function seconds(s: number): string {
  const whole = Math.round(s);
  return whole >= 90 ? `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s` : `${whole} s`;
}

/** Remaining time from the share done so far and the time it took (the grid's runs are alike in size). */
export function eta(fraction: number, elapsedSeconds: number): string {
  if (fraction <= 0.02 || fraction >= 1) return "";
  return `, ~${seconds((elapsedSeconds * (1 - fraction)) / fraction)} left`;
}

function readPredictions(store: RunStore, runId: string, evalSet: string) {
  const file = join(store.dir(runId), "predictions", `${evalSet}.jsonl`);
  if (!existsSync(file)) return undefined;
  return readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l, i) => {
    const p = PredictionLine.safeParse(JSON.parse(l));
    if (!p.success) throw new Error(`${file}:${i + 1}: not a prediction line (${p.error.issues[0]?.message})`);
    return { id: p.data.id, gold: p.data.gold, predicted: p.data.predicted ?? "" };
  });
}

function demoRuns(plan: Plan, store: RunStore): DemoRun[] {
  const runs: DemoRun[] = [];
  for (const r of plan.runs) {
    const predictions = readPredictions(store, r.runId, DEMO_DATASET);
    if (predictions) runs.push({ strategy: r.strategy, seed: r.seed, predictions });
  }
  return runs;
}

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
    // Two runs at once with one torch thread each (measured on 2 shared CPU cores: a 2-thread run slows sharply
    // when anything else runs, a 1-thread run holds its pace, and two of them fill both cores).
    const local = target.config.hosts[LOCAL_HOST.name] ?? LOCAL_HOST;
    target.config.hosts[LOCAL_HOST.name] = { ...local, scheduler: { type: "direct", maxConcurrent: DEMO_CONCURRENT_RUNS } };
    const session = new RemoteSession({
      workspaceRoot: target.workspaceRoot,
      prompter: ttyPrompter({ acceptNewHostKey: false }),
      env: { OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    });
    const progress = new ProgressLine();
    const started = Date.now();
    let gridStarted: number | undefined;
    try {
      const outcome = await runExperiment({
        session,
        config: target.config,
        experiment: DEMO_EXPERIMENT,
        wait: true,
        onProgress: (p) => {
          const ended = Object.values(p.states).filter((s) => s === "succeeded" || s === "failed" || s === "cancelled").length;
          if (p.phase !== "running") return progress.update(p.message ?? p.phase);
          gridStarted ??= Date.now();
          const elapsed = (Date.now() - gridStarted) / 1000;
          const done = `${bar(p.fraction)}  ${ended}/${Object.keys(p.states).length} runs ended`;
          progress.update(`${done}, ${seconds(elapsed)}${eta(p.fraction, elapsed)}`, done);
        },
      });
      progress.done();
      const wall = (Date.now() - started) / 1000;
      const fresh = outcome.plan.runs.filter((r) => !outcome.reused.some((x) => x.runId === r.runId));
      const trainSeconds = fresh.map((r) => session.store.result(r.runId)?.trainSeconds ?? 0).reduce((a, b) => a + b, 0);
      console.log(
        `${outcome.plan.runs.length} runs (${outcome.reused.length} reused) in ${seconds(wall)} wall time` +
          (fresh.length
            ? `; the ${fresh.length} new run(s) trained for ${seconds(trainSeconds)} in all, ${DEMO_CONCURRENT_RUNS} at a time (model loading and evaluation excluded)`
            : "") +
          // a shared machine's load explains a slow demo: say it with the timing
          `; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${availableParallelism()} CPU(s)`,
      );
      const failed = printSummary(outcome.plan, session.store);
      const runs = demoRuns(outcome.plan, session.store);
      let preamble: string[] | undefined;
      if (runs.length) {
        const ds = target.config.datasets[DEMO_DATASET]!;
        const test = await loadQuestions(ds.test!, { format: "csv", columns: { ...ds.columns, category: ds.category?.column ?? "category" } });
        const summary = summarizeDemo(runs, test, { chance: DEMO_CHANCE, baseline: outcome.plan.experiment.baseline });
        preamble = formatDemoSummary(summary, test.length);
        console.log("\n" + preamble.join("\n"));
      }
      const { results, events } = planResults(outcome.plan, session.store);
      const predictions = planPredictions(outcome.plan, session.store);
      const out = resolve(dir, "report");
      await writeReport({ results, events, predictions, title: "Syllabus demo: six learning strategies", baseline: "random", preamble }, out, { png: !args["no-png"], source: configFile });
      console.log(`\nreport: ${out}/report.html`);
      return failed;
    } finally {
      await session.close();
    }
  },
};
