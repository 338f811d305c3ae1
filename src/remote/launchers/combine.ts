/**
 * One rule for a run's state, from what the process/scheduler says and what the trainer's status.json
 * says. Pure, so every odd case is a unit test. The process view is read BEFORE status.json: if the
 * process is gone by then, the status read afterwards is final, so a run that just finished is never
 * mistaken for one that died.
 */
import { TERMINAL_STATES, type RunState, type RunStatus } from "../../core/runs/bundle";
import type { PolledState } from "./types";

/** What the launcher knows about the process, independent of the trainer. */
export type ProcessView =
  | { kind: "pending"; detail?: string } // waiting for a slot / in the Slurm queue
  | { kind: "running"; detail?: string }
  | { kind: "ended"; exitCode?: number; cancelled?: boolean; schedulerState?: string; reason?: string; detail?: string }
  | { kind: "unknown"; detail?: string } // no trace of it (never launched, or aged out of Slurm)
  | { kind: "unanswered"; detail?: string }; // the scheduler query failed: nothing is known

/** The trainer refreshes heartbeatAt at least every 30 s; older than this (allowing clock skew) it is stale. */
export const HEARTBEAT_STALE_MS = 5 * 60_000;

export function heartbeatFresh(status: RunStatus | undefined, now = Date.now()): boolean {
  return status !== undefined && now - Date.parse(status.heartbeatAt) < HEARTBEAT_STALE_MS;
}

const SCHEDULER_FAILED = /FAIL|TIMEOUT|OUT_OF_ME|NODE_FAIL|BOOT_FAIL|DEADLINE|REVOKED/;

export function combineState(runId: string, proc: ProcessView, status: RunStatus | undefined, now = Date.now()): PolledState {
  const detail = proc.detail;
  if (status && TERMINAL_STATES.includes(status.state)) {
    return { runId, state: status.state, message: status.error ?? status.message, detail };
  }
  switch (proc.kind) {
    case "pending":
      return { runId, state: "queued", message: status?.message, detail };
    case "running":
      return { runId, state: status?.state ?? "preparing", message: status?.message, detail };
    case "unanswered":
      // Not knowing is not failing: the recorded state stands (status.json's, if the trainer still reports).
      return { runId, state: status?.state ?? "queued", message: `the scheduler did not answer; ${status ? `the trainer last reported ${status.state}` : "state unknown"}`, detail, hold: true };
    case "unknown":
      // No process or job is known, but the trainer reported recently: trust the heartbeat.
      if (status && heartbeatFresh(status, now)) return { runId, state: status.state, message: status.message, detail };
      // Failed only once several polls in a row agree (sync.ts counts them): one odd answer is not a death.
      return status
        ? { runId, state: "failed", message: `the trainer stopped reporting (last state ${status.state}, heartbeat ${status.heartbeatAt}) and no process or job is known`, detail, unsure: true }
        : { runId, state: "failed", message: "no process, job or status.json: the run never started", detail, unsure: true };
    case "ended": {
      if (proc.cancelled || proc.schedulerState?.startsWith("CANCELLED")) return { runId, state: "cancelled", message: "cancelled", detail };
      if (proc.schedulerState && /PREEMPT|REQUEUE/.test(proc.schedulerState)) {
        return { runId, state: "queued", message: "preempted; requeued, resumes from its checkpoint", detail };
      }
      const why = proc.schedulerState && SCHEDULER_FAILED.test(proc.schedulerState)
        ? `Slurm ended the job: ${proc.schedulerState}${proc.reason ? ` (${proc.reason})` : ""}`
        : proc.exitCode === 75
          ? "preempted (exit 75) with a checkpoint; launch it again to resume"
          : `the trainer process ended without a final status${proc.exitCode !== undefined ? ` (exit ${proc.exitCode})` : ""}; see log.txt and launcher.log`;
      return { runId, state: "failed" satisfies RunState, message: why, detail };
    }
  }
}
