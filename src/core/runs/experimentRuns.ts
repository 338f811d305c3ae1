/**
 * THE join from an experiment to its runs: through the plan, BY RUN ID. Every consumer — `syllabus status` /
 * `report`, the Experiments tree, CodeLens, inlay hints, hovers, the panels, export — reads runs through here,
 * so they cannot disagree. Run ids are content hashes of what determines a result, so one stored run can serve
 * several experiments: it appears in each of them, with that experiment's labels (from the plan, i.e. the
 * config as it is now — never from the store's display labels, which belong to whichever experiment launched
 * the run first).
 *
 * A run whose result was imported but whose consumed order does not match train.jsonl × epochs is marked
 * invalid at import (src/core/runs/importResult.ts): it shows as such and is kept out of statistics.
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import type { ResolvedConfig } from "../experiment/model";
import type { EvalScore, RunStatus } from "./bundle";
import { planExperiment, type Plan, type PlannedRun } from "./plan";
import { isTerminal, type RunStore, type RunViewState } from "./store";

/** What a view shows for a planned run: its store state, `not-run` before its first launch. */
export type ExperimentRunState = RunViewState | "not-run";

export interface ExperimentRun {
  runId: string;
  experiment: string;
  model: string;
  strategy: string;
  seed: number;
  /** Under cross-validation: the held-out fold (1-based), of `folds`. */
  fold?: number;
  folds?: number;
  state: ExperimentRunState;
  /** Host the run was launched on (absent before launch). */
  host?: string;
  step?: number;
  totalSteps?: number;
  /** Seconds left, extrapolated from progress since the run started. */
  etaSeconds?: number;
  error?: string;
  /** The GPU it runs on (status.json `gpu`). */
  gpu?: string;
  /** Per eval set, once succeeded with a valid result. */
  accuracy?: Record<string, EvalScore>;
  /** Why a finished run's result is not trusted (kept out of every statistic); absent when valid. */
  invalid?: string;
}

/** Seconds left of a training run, from its progress since it started. */
export function eta(status: RunStatus | undefined, now = Date.now()): number | undefined {
  if (!status?.startedAt || !status.totalSteps || status.step <= 0 || isTerminal(status.state)) return undefined;
  const elapsed = (now - Date.parse(status.startedAt)) / 1000;
  if (!(elapsed > 0)) return undefined;
  return Math.max(0, Math.round((elapsed / status.step) * (status.totalSteps - status.step)));
}

/** A damaged file in one run folder must not hide the others: that run shows without the detail. */
function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export interface JoinOptions {
  /** Hosts that cannot be reached now: their live runs show as `unreachable`, never failed. */
  unreachableHosts?: ReadonlySet<string>;
  now?: number;
}

/** One planned run joined with what the store knows of it. */
function joinRun(run: PlannedRun, store: RunStore, opts: JoinOptions = {}): ExperimentRun {
  const base: ExperimentRun = { runId: run.runId, experiment: run.experiment, model: run.model, strategy: run.strategy, seed: run.seed, state: "not-run" };
  if (run.fold) Object.assign(base, { fold: run.fold.index, folds: run.fold.of });
  const record = safe(() => store.get(run.runId));
  if (!record) return base;
  const state = store.viewState(run.runId, !opts.unreachableHosts?.has(record.host)) ?? "queued";
  const out: ExperimentRun = { ...base, state, host: record.host };
  const status = safe(() => store.status(run.runId));
  if (status) {
    out.step = status.step;
    if (status.totalSteps !== null) out.totalSteps = status.totalSteps;
    const left = eta(status, opts.now);
    if (left !== undefined) out.etaSeconds = left;
    if (status.error) out.error = status.error;
    if (status.gpu) out.gpu = status.gpu;
  }
  if (state === "succeeded") {
    const invalid = safe(() => store.invalid(run.runId));
    if (invalid) out.invalid = invalid.reason;
    else {
      const result = safe(() => store.result(run.runId));
      if (result) out.accuracy = result.accuracy;
    }
  }
  return out;
}

/** The experiment's runs in plan order ((fold →) model → strategy → seed), each with what the store knows of it. */
export function experimentRuns(plan: Plan, store: RunStore, opts: JoinOptions = {}): ExperimentRun[] {
  return plan.runs.map((r) => joinRun(r, store, opts));
}

// ───────────────────────────── plan cache ─────────────────────────────

/**
 * Plans cached per config version. Planning reads the datasets and computes every order, so views that refresh
 * on each keystroke or run change must not redo it. The version is a hash of everything the plan depends on:
 * the experiment, its models and datasets as resolved, and the size and mtime of every file they name.
 */
export class PlanCache {
  private readonly plans = new Map<string, { version: string; plan: Promise<Plan> }>();

  constructor(private readonly max = 32) {}

  static version(config: ResolvedConfig, experiment: string): string {
    const exp = config.experiments[experiment];
    if (!exp) return `missing:${experiment}`;
    const datasets = [exp.trainOn, ...exp.evaluate].map((n) => config.datasets[n]);
    const files = datasets.flatMap((d) => (d ? [d.train, d.test, d.difficulty?.kind === "scores" ? d.difficulty.file : undefined, ...(d.difficulty?.kind === "llm_ensemble" ? d.difficulty.files : [])] : []));
    const stamps = files.map((f) => {
      if (!f) return null;
      const s = safe(() => statSync(f));
      return s ? [f, s.size, s.mtimeMs] : [f, "missing"];
    });
    const hosts = config.hosts[exp.host] ?? exp.host;
    const models = exp.models.map((m) => config.models[m]);
    return createHash("sha256").update(JSON.stringify({ exp, datasets, models, hosts, stamps })).digest("hex");
  }

  /** The experiment's plan for this version of the config (planned again only when the version changes). */
  get(config: ResolvedConfig, experiment: string): Promise<Plan> {
    const key = `${config.file}\u0000${experiment}`;
    const version = PlanCache.version(config, experiment);
    const hit = this.plans.get(key);
    if (hit && hit.version === version) return hit.plan;
    const plan = planExperiment(config, experiment);
    this.plans.delete(key);
    this.plans.set(key, { version, plan });
    plan.catch(() => { if (this.plans.get(key)?.plan === plan) this.plans.delete(key); });
    while (this.plans.size > this.max) this.plans.delete(this.plans.keys().next().value!);
    return plan;
  }
}

/** The process's plan cache (the extension host and one CLI invocation each have one). */
export const plans = new PlanCache();
