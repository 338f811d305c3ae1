import { doctorChecks } from "../../core/hosts/doctor";
import { pipArgsFrom, SETUP_SIZE_NOTE } from "../../remote/pipArgs";
import { UsageError } from "../args";
import type { Command } from "../command";
import { parseWithFile } from "../experimentArgs";
import { resolveHostArg } from "../hostArgs";
import { HOST_KEY_OPTION, withSession } from "../session";

const hostForms = `HOST is a destination as for ssh (user@host[:port], an alias from ~/.ssh/config) or \`local\`;
or FILE --host NAME picks a host declared in a .syllabus config (its workdir, python, scheduler).`;

function hostCommand(setup: boolean): Command {
  const name = setup ? "setup" : "doctor";
  const usage = setup
    ? `usage: syllabus setup (HOST | FILE --host NAME) [--pip-arg ARG]... [--accept-new-host-key]

Prepares a host for training: creates a venv in the host's workdir (for \`local\`: ./.syllabus/local/venv),
installs the trainer's requirements there from PyPI and uploads the trainer; then runs doctor.
Size: torch from PyPI comes with its CUDA libraries (several GB, ~6 GB installed). For a CPU-only torch
(~1 GB) pass pip's index options through, e.g.
  syllabus setup local --pip-arg=--extra-index-url --pip-arg=https://download.pytorch.org/whl/cpu
or set SYLLABUS_PIP_ARGS="--extra-index-url https://download.pytorch.org/whl/cpu" (both are appended to
every pip install setup runs; with neither, the default PyPI install is unchanged).
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
      const { file, values } = parseWithFile(argv, { host: { type: "string" }, "pip-arg": { type: "string", multiple: true }, ...HOST_KEY_OPTION });
      if (!setup && values["pip-arg"]) throw new UsageError("--pip-arg goes with `syllabus setup`");
      const { host, workspaceRoot } = resolveHostArg(file, values.host as string | undefined);
      return withSession({ workspaceRoot }, Boolean(values["accept-new-host-key"]), async (session) => {
        if (setup) {
          const pipArgs = pipArgsFrom(process.env, (values["pip-arg"] as unknown as string[] | undefined) ?? []);
          console.error(`setting up ${host.name}: venv + requirements + trainer (this can take minutes)…\n${SETUP_SIZE_NOTE}`);
          if (pipArgs.length) console.error(`extra pip options: ${pipArgs.join(" ")}`);
          const r = await session.setup(host, { pipArgs, onOutput: (text) => process.stderr.write(text) });
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
