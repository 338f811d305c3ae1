/**
 * How a grid ended, counted over ALL of its runs from the run store (not from the last poll, which only
 * holds the runs still active then): what the end-of-run message says.
 */
import type { RunState } from "./bundle";

export interface GridCounts {
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Not ended (still queued/running, or never launched). */
  unfinished: number;
}

export function countGrid(runIds: readonly string[], stateOf: (runId: string) => RunState | undefined): GridCounts {
  const c: GridCounts = { total: runIds.length, succeeded: 0, failed: 0, cancelled: 0, unfinished: 0 };
  for (const id of runIds) {
    const s = stateOf(id);
    if (s === "succeeded") c.succeeded++;
    else if (s === "failed") c.failed++;
    else if (s === "cancelled") c.cancelled++;
    else c.unfinished++;
  }
  return c;
}

/** "demo finished: 3 of 12 runs succeeded, 9 failed" (only the parts that are not zero after the first). */
export function describeGrid(experiment: string, c: GridCounts): string {
  const parts = [`${c.succeeded} of ${c.total} runs succeeded`];
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.cancelled) parts.push(`${c.cancelled} cancelled`);
  if (c.unfinished) parts.push(`${c.unfinished} not finished`);
  return `${experiment} finished: ${parts.join(", ")}`;
}
