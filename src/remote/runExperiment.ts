/**
 * One click (or `syllabus run`): plan the experiment, write the bundles of the runs that have no result
 * yet, launch them on the experiment's host, and — when asked to wait — sync them until every run ends,
 * reporting progress. The CLI, the demo and the extension all go through here, so they behave the same.
 */
import { join } from "node:path";
import { LOCAL_HOST, type HostModel, type ResolvedConfig } from "../core/experiment/model";
import { planExperiment, type Plan, type PlannedRun } from "../core/runs/plan";
import { isTerminal, type RunViewState } from "../core/runs/store";
import { writeBundle } from "../core/runs/writeBundle";
import type { LaunchOutcome, RemoteSession, RunOutcome } from "./index";

export interface ExperimentProgress {
  phase: "planning" | "uploading" | "launching" | "running" | "done";
  /** State of every run of the plan (runs skipped because they are done count as succeeded). */
  states: Record<string, RunViewState>;
  /** Share of the whole grid done, 0..1: ended runs count whole, running ones by optimizer steps. */
  fraction: number;
  message?: string;
}

export interface RunExperimentOptions {
  session: RemoteSession;
  config: ResolvedConfig;
  experiment: string;
  /** Train again even runs that already have a result (default: only the missing ones). */
  rerun?: boolean;
  /** Keep syncing until every run has ended. */
  wait?: boolean;
  pollMs?: number;
  onProgress?: (p: ExperimentProgress) => void;
  signal?: AbortSignal;
}

export interface ExperimentOutcome {
  plan: Plan;
  host: HostModel;
  launched: LaunchOutcome[];
  /** Runs not launched because they already had a result. */
  reused: PlannedRun[];
  final: RunOutcome[];
}

/** The host an experiment names: a declared one, or the built-in `local`. */
export function hostOf(config: ResolvedConfig, name: string): HostModel {
  const host = config.hosts[name] ?? (name === LOCAL_HOST.name ? LOCAL_HOST : undefined);
  if (!host) throw new Error(`host '${name}' is not declared in ${config.file}`);
  return host;
}

/** Waits `ms`, or less when `signal` aborts; leaves no listener behind (it is called every poll). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

function stepShare(status: { step: number; totalSteps: number | null } | undefined): number {
  return status?.totalSteps ? Math.min(1, status.step / status.totalSteps) : 0;
}

function gridFraction(plan: Plan, share: (runId: string) => number): number {
  return plan.runs.length ? plan.runs.reduce((sum, r) => sum + share(r.runId), 0) / plan.runs.length : 1;
}

export async function runExperiment(opts: RunExperimentOptions): Promise<ExperimentOutcome> {
  const { session, config } = opts;
  const store = session.store;
  const states: Record<string, RunViewState> = {};
  let fraction = 0;
  const report = (phase: ExperimentProgress["phase"], message?: string) => opts.onProgress?.({ phase, states: { ...states }, fraction, message });

  report("planning", `planning ${opts.experiment}`);
  const plan = await planExperiment(config, opts.experiment);
  const host = hostOf(config, plan.experiment.host);
  const done = (r: PlannedRun) => !opts.rerun && store.state(r.runId) === "succeeded" && store.result(r.runId) !== undefined;
  const reused = plan.runs.filter(done);
  const todo = plan.runs.filter((r) => !done(r));
  for (const r of reused) states[r.runId] = "succeeded";

  const bundlesDir = join(store.root, "..", "bundles");
  const bundles = todo.map((r) => ({ runId: r.runId, dir: writeBundle(bundlesDir, r) }));
  report("uploading", `${todo.length} run(s) to launch on ${host.name}, ${reused.length} already done`);
  const launched = bundles.length
    ? await session.launchRuns(host, bundles, {
        name: plan.experiment.name,
        force: opts.rerun,
        onProgress: (sent, total) => report("uploading", `uploading ${Math.round(sent / 1e6)}/${Math.round(total / 1e6)} MB`),
      })
    : [];
  for (const o of launched) states[o.runId] = o.state;
  report("launching", `${launched.length} run(s) submitted to ${host.name}`);

  let final: RunOutcome[] = [];
  const active = () => todo.map((r) => r.runId).filter((id) => !isTerminal(store.state(id)));
  const hosts = { ...config.hosts, [host.name]: host };
  while (opts.wait && !opts.signal?.aborted) {
    const ids = active();
    if (ids.length === 0) break;
    final = await session.syncRuns(hosts, ids);
    for (const o of final) states[o.runId] = o.state;
    fraction = gridFraction(plan, (id) => (isTerminal(store.state(id)) ? 1 : stepShare(store.status(id))));
    report("running");
    if (active().length) await sleep(opts.pollMs ?? 1000, opts.signal);
  }
  for (const r of todo) states[r.runId] = store.state(r.runId) ?? states[r.runId] ?? "queued";
  fraction = 1;
  report("done");
  return { plan, host, launched, reused, final };
}
