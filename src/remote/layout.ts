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

/**
 * Expands $VAR and ~ on the host (nothing else is evaluated); plain absolute paths need no round trip.
 * A variable that is unset (or empty) in the host's non-interactive shell is an error naming it: an
 * unset $SCRATCH must not put runs under /syllabus at the filesystem root.
 */
export async function expandHostPath(exec: Exec, path: string, field = "path"): Promise<string> {
  if (!/[$~]/.test(path)) return path;
  const word = expandableWord(path);
  const names = [...new Set([...path.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)].map((m) => m[1]!))];
  const checks = names.map((n) => `[ -n "\${${n}:-}" ] || echo "@@unset ${n}"`);
  const out = await runOk(exec, [...checks, `printf '@@path %s' ${word}`].join("\n"));
  const unset = [...out.matchAll(/^@@unset (\w+)$/gm)].map((m) => m[1]!);
  if (unset.length) {
    throw new Error(
      `on ${exec.label}: ${field} ${JSON.stringify(path)} uses ${unset.map((n) => "$" + n).join(", ")}, which ${unset.length > 1 ? "are" : "is"} not set in a non-interactive shell there; ` +
        `set it in the host's ~/.bashrc/~/.profile, or write the path in full`,
    );
  }
  const expanded = out.slice(out.indexOf("@@path ") + "@@path ".length);
  if (!expanded.startsWith("/")) throw new Error(`on ${exec.label}: ${field} ${path} expands to ${JSON.stringify(expanded)}, not an absolute path; is the variable set in a non-interactive shell?`);
  return expanded;
}

export function defaultWorkdir(host: HostModel, workspaceRoot: string): string {
  return host.workdir ?? (host.kind === "local" ? join(workspaceRoot, ".syllabus", "local") : "~/syllabus");
}

/** Where things are on the host, learned without writing anything there (what `doctor` uses). */
export async function resolveHostPaths(host: HostModel, exec: Exec, opts: LayoutOptions): Promise<{ workdir: string; python: string }> {
  // A local default is a real path of this machine (it may contain "$"): taken literally, never expanded.
  const literal = host.workdir === undefined && host.kind === "local";
  const workdir = literal ? defaultWorkdir(host, opts.workspaceRoot) : await expandHostPath(exec, defaultWorkdir(host, opts.workspaceRoot), "workdir");
  let python: string;
  if (host.python) python = await expandHostPath(exec, host.python, "python");
  else if (host.kind === "local") {
    // The venv `syllabus setup local` made in the workdir, else the project's venv (npm run setup:python),
    // else whatever python3 is on PATH.
    const candidates = [join(workdir, "venv", "bin", "python"), join(dirname(dirname(opts.trainerSource ?? findTrainerSource())), ".venv", "bin", "python")];
    python = candidates.find((p) => existsSync(p)) ?? "python3";
  } else {
    const venv = `${workdir}/venv/bin/python`;
    python = (await exec.size(venv)) !== null ? venv : "python3";
  }
  return { workdir, python };
}

/** The host's layout for launching: its paths, plus `<workdir>/runs` and the trainer put in place. */
export async function resolveLayout(host: HostModel, exec: Exec, opts: LayoutOptions): Promise<HostLayout> {
  const source = opts.trainerSource ?? findTrainerSource();
  const { workdir, python } = await resolveHostPaths(host, exec, { ...opts, trainerSource: source });
  await exec.mkdirp(`${workdir}/runs`);
  const trainerPath = await ensureTrainer(exec, workdir, source);
  return { exec, workdir, python, trainerPath };
}
