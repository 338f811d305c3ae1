import type { Command } from "../command";
import { RemoteSession, ttyPrompter } from "../../remote/index";
import { runExperiment, type ExperimentProgress } from "../../remote/runExperiment";
import { loadExperiment, parseWithFile } from "../experimentArgs";
import { bar, ProgressLine } from "../progress";
import { printSummary } from "../summary";

const usage = `usage: syllabus run FILE [--experiment NAME] [--detach] [--rerun] [--accept-new-host-key]

Launches the experiment's grid (model × strategy × seed) on its host: only the runs without a result
(an identical run is never trained twice), then follows them to the end with a progress bar and prints
the mean accuracy per strategy. --detach returns once the runs are submitted (they keep running; see
\`syllabus status\`). --rerun trains every run again as a new attempt (the previous one is kept under
the run folder's attempts/), and imports the new results.
Unknown SSH host keys are refused unless --accept-new-host-key (the fingerprint is printed).`;

function describe(p: ExperimentProgress): string {
  const counts = new Map<string, number>();
  for (const s of Object.values(p.states)) counts.set(s, (counts.get(s) ?? 0) + 1);
  const parts = [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(", ");
  if (p.phase === "running") return `${bar(p.fraction)}  runs: ${parts}`;
  return p.message ?? p.phase;
}

export const runCommand: Command = {
  name: "run",
  summary: "launch an experiment's missing runs on its host and follow them",
  usage,
  async run(argv) {
    const { file, values } = parseWithFile(argv, { detach: { type: "boolean" }, rerun: { type: "boolean" }, "accept-new-host-key": { type: "boolean" } });
    const target = loadExperiment(file, values.experiment as string | undefined);
    const session = new RemoteSession({ workspaceRoot: target.workspaceRoot, prompter: ttyPrompter({ acceptNewHostKey: Boolean(values["accept-new-host-key"]) }) });
    const progress = new ProgressLine();
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once("SIGINT", onSigint);
    try {
      const outcome = await runExperiment({
        session,
        config: target.config,
        experiment: target.experiment.name,
        rerun: Boolean(values.rerun),
        wait: !values.detach,
        signal: abort.signal,
        onProgress: (p) => progress.update(describe(p)),
      });
      progress.done();
      const launched = outcome.launched.filter((o) => o.action === "launched").length;
      console.log(`${outcome.plan.runs.length} runs: ${launched} launched on ${outcome.host.name}, ${outcome.reused.length} reused from earlier results`);
      if (abort.signal.aborted) console.log("stopped following; the runs keep running (`syllabus status` to check)");
      if (values.detach || abort.signal.aborted) return 0;
      return printSummary(outcome.plan, session.store);
    } finally {
      process.off("SIGINT", onSigint);
      await session.close();
    }
  },
};
