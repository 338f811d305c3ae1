/**
 * Writes a planned run's bundle folder (run.json, train.jsonl, eval/*.jsonl) ATOMICALLY: everything
 * goes into a temporary sibling folder that is renamed into place, so a crash never leaves a bundle
 * that looks whole. An existing bundle with the same id is the same content by construction: kept.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BUNDLE_FILES, serializeRunSpec } from "./bundle";
import { writeFailure } from "../atomicFile";
import type { PlannedRun } from "./plan";

export function writeBundle(runsDir: string, run: PlannedRun): string {
  const dir = join(runsDir, run.runId);
  if (existsSync(join(dir, BUNDLE_FILES.run))) return dir;
  mkdirSync(runsDir, { recursive: true });
  const tmp = join(runsDir, `.tmp-${run.runId}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    // The contract's serializer: validated, so Syllabus never writes a run.json the trainer would refuse.
    mkdirSync(join(tmp, BUNDLE_FILES.evalDir), { recursive: true });
    writeFileSync(join(tmp, BUNDLE_FILES.run), serializeRunSpec(run.spec));
    writeFileSync(join(tmp, BUNDLE_FILES.train), run.trainJsonl);
    for (const e of run.evalSets) writeFileSync(join(tmp, BUNDLE_FILES.evalDir, `${e.name}.jsonl`), e.jsonl);
  } catch (err) {
    // A full disk leaves no half bundle behind, and the error says which one.
    rmSync(tmp, { recursive: true, force: true });
    throw writeFailure(dir, err);
  }
  try {
    renameSync(tmp, dir);
  } catch (err) {
    // Another process wrote the same bundle first: same id, same content.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, BUNDLE_FILES.run))) throw err;
  }
  return dir;
}
