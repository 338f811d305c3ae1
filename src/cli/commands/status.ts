import type { Command } from "../command";
import { planExperiment } from "../../core/runs/plan";
import { hostOf } from "../../remote/runExperiment";
import { loadExperiment, parseWithFile } from "../experimentArgs";
import { HOST_KEY_OPTION, withSession } from "../session";
import { printSummary } from "../summary";

const usage = `usage: syllabus status FILE [--experiment NAME] [--no-sync] [--accept-new-host-key]

Syncs the experiment's runs with their host (state, new progress events, results when ended) and prints
each run's state and progress, then the accuracy per strategy so far. A host that cannot be reached
shows its runs as "unreachable" — never as failed. --no-sync shows the local run store as it is.`;

export const statusCommand: Command = {
  name: "status",
  summary: "sync and show the state of an experiment's runs",
  usage,
  async run(argv) {
    const { file, values } = parseWithFile(argv, { "no-sync": { type: "boolean" }, ...HOST_KEY_OPTION });
    const target = loadExperiment(file, values.experiment as string | undefined);
    const plan = await planExperiment(target.config, target.experiment.name);
    return withSession(target, Boolean(values["accept-new-host-key"]), async (session) => {
      const host = hostOf(target.config, plan.experiment.host);
      const known = plan.runs.filter((r) => session.store.get(r.runId));
      const views = new Map<string, string>();
      if (!values["no-sync"] && known.length) {
        for (const o of await session.syncRuns({ ...target.config.hosts, [host.name]: host }, known.map((r) => r.runId))) views.set(o.runId, o.message ? `${o.state} (${o.message})` : o.state);
      }
      const width = Math.max(...plan.runs.map((r) => r.strategy.length));
      for (const r of plan.runs) {
        const status = session.store.status(r.runId);
        const synced = views.get(r.runId) ?? session.store.state(r.runId) ?? "not launched";
        const invalid = session.store.get(r.runId) ? session.store.invalid(r.runId) : undefined;
        const state = invalid ? `${synced} INVALID (${invalid.reason})` : synced;
        const steps = status?.totalSteps ? `  step ${status.step}/${status.totalSteps}` : "";
        const fold = r.fold ? `fold ${r.fold.index}/${r.fold.of}  ` : "";
        console.log(`${r.runId}  ${fold}${r.model}  ${r.strategy.padEnd(width)}  seed ${String(r.seed).padEnd(4)} ${state}${steps}`);
      }
      return printSummary(plan, session.store);
    });
  },
};
