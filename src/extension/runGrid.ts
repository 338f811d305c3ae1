/**
 * What the Experiments tree shows for one experiment: its grid (strategy × model × seed) joined with what the
 * local run store (.syllabus/runs) knows about each cell. Pure (no `vscode`), so it is unit-tested directly.
 * Store records are matched to grid cells by their display labels (experiment, strategy, model, seed): run ids
 * are content hashes and the same run may serve two experiments, so labels are what the user sees.
 */
import type { ExperimentModel } from "../core/experiment/model";
import type { RunStatus } from "../core/runs/bundle";
import { isTerminal, type RunRecord, type RunStore, type RunViewState } from "../core/runs/store";

export type GridState = RunViewState | "not-run";

export interface GridRun {
  experiment: string;
  strategy: string;
  model: string;
  seed: number;
  runId?: string;
  state: GridState;
  step?: number;
  totalSteps?: number;
  /** Seconds left, extrapolated from progress since the run started. */
  etaSeconds?: number;
  /** Accuracy per eval set, once succeeded. */
  accuracy?: Record<string, number>;
  error?: string;
  host?: string;
  /** The GPU it runs on (status.json `gpu`). */
  gpu?: string;
}

export interface GridSummary {
  total: number;
  byState: Partial<Record<GridState, number>>;
  /** Strategy with the best mean accuracy on the first eval set over succeeded runs, if any. */
  best?: { strategy: string; accuracy: number; evalSet: string; runs: number };
}

function label(record: RunRecord, key: string): string | undefined {
  const v = record.display[key];
  return v === undefined || v === null ? undefined : String(v);
}

export function eta(status: RunStatus | undefined, now = Date.now()): number | undefined {
  if (!status?.startedAt || !status.totalSteps || status.step <= 0 || isTerminal(status.state)) return undefined;
  const elapsed = (now - Date.parse(status.startedAt)) / 1000;
  if (!(elapsed > 0)) return undefined;
  return Math.max(0, Math.round((elapsed / status.step) * (status.totalSteps - status.step)));
}

/** The experiment's expected runs, in strategy → model → seed order, with what the store knows of each. */
export function experimentGrid(exp: ExperimentModel, store: RunStore, unreachableHosts: ReadonlySet<string> = new Set(), now = Date.now()): GridRun[] {
  const latest = new Map<string, RunRecord>();
  for (const r of store.list()) {
    if (label(r, "experiment") !== exp.name) continue;
    const key = `${label(r, "strategy")}\u0000${label(r, "model")}\u0000${label(r, "seed")}`;
    const prev = latest.get(key);
    if (!prev || prev.submittedAt < r.submittedAt) latest.set(key, r);
  }
  const out: GridRun[] = [];
  for (const strategy of exp.strategies) for (const model of exp.models) for (const seed of exp.seeds) {
    const base: GridRun = { experiment: exp.name, strategy, model, seed, state: "not-run" };
    const record = latest.get(`${strategy}\u0000${model}\u0000${seed}`);
    if (!record) { out.push(base); continue; }
    const state = store.viewState(record.runId, !unreachableHosts.has(record.host)) ?? "queued";
    const run: GridRun = { ...base, runId: record.runId, state, host: record.host };
    const status = safe(() => store.status(record.runId));
    if (status) {
      run.step = status.step;
      if (status.totalSteps !== null) run.totalSteps = status.totalSteps;
      const left = eta(status, now);
      if (left !== undefined) run.etaSeconds = left;
      if (status.error) run.error = status.error;
      if (status.gpu) run.gpu = status.gpu;
    }
    if (state === "succeeded") {
      const result = safe(() => store.result(record.runId));
      if (result) run.accuracy = Object.fromEntries(Object.entries(result.accuracy).map(([k, v]) => [k, v.accuracy]));
    }
    out.push(run);
  }
  return out;
}

/** A damaged file in one run folder must not hide the whole tree: that run shows without the detail. */
function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function summarize(runs: readonly GridRun[], evalSet?: string): GridSummary {
  const byState: GridSummary["byState"] = {};
  for (const r of runs) byState[r.state] = (byState[r.state] ?? 0) + 1;
  const set = evalSet ?? runs.flatMap((r) => Object.keys(r.accuracy ?? {}))[0];
  let best: GridSummary["best"];
  if (set) {
    const byStrategy = new Map<string, number[]>();
    for (const r of runs) {
      const a = r.accuracy?.[set];
      if (a !== undefined) byStrategy.set(r.strategy, [...(byStrategy.get(r.strategy) ?? []), a]);
    }
    for (const [strategy, accs] of byStrategy) {
      const accuracy = accs.reduce((x, y) => x + y, 0) / accs.length;
      if (!best || accuracy > best.accuracy) best = { strategy, accuracy, evalSet: set, runs: accs.length };
    }
  }
  return best ? { total: runs.length, byState, best } : { total: runs.length, byState };
}

export function formatEta(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, "0")}m`;
}
