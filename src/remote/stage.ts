/**
 * Staging: a local run bundle (run.json, train.jsonl, eval/*.jsonl) made present in
 * `<workdir>/runs/<run-id>/` on the host. Files travel through the content-addressed cache (upload.ts)
 * and are hard-linked into the run folder (copied where links are impossible), so six strategies × five
 * seeds over the same eval set upload that eval set once, and relaunching costs no transfer at all.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { BUNDLE_FILES } from "../core/runs/bundle";
import { runOk, type Exec } from "./exec";
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

export async function stageBundles(exec: Exec, workdir: string, bundles: LocalBundle[], opts: CacheUploadOptions = {}): Promise<StagedRun[]> {
  const perBundle = bundles.map((b) => ({ b, rel: bundleInputs(b) }));
  const locals = perBundle.flatMap(({ b, rel }) => rel.map((r) => join(b.dir, r)));
  const cached = await uploadToCache(exec, workdir, locals, opts);
  const remoteOf = new Map(cached.map((c) => [c.local, c.remote]));
  const lines: string[] = ["set -e"];
  const staged: StagedRun[] = [];
  for (const { b, rel } of perBundle) {
    const dir = remoteRunDir(workdir, b.runId);
    lines.push(command(["mkdir", "-p", posix.join(dir, BUNDLE_FILES.evalDir)]));
    for (const r of rel) {
      const src = shellQuote(remoteOf.get(join(b.dir, r))!);
      const dst = shellQuote(posix.join(dir, r));
      lines.push(`ln -f ${src} ${dst} 2>/dev/null || cp -f ${src} ${dst}`);
    }
    staged.push({ runId: b.runId, dir });
  }
  if (staged.length) await runOk(exec, lines.join("\n"));
  return staged;
}
