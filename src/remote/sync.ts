/**
 * Bringing a run's progress home into the run store: status.json (small, whole), NEW bytes of
 * events.jsonl from the local copy's size (never re-downloaded; only whole lines are taken, a line being
 * written is left for next time), and result.json + predictions whenever the run is seen ended — imported
 * through core's importRunResult, which also checks the consumed order. A result that differs from the one
 * stored (a rerun's) replaces it, with its predictions, and the events are fetched again from the start.
 */
import { posix } from "node:path";
import { BUNDLE_FILES, TERMINAL_STATES, type RunStatus } from "../core/runs/bundle";
import { importRunResult, type ImportOutcome, type RunFolderReader } from "../core/runs/importResult";
import type { RunStore } from "../core/runs/store";
import type { Exec } from "./exec";
import { readStatus } from "./launchers/direct";
import type { PolledState } from "./launchers/types";

export interface SyncOutcome {
  runId: string;
  state: PolledState["state"];
  message?: string;
  status?: RunStatus;
  /** Bytes of events.jsonl fetched this time. */
  newEventBytes: number;
  /** True when result.json (and predictions) were imported this time (a first or a newer result). */
  fetchedResult: boolean;
  /** Why the imported result is not trusted (consumed order ≠ train.jsonl × epochs). */
  invalid?: string;
}

/** The run folder on its host, read lazily through `exec`. */
function remoteRunFolder(exec: Exec, dir: string): RunFolderReader {
  const text = async (rel: string) => (await exec.readFrom(posix.join(dir, rel), 0))?.toString("utf8") ?? null;
  return {
    result: () => text(BUNDLE_FILES.result),
    runJson: () => text(BUNDLE_FILES.run),
    trainJsonl: () => text(BUNDLE_FILES.train),
    predictions: async () => {
      const predDir = posix.join(dir, BUNDLE_FILES.predictionsDir);
      const out: Record<string, Buffer> = {};
      for (const f of (await exec.list(predDir)) ?? []) {
        if (!f.endsWith(".jsonl")) continue;
        const bytes = await exec.readFrom(posix.join(predDir, f), 0);
        if (bytes) out[f.slice(0, -".jsonl".length)] = bytes;
      }
      return out;
    },
  };
}

/** Polls in a row that must find no trace of a run before it is recorded failed. */
export const MISSES_BEFORE_FAILED = 3;

/**
 * What to record from a poll: a held poll (the scheduler did not answer) records nothing new; a
 * conclusion from absence counts as a miss and is recorded only once MISSES_BEFORE_FAILED polls agree.
 */
function decide(store: RunStore, runId: string, polled: PolledState): PolledState | undefined {
  if (polled.hold) return undefined;
  if (polled.unsure) {
    const misses = store.noteMiss(runId);
    return misses >= MISSES_BEFORE_FAILED ? { ...polled, message: `${polled.message} (${misses} polls in a row)` } : undefined;
  }
  store.clearMisses(runId);
  return polled;
}

/** Syncs one run folder (`dir` on the host behind `exec`) into `store`, recording `polled` as its state. */
export async function syncRunFiles(exec: Exec, store: RunStore, runId: string, dir: string, given: PolledState): Promise<SyncOutcome> {
  const decided = decide(store, runId, given);
  const polled: PolledState = decided ?? { ...given, state: store.state(runId) ?? "queued" };
  const status = await readStatus({ exec, workdir: "", python: "", trainerPath: "" }, dir);
  if (status) store.writeStatus(runId, status);

  // Ended: import the result first; a newer one (a rerun) also brings its events again from the start.
  let imported: ImportOutcome | undefined;
  if (TERMINAL_STATES.includes(polled.state)) {
    imported = await importRunResult(store, runId, remoteRunFolder(exec, dir));
    if (imported.imported === "newer") store.resetEvents(runId);
  }

  const eventsPath = posix.join(dir, BUNDLE_FILES.events);
  let offset = store.eventsOffset(runId);
  const remoteSize = await exec.size(eventsPath);
  if (remoteSize !== null && remoteSize < offset) {
    // The remote file is shorter than our copy: it was replaced (fresh relaunch). Start over.
    store.resetEvents(runId);
    offset = 0;
  }
  let newEventBytes = 0;
  if (remoteSize !== null && remoteSize > offset) {
    const bytes = (await exec.readFrom(eventsPath, offset)) ?? Buffer.alloc(0);
    const lastNl = bytes.lastIndexOf(0x0a);
    if (lastNl >= 0) newEventBytes = store.appendEvents(runId, offset, bytes.subarray(0, lastNl + 1));
  }

  if (decided) store.appendState(runId, polled.state, polled.message);
  const fetchedResult = imported?.imported === "new" || imported?.imported === "newer";
  return { runId, state: polled.state, message: polled.message, status, newEventBytes, fetchedResult, ...(imported?.invalid ? { invalid: imported.invalid } : {}) };
}
