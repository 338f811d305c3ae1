import { doctorChecks } from "../../core/hosts/doctor";
import type { Command } from "../command";
import { parseWithFile } from "../experimentArgs";
import { resolveHostArg } from "../hostArgs";
import { HOST_KEY_OPTION, withSession } from "../session";

const hostForms = `HOST is a destination as for ssh (user@host[:port], an alias from ~/.ssh/config) or \`local\`;
or FILE --host NAME picks a host declared in a .syllabus config (its workdir, python, scheduler).`;

function hostCommand(setup: boolean): Command {
  const name = setup ? "setup" : "doctor";
  const usage = setup
    ? `usage: syllabus setup (HOST | FILE --host NAME) [--accept-new-host-key]

Prepares a host for training: creates a venv in the host's workdir, installs the trainer's requirements
there (the host, unlike this machine, may reach PyPI) and uploads the trainer; then runs doctor.
${hostForms}`
    : `usage: syllabus doctor (HOST | FILE --host NAME) [--accept-new-host-key]

Checks a host: reachable, Python, torch/transformers/peft/bitsandbytes versions, CUDA and GPU names, free
disk in the workdir. Exit 1 when it is unreachable or broken.
${hostForms}`;
  return {
    name,
    summary: setup ? "create the trainer's venv on a host and upload the trainer" : "check a host for training (Python, packages, CUDA, GPUs, disk)",
    usage,
    async run(argv) {
      const { file, values } = parseWithFile(argv, { host: { type: "string" }, ...HOST_KEY_OPTION });
      const { host, workspaceRoot } = resolveHostArg(file, values.host as string | undefined);
      return withSession({ workspaceRoot }, Boolean(values["accept-new-host-key"]), async (session) => {
        if (setup) {
          console.error(`setting up ${host.name}: venv + requirements + trainer (this can take minutes)…`);
          const r = await session.setup(host);
          console.log(`python: ${r.python}\ntrainer: ${r.trainerPath}`);
        }
        const report = await session.doctor(host);
        console.log(JSON.stringify(report, null, 2));
        // The same checks the extension's Hosts view lists (core's verdicts), readable on stderr.
        for (const c of doctorChecks(report)) console.error(`${c.ok ? "ok  " : "FAIL"} ${c.name}${c.detail ? `: ${c.detail}` : ""}`);
        const ok = report.reachable && !report.error;
        if (!ok) console.error(`${host.name}: ${report.reachable ? report.error : `unreachable: ${report.error}`}`);
        return ok ? 0 : 1;
      });
    },
  };
}

export const doctorCommand = hostCommand(false);
export const setupCommand = hostCommand(true);
