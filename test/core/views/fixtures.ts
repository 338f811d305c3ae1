/** A demo workspace with TWO experiments that share runs, and a helper to record runs in a real store on disk. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_SYLLABUS, writeDemoWorkspace } from "../../../src/core/demo/workspace";
import type { ResolvedConfig } from "../../../src/core/experiment/model";
import { RunStore } from "../../../src/core/runs/store";
import { loadConfig } from "../../../src/language/load";

export const T0 = "2026-11-27T00:00:00.000Z";

/** `demo` (six strategies × seeds 1, 2) and `pair` (random and curriculum, seed 1): `pair`'s runs are also demo's. */
export const SHARED_SYLLABUS = `${DEMO_SYLLABUS.replace("preset = smollm2-135m", "preset = tiny-random-llama")}
experiment pair {
  train_on   = which_option
  evaluate   = [which_option]
  models     = [smollm2]
  strategies = [random, curriculum]
  curriculum = buckets { easy = 0.45  medium = 0.7 }
  seeds      = [1]
  host       = local
}
`;

export function sharedWorkspace(sizes = { train: 40, test: 20 }): { dir: string; file: string; config: ResolvedConfig; store: RunStore } {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-views-"));
  const file = writeDemoWorkspace(dir, sizes);
  writeFileSync(file, SHARED_SYLLABUS);
  const { config } = loadConfig(file);
  if (!config) throw new Error("the shared fixture config does not load");
  return { dir, file, config, store: new RunStore(dir) };
}

export function resultJson(runId: string, accuracy: number, opts: { n?: number; finishedAt?: string; consumedIds?: { count: number; sha256: string } | null } = {}): string {
  const n = opts.n ?? 20;
  return JSON.stringify({
    schemaVersion: 1, runId, accuracy: { which_option: { accuracy, n, correct: Math.round(accuracy * n) } },
    trainSeconds: 10, optimizerSteps: 48, peakMemoryBytes: 1, tokensPerSecond: 1, device: "cpu", precisionNote: "float32",
    truncatedPrompts: { train: 0, eval: {} }, versions: { python: "3.11", torch: "2", transformers: "4", peft: "0.1", trainer: "0.1.0" },
    consumedIds: opts.consumedIds ?? null, finishedAt: opts.finishedAt ?? T0,
  });
}

/** Records a run in the store as a sync would, labelled with `display` (which the join must NOT rely on). */
export function recordRun(store: RunStore, runId: string, display: Record<string, unknown>, state: "succeeded" | "training" | "failed", accuracy?: number): void {
  store.save({ runId, host: "local", launcher: "local", remoteDir: `/tmp/${runId}`, submittedAt: T0, display });
  store.appendState(runId, state);
  if (accuracy !== undefined) store.writeResult(runId, resultJson(runId, accuracy));
}
