/**
 * Bringing a run's progress home into the run store: status.json (small, whole), NEW bytes of
 * events.jsonl from the local copy's size (never re-downloaded; only whole lines are taken, a line being
 * written is left for next time), and result.json + predictions once the run has ended.
 */
import { posix } from "node:path";
import { BUNDLE_FILES, TERMINAL_STATES, type RunStatus } from "../core/runs/bundle";
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
  /** True when result.json (and predictions) were fetched this time. */
  fetchedResult: boolean;
}

/** Syncs one run folder (`dir` on the host behind `exec`) into `store`, recording `polled` as its state. */
export async function syncRunFiles(exec: Exec, store: RunStore, runId: string, dir: string, polled: PolledState): Promise<SyncOutcome> {
  const status = await readStatus({ exec, workdir: "", python: "", trainerPath: "" }, dir);
  if (status) store.writeStatus(runId, status);

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
    if (lastNl >= 0) {
      store.appendEvents(runId, offset, bytes.subarray(0, lastNl + 1));
      newEventBytes = lastNl + 1;
    }
  }

  let fetchedResult = false;
  if (TERMINAL_STATES.includes(polled.state) && !store.result(runId)) {
    const result = await exec.readFrom(posix.join(dir, BUNDLE_FILES.result), 0);
    if (result) {
      store.writeResult(runId, result.toString("utf8"));
      fetchedResult = true;
    }
    const predDir = posix.join(dir, BUNDLE_FILES.predictionsDir);
    for (const f of (await exec.list(predDir)) ?? []) {
      if (!f.endsWith(".jsonl")) continue;
      const text = await exec.readFrom(posix.join(predDir, f), 0);
      if (text) store.writePredictions(runId, f.slice(0, -".jsonl".length), text);
    }
  }
  store.appendState(runId, polled.state, polled.message);
  return { runId, state: polled.state, message: polled.message, status, newEventBytes, fetchedResult };
}
