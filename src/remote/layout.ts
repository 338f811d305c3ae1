/**
 * Resolving a host's layout once: its absolute workdir (the config may say `$SCRATCH/syllabus` or
 * `~/syllabus`), the Python to run the trainer with, and where the trainer package is.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { HostModel } from "../core/experiment/model";
import { runOk, type Exec } from "./exec";
import type { HostLayout } from "./launchers/types";
import { expandableWord } from "./quote";
import { ensureTrainer, findTrainerSource } from "./trainer";

export interface LayoutOptions {
  /** The workspace folder: the local host's default workdir is `<workspace>/.syllabus/local`. */
  workspaceRoot: string;
  /** python/syllabus_trainer on this machine (found automatically when absent). */
  trainerSource?: string;
}

/** Expands $VAR and ~ on the host (nothing else is evaluated); plain absolute paths need no round trip. */
export async function expandHostPath(exec: Exec, path: string): Promise<string> {
  if (!/[$~]/.test(path)) return path;
  const out = await runOk(exec, `printf '%s' ${expandableWord(path)}`);
  if (!out.startsWith("/")) throw new Error(`on ${exec.label}: ${path} expands to ${JSON.stringify(out)}, not an absolute path; is the variable set in a non-interactive shell?`);
  return out;
}

export function defaultWorkdir(host: HostModel, workspaceRoot: string): string {
  return host.workdir ?? (host.kind === "local" ? join(workspaceRoot, ".syllabus", "local") : "~/syllabus");
}

export async function resolveLayout(host: HostModel, exec: Exec, opts: LayoutOptions): Promise<HostLayout> {
  // A local default is a real path of this machine (it may contain "$"): taken literally, never expanded.
  const literal = host.workdir === undefined && host.kind === "local";
  const workdir = literal ? defaultWorkdir(host, opts.workspaceRoot) : await expandHostPath(exec, defaultWorkdir(host, opts.workspaceRoot));
  const source = opts.trainerSource ?? findTrainerSource();
  let python: string;
  if (host.python) python = await expandHostPath(exec, host.python);
  else if (host.kind === "local") {
    // The venv `syllabus setup local` made in the workdir, else the project's venv (npm run setup:python),
    // else whatever python3 is on PATH.
    const candidates = [join(workdir, "venv", "bin", "python"), join(dirname(dirname(source)), ".venv", "bin", "python")];
    python = candidates.find((p) => existsSync(p)) ?? "python3";
  } else {
    const venv = `${workdir}/venv/bin/python`;
    python = (await exec.size(venv)) !== null ? venv : "python3";
  }
  await exec.mkdirp(`${workdir}/runs`);
  const trainerPath = await ensureTrainer(exec, workdir, source);
  return { exec, workdir, python, trainerPath };
}
