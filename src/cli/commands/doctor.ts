import type { Command } from "../command";
import { UsageError } from "../args";
import { loadConfig } from "../../language/load";
import { hostOf } from "../../remote/runExperiment";
import { parseWithFile } from "../experimentArgs";
import { HOST_KEY_OPTION, withSession } from "../session";
import { dirname } from "node:path";

const usage = `usage: syllabus doctor FILE --host NAME [--setup] [--accept-new-host-key]

Checks a host of the config: reachable, Python, torch/transformers/peft/bitsandbytes versions, CUDA
and GPU names, free disk in the workdir. --setup first creates a venv in the host's workdir, installs the
trainer's requirements there (the host needs PyPI) and uploads the trainer.`;

export const doctorCommand: Command = {
  name: "doctor",
  summary: "check (and with --setup, prepare) a host for training",
  usage,
  async run(argv) {
    const { file, values } = parseWithFile(argv, { host: { type: "string" }, setup: { type: "boolean" }, ...HOST_KEY_OPTION });
    if (!values.host) throw new UsageError("name the host with --host NAME (or --host local)");
    const { config } = loadConfig(file);
    const host = hostOf(config, values.host as string);
    return withSession({ workspaceRoot: dirname(config.file) }, Boolean(values["accept-new-host-key"]), async (session) => {
      if (values.setup) {
        console.error(`setting up ${host.name}: venv + requirements + trainer (this can take minutes)…`);
        const r = await session.setup(host);
        console.log(`python: ${r.python}\ntrainer: ${r.trainerPath}`);
      }
      const report = await session.doctor(host);
      console.log(JSON.stringify(report, null, 2));
      const ok = report.reachable && !report.error;
      if (!ok) console.error(`${host.name}: ${report.reachable ? report.error : `unreachable: ${report.error}`}`);
      return ok ? 0 : 1;
    });
  },
};
