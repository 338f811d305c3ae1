import type { Command } from "../command";
import { UsageError } from "../args";
import { planExperiment } from "../../core/runs/plan";
import { isTerminal } from "../../core/runs/store";
import { hostOf } from "../../remote/runExperiment";
import { loadExperiment, parseWithFile } from "../experimentArgs";
import { HOST_KEY_OPTION, withSession } from "../session";

const usage = `usage: syllabus cancel FILE (--run RUN_ID | --all) [--experiment NAME] [--accept-new-host-key]

Cancels a run (kills its process group, or scancel on Slurm); its state becomes "cancelled".
--all cancels every active run of the experiment.`;

export const cancelCommand: Command = {
  name: "cancel",
  summary: "cancel a run, or every active run of an experiment",
  usage,
  async run(argv) {
    const { file, values } = parseWithFile(argv, { run: { type: "string" }, all: { type: "boolean" }, ...HOST_KEY_OPTION });
    if (!values.run === !values.all) throw new UsageError("give either --run RUN_ID or --all");
    const target = loadExperiment(file, values.experiment as string | undefined);
    const ids = values.run ? [values.run as string] : (await planExperiment(target.config, target.experiment.name)).runs.map((r) => r.runId);
    return withSession(target, Boolean(values["accept-new-host-key"]), async (session) => {
      let cancelled = 0;
      for (const id of ids) {
        const record = session.store.get(id);
        if (!record) {
          if (values.run) throw new UsageError(`run ${id} was never launched from this workspace`);
          continue;
        }
        if (isTerminal(session.store.state(id))) continue;
        const o = await session.cancelRun(hostOf(target.config, record.host), id);
        console.log(`${id}: ${o.state}${o.message ? ` (${o.message})` : ""}`);
        cancelled++;
      }
      if (!cancelled) console.log("no active run to cancel");
      return 0;
    });
  },
};
