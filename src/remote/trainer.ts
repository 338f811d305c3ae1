/**
 * Putting the trainer (python/syllabus_trainer) on a host. It is content-addressed like the data:
 * `<workdir>/trainer/<hash>/syllabus_trainer/`, uploaded into a temp folder and renamed when whole, so
 * runs still training on an older trainer keep theirs and an unchanged trainer is never re-sent.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import { runOk, type Exec } from "./exec";
import { command } from "./quote";

/** The local python/syllabus_trainer folder: $SYLLABUS_TRAINER_DIR, or found above the running script / cwd. */
export function findTrainerSource(): string {
  const env = process.env.SYLLABUS_TRAINER_DIR;
  if (env) return resolve(env);
  const starts = [process.argv[1] ? dirname(resolve(process.argv[1])) : undefined, process.cwd()].filter(Boolean) as string[];
  for (const start of starts) {
    let d = start;
    for (;;) {
      const cand = join(d, "python", "syllabus_trainer");
      if (existsSync(join(cand, "__main__.py"))) return cand;
      const up = dirname(d);
      if (up === d) break;
      d = up;
    }
  }
  throw new Error("cannot find python/syllabus_trainer: set SYLLABUS_TRAINER_DIR to the trainer package folder");
}

/** Trainer source files (Python sources and data, no caches), relative paths, sorted. */
export function trainerFiles(source: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name === "__pycache__" || name.startsWith(".")) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith(".pyc")) out.push(relative(source, p));
    }
  };
  walk(source);
  return out;
}

export function trainerHash(source: string): string {
  const h = createHash("sha256");
  for (const f of trainerFiles(source)) h.update(f).update("\0").update(readFileSync(join(source, f))).update("\0");
  return h.digest("hex").slice(0, 16);
}

/** Ensures the trainer is on the host; returns the folder to put on PYTHONPATH. */
export async function ensureTrainer(exec: Exec, workdir: string, source: string = findTrainerSource()): Promise<string> {
  if (exec.isLocal) return dirname(source); // this machine runs the sources in place
  const hash = trainerHash(source);
  const base = posix.join(workdir, "trainer");
  const home = posix.join(base, hash);
  if ((await exec.size(posix.join(home, ".complete"))) !== null) return home;
  const tmp = posix.join(base, `.tmp-${hash}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const files = trainerFiles(source);
  const dirs = [...new Set(files.map((f) => posix.dirname(posix.join(tmp, "syllabus_trainer", f))))];
  await runOk(exec, command(["mkdir", "-p", ...dirs]));
  await Promise.all(files.map((f) => exec.writeFileAtomic(posix.join(tmp, "syllabus_trainer", f), readFileSync(join(source, f)))));
  await exec.writeFileAtomic(posix.join(tmp, ".complete"), `${hash}\n`);
  // A concurrent client may have finished first: then keep theirs and drop ours.
  await runOk(exec, `${command(["mv", "-T", tmp, home])} 2>/dev/null || ${command(["rm", "-rf", tmp])}`);
  return home;
}
