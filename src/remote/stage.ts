/**
 * Staging: a local run bundle (run.json, train.jsonl, eval/*.jsonl) made present in
 * `<workdir>/runs/<run-id>/` on the host. Files travel through the content-addressed cache (upload.ts)
 * and are hard-linked into the run folder (copied where links are impossible), so six strategies × five
 * seeds over the same eval set upload that eval set once, and relaunching costs no transfer at all.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { BUNDLE_FILES } from "../core/runs/bundle";
import type { Exec } from "./exec";
import { command, shellQuote } from "./quote";
import { uploadToCache, type CacheUploadOptions } from "./upload";
import type { StagedRun } from "./launchers/types";

/** A bundle folder written by the plan (src/core/runs/writeBundle.ts). */
export interface LocalBundle {
  runId: string;
  dir: string;
}

/** The input files of a bundle, as paths relative to the bundle folder. */
export function bundleInputs(bundle: LocalBundle): string[] {
  const files: string[] = [BUNDLE_FILES.run, BUNDLE_FILES.train].filter((f) => existsSync(join(bundle.dir, f)));
  if (!files.includes(BUNDLE_FILES.run)) throw new Error(`${bundle.dir}: no ${BUNDLE_FILES.run}; regenerate the run with \`syllabus plan\``);
  const evalDir = join(bundle.dir, BUNDLE_FILES.evalDir);
  if (existsSync(evalDir)) for (const f of readdirSync(evalDir).sort()) if (f.endsWith(".jsonl")) files.push(`${BUNDLE_FILES.evalDir}/${f}`);
  return files;
}

export function remoteRunDir(workdir: string, runId: string): string {
  return posix.join(workdir, "runs", runId);
}

/**
 * Uploads the bundles' files into the host cache (SFTP only) and returns each run with the shell lines
 * that link them into its folder. The launcher runs those lines in the same command that starts the
 * run: one exec channel per launch, which is what "run → started" costs on a busy host.
 */
export async function stageBundles(exec: Exec, workdir: string, bundles: LocalBundle[], opts: CacheUploadOptions = {}): Promise<StagedRun[]> {
  const perBundle = bundles.map((b) => ({ b, rel: bundleInputs(b) }));
  const locals = perBundle.flatMap(({ b, rel }) => rel.map((r) => join(b.dir, r)));
  const cached = locals.length ? await uploadToCache(exec, workdir, locals, opts) : [];
  const remoteOf = new Map(cached.map((c) => [c.local, c.remote]));
  return perBundle.map(({ b, rel }) => {
    const dir = remoteRunDir(workdir, b.runId);
    const prepare = [command(["mkdir", "-p", posix.join(dir, BUNDLE_FILES.evalDir)])];
    for (const r of rel) {
      const src = shellQuote(remoteOf.get(join(b.dir, r))!);
      const dst = shellQuote(posix.join(dir, r));
      prepare.push(`{ ln -f ${src} ${dst} 2>/dev/null || cp -f ${src} ${dst}; }`);
    }
    return { runId: b.runId, dir, prepare };
  });
}
