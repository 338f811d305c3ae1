/**
 * The remote layer's front door, for the CLI, the extension and the tree view. A `RemoteSession` owns
 * the connection pool (one SSH connection per host) and the run store, and resolves each host's layout
 * once. Everything a caller needs is a method here:
 *
 *   launchRuns(host, bundles)   stage (content-addressed upload) + submit; already-running or
 *                               already-succeeded runs are not launched twice
 *   syncRun / syncRuns          state + new events (+ result, predictions when ended) into the store
 *   reconcile(hosts)            syncRuns over every non-terminal run (call on start)
 *   cancelRun(host, runId)      kill the process group / scancel → `cancelled`
 *   tailLog(host, runId, opts)  last N lines of log.txt, then follow (stopping never stops the run)
 *   doctor(host) / setup(host)
 *
 * An unreachable host gives `state: "unreachable"` in the outcome and leaves the store untouched.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { HostModel } from "../core/experiment/model";
import { BUNDLE_FILES, readRunSpec, TERMINAL_STATES, type RunSpec } from "../core/runs/bundle";
import { isTerminal, RunStore, type LauncherKind, type RunRecord, type RunViewState } from "../core/runs/store";
import { doctor as runDoctor, setup as runSetup, type DoctorReport, type SetupOptions } from "./doctor";
import { isNetworkError } from "./errors";
import { LocalExec, SshExec, type Exec } from "./exec";
import { resolveHostPaths, resolveLayout } from "./layout";
import { DirectLauncher, LAUNCHER_LOG } from "./launchers/direct";
import { SlurmLauncher } from "./launchers/slurm";
import type { HostLayout, Launcher, PolledState, RunHandle } from "./launchers/types";
import { tailFile, type TailOptions } from "./logs";
import { ConnectionPool } from "./pool";
import type { Prompter } from "./prompter";
import { remoteRunDir, stageBundles, type LocalBundle } from "./stage";
import { syncRunFiles, type SyncOutcome } from "./sync";
import { findTrainerSource } from "./trainer";
import { estimateNeedMiB, hostGpus, parseNvidiaSmi, type GpuInfo, type MeasuredRun } from "./gpuPlacement";

export type { LocalBundle } from "./stage";
export type { Prompter } from "./prompter";
export type { DoctorReport } from "./doctor";
export { ttyPrompter } from "./ttyPrompter";
export { UnreachableError, HostKeyError, AuthError } from "./errors";

export interface RemoteSessionOptions {
  workspaceRoot: string;
  prompter: Prompter;
  /** ~/.ssh/config by default. */
  sshConfigFile?: string;
  /** python/syllabus_trainer on this machine (found automatically when absent). */
  trainerSource?: string;
  /** Replace `python -m syllabus_trainer train` (tests use a stand-in); the run folder is appended. */
  trainerArgv?: string[];
  /** Extra environment for trainers (HF_HOME, HF_HUB_OFFLINE…). */
  env?: Record<string, string>;
  store?: RunStore;
}

export interface LaunchOptions {
  /** Job name for Slurm (the experiment's name). */
  name?: string;
  /** Upload progress over all files: bytes sent, bytes total. */
  onProgress?: (sent: number, total: number) => void;
  /** Relaunch even runs that already succeeded on the host. */
  force?: boolean;
}

export interface LaunchOutcome {
  runId: string;
  action: "launched" | "already-running" | "already-succeeded";
  state: RunViewState;
  handle: RunHandle;
}

export interface RunOutcome {
  runId: string;
  state: RunViewState;
  message?: string;
  sync?: SyncOutcome;
}

const ALREADY_TRAINED = "already trained on this host";

export class RemoteSession {
  readonly store: RunStore;
  readonly pool: ConnectionPool;
  private readonly layouts = new Map<string, Promise<HostLayout>>();
  private readonly discoveredGpus = new Map<string, Promise<GpuInfo[]>>();

  constructor(readonly opts: RemoteSessionOptions) {
    this.store = opts.store ?? new RunStore(opts.workspaceRoot);
    this.pool = new ConnectionPool({ prompter: opts.prompter, resolve: opts.sshConfigFile ? { configFile: opts.sshConfigFile } : undefined });
  }

  exec(host: HostModel): Exec {
    if (host.kind === "local") return new LocalExec(host.name);
    if (!host.ssh) throw new Error(`host ${host.name} has kind ssh but no \`ssh\` destination; write ssh = "user@host" or an alias from ~/.ssh/config`);
    return new SshExec(this.pool, host.ssh);
  }

  /** The host's resolved layout (workdir, python, trainer on the host), computed once per session. */
  layout(host: HostModel): Promise<HostLayout> {
    const key = `${host.name}\0${host.ssh ?? ""}\0${host.workdir ?? ""}\0${host.python ?? ""}`;
    let p = this.layouts.get(key);
    if (!p) {
      p = resolveLayout(host, this.exec(host), { workspaceRoot: this.opts.workspaceRoot, trainerSource: this.opts.trainerSource ?? findTrainerSource() }).then((l) => ({
        ...l,
        env: { ...(l.env ?? {}), ...(this.opts.env ?? {}) },
      }));
      this.layouts.set(key, p);
      p.catch(() => this.layouts.delete(key));
    }
    return p;
  }

  launcherKind(host: HostModel): LauncherKind {
    return host.scheduler.type === "slurm" ? "slurm" : host.kind === "local" ? "local" : "direct";
  }

  launcher(host: HostModel, layout: HostLayout, name = "runs", gpus?: GpuInfo[]): Launcher {
    const s = host.scheduler;
    if (s.type === "slurm") return new SlurmLauncher(layout, { config: s, name, trainerArgv: this.opts.trainerArgv });
    return new DirectLauncher(this.launcherKind(host), layout, { maxConcurrent: s.maxConcurrent, trainerArgv: this.opts.trainerArgv, gpus });
  }

  /**
   * A direct/local host's GPUs: declared (`gpus`, `gpu_memory`), else found with nvidia-smi once per session.
   * Slurm hosts: none here — Slurm allocates GPUs and sets CUDA_VISIBLE_DEVICES itself.
   */
  gpus(host: HostModel, layout: HostLayout): Promise<GpuInfo[]> {
    if (host.scheduler.type === "slurm" || host.gpus === 0) return Promise.resolve([]);
    if (host.gpus !== undefined && host.gpuMemoryGiB !== undefined) return Promise.resolve(hostGpus(host));
    const key = `${host.name}\0${host.ssh ?? ""}`;
    let p = this.discoveredGpus.get(key);
    if (!p) {
      p = layout.exec.run("nvidia-smi --query-gpu=index,memory.total --format=csv,noheader,nounits 2>/dev/null || true").then((r) => parseNvidiaSmi(r.stdout));
      this.discoveredGpus.set(key, p);
      p.catch(() => this.discoveredGpus.delete(key));
    }
    return p.then((found) => hostGpus(host, found));
  }

  /** Earlier runs' shapes and measured peaks (their result.json), for packing runs onto GPUs. */
  private measuredRuns(): MeasuredRun[] {
    const out: MeasuredRun[] = [];
    for (const r of this.store.list()) {
      try {
        const result = this.store.result(r.runId);
        if (result) out.push({ spec: readRunSpec(join(this.store.dir(r.runId), BUNDLE_FILES.run)), result });
      } catch {
        // a damaged record tells nothing about memory; the run then just takes a whole GPU
      }
    }
    return out;
  }

  private handleOf(record: RunRecord): RunHandle {
    return { runId: record.runId, dir: record.remoteDir, pid: record.pid, jobId: record.jobId, attempt: record.attempt };
  }

  /**
   * Launches bundles on a host. Each launch gets a new attempt id and is recorded in the local store
   * BEFORE the host starts anything (a client killed mid-launch still sees the run on the next sync);
   * the host claims each run atomically (claim.ts), so any number of clients launching the same runs at
   * once start each run once, and the others record the running attempt they found.
   */
  async launchRuns(host: HostModel, bundles: LocalBundle[], opts: LaunchOptions = {}): Promise<LaunchOutcome[]> {
    // Read every run.json first: a bad bundle is an error naming the file before anything is sent.
    const specs = new Map(bundles.map((b) => [b.runId, readRunSpec(join(b.dir, BUNDLE_FILES.run))]));
    const layout = await this.layout(host);
    const gpus = await this.gpus(host, layout);
    const launcher = this.launcher(host, layout, opts.name, gpus);

    const attempts = new Map(bundles.map((b) => [b.runId, newAttemptId()]));
    const previous = new Map(bundles.map((b) => [b.runId, this.store.get(b.runId)?.attempt]));
    const submittedAt = new Date().toISOString();
    for (const b of bundles) {
      const dir = remoteRunDir(layout.workdir, b.runId);
      const rec = this.store.get(b.runId);
      if (rec && rec.host === host.name && rec.remoteDir === dir && !isTerminal(this.store.state(b.runId)) && !opts.force) continue;
      const spec = specs.get(b.runId)!;
      this.store.save({ runId: b.runId, host: host.name, launcher: launcher.kind, remoteDir: dir, submittedAt, attempt: attempts.get(b.runId), display: spec.display ?? {} }, spec);
      if (!rec || isTerminal(this.store.state(b.runId))) this.store.appendState(b.runId, "queued", `launching on ${host.name}`);
    }

    // A Cancel that arrives while the bundles are staged or submitted is recorded in the store (cancelRun);
    // it is applied to the attempt this launch starts, so the user's cancel wins over the launch.
    const stateBefore = new Map(bundles.map((b) => [b.runId, this.store.state(b.runId)]));
    const cancelledMeanwhile = (runId: string) => this.store.state(runId) === "cancelled" && stateBefore.get(runId) !== "cancelled";

    let staged = await stageBundles(layout.exec, layout.workdir, bundles, { onProgress: opts.onProgress });
    if (gpus.length) {
      const history = this.measuredRuns();
      staged = staged.map((r) => {
        const need = estimateNeedMiB(specs.get(r.runId)!, history);
        return need === undefined ? r : { ...r, gpuNeedMiB: need };
      });
    }
    const handles = await launcher.submit(
      staged.map((r) => ({ ...r, attempt: attempts.get(r.runId) })),
      { force: opts.force },
    );
    const outcomes: LaunchOutcome[] = [];
    for (const h of handles) {
      if (h.existing) {
        outcomes.push(this.recordExisting(host, launcher.kind, h, specs, h.existing));
        continue;
      }
      const spec = specs.get(h.runId)!;
      // --rerun: what was synced of the old attempt is set aside (kept under attempts/), so the new
      // attempt's status, events and result are the ones imported.
      if (opts.force) this.store.archiveAttempt(h.runId, previous.get(h.runId) ?? `before-${submittedAt.replace(/[^0-9]/g, "")}`);
      this.store.save(
        { runId: h.runId, host: host.name, launcher: launcher.kind, remoteDir: h.dir, submittedAt, pid: h.pid, jobId: h.jobId, attempt: h.attempt, display: spec.display ?? {} },
        spec,
      );
      this.store.resetEvents(h.runId);
      this.store.clearMisses(h.runId);
      if (cancelledMeanwhile(h.runId)) {
        await launcher.cancel(h);
        outcomes.push({ runId: h.runId, action: "launched", state: "cancelled", handle: h });
        continue;
      }
      this.store.appendState(h.runId, "queued", `submitted to ${host.name} (${launcher.kind}${h.jobId ? ` job ${h.jobId}` : h.pid ? ` pid ${h.pid}` : ""}, attempt ${h.attempt})`);
      outcomes.push({ runId: h.runId, action: "launched", state: "queued", handle: h });
    }
    // Runs found already trained on the host: their results come home now, like any run seen finished.
    for (const o of outcomes) {
      if (o.action === "already-succeeded") await syncRunFiles(layout.exec, this.store, o.runId, o.handle.dir, { runId: o.runId, state: "succeeded", message: ALREADY_TRAINED });
    }
    return bundles.map((b) => outcomes.find((o) => o.runId === b.runId)!);
  }

  /** A run the host already has: recorded (with the host's attempt) and reported, not restarted. */
  private recordExisting(host: HostModel, kind: LauncherKind, h: RunHandle, specs: Map<string, RunSpec>, what: "running" | "succeeded"): LaunchOutcome {
    const rec = this.store.get(h.runId);
    if (!rec || rec.remoteDir !== h.dir || rec.host !== host.name || rec.attempt !== h.attempt || (h.pid && rec.pid !== h.pid) || (h.jobId && rec.jobId !== h.jobId)) {
      const spec = specs.get(h.runId)!;
      this.store.save({ runId: h.runId, host: host.name, launcher: kind, remoteDir: h.dir, submittedAt: rec?.submittedAt ?? new Date().toISOString(), pid: h.pid, jobId: h.jobId, attempt: h.attempt, display: spec.display ?? {} }, spec);
    }
    if (what === "succeeded") return { runId: h.runId, action: "already-succeeded", state: "succeeded", handle: h };
    if (!this.store.state(h.runId) || isTerminal(this.store.state(h.runId))) this.store.appendState(h.runId, "queued", "already running on this host");
    return { runId: h.runId, action: "already-running", state: this.store.state(h.runId)!, handle: h };
  }

  /** Syncs the given runs (default: all in the store) with their hosts; one poll per host. */
  async syncRuns(hosts: Record<string, HostModel>, runIds?: string[]): Promise<RunOutcome[]> {
    const records = (runIds ?? this.store.list().map((r) => r.runId)).map((id) => {
      const r = this.store.get(id);
      if (!r) throw new Error(`run ${id} is not in the run store (${this.store.root}); launch it first`);
      return r;
    });
    const byHost = new Map<string, RunRecord[]>();
    for (const r of records) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r]);
    const out: RunOutcome[] = [];
    await Promise.all(
      [...byHost.entries()].map(async ([hostName, recs]) => {
        const host = hosts[hostName];
        if (!host) {
          for (const r of recs) out.push({ runId: r.runId, state: this.store.state(r.runId) ?? "queued", message: `host ${hostName} is not in the config any more` });
          return;
        }
        try {
          const layout = await this.layout(host);
          const polled = await this.launcher(host, layout).poll(recs.map((r) => this.handleOf(r)));
          for (const [i, p] of polled.entries()) {
            const r = recs[i]!;
            const sync = await this.applySync(layout, r, p);
            out.push({ runId: r.runId, state: this.store.state(r.runId) ?? p.state, message: p.message, sync });
          }
        } catch (err) {
          if (!isNetworkError(err)) throw err;
          for (const r of recs) out.push({ runId: r.runId, state: this.store.viewState(r.runId, false) ?? "unreachable", message: (err as Error).message });
        }
      }),
    );
    const order = new Map(records.map((r, i) => [r.runId, i]));
    return out.sort((a, b) => order.get(a.runId)! - order.get(b.runId)!);
  }

  private async applySync(layout: HostLayout, r: RunRecord, p: PolledState): Promise<SyncOutcome> {
    // A run the user cancelled stays cancelled while its trainer is still checkpointing on the way out.
    const current = this.store.state(r.runId);
    const polled = isTerminal(current) && !TERMINAL_STATES.includes(p.state) ? { ...p, state: current!, message: undefined } : p;
    return syncRunFiles(layout.exec, this.store, r.runId, r.remoteDir, polled);
  }

  async syncRun(hosts: Record<string, HostModel>, runId: string): Promise<RunOutcome> {
    return (await this.syncRuns(hosts, [runId]))[0]!;
  }

  /** On start: sync every run not yet in a terminal state. */
  async reconcile(hosts: Record<string, HostModel>): Promise<RunOutcome[]> {
    const active = this.store.active().map((r) => r.runId);
    return active.length ? this.syncRuns(hosts, active) : [];
  }

  async cancelRun(host: HostModel, runId: string): Promise<RunOutcome> {
    const r = this.store.get(runId);
    if (!r) throw new Error(`run ${runId} is not in the run store; nothing to cancel`);
    const state = this.store.state(runId);
    if (isTerminal(state)) return { runId, state: state!, message: `already ${state}` };
    const layout = await this.layout(host);
    if (r.pid === undefined && r.jobId === undefined) {
      // Still being launched (recorded, not yet submitted). The state first: a launch that has not yet
      // recorded its process sees it and cancels what it starts; one that recorded it meanwhile is cancelled
      // here. The marker is best effort: the folder may not exist yet.
      this.store.appendState(runId, "cancelled", "cancelled by the user while it was being launched");
      await this.launcher(host, layout).cancel(this.handleOf(r)).catch(() => undefined);
      const now = this.store.get(runId);
      if (now && (now.pid !== undefined || now.jobId !== undefined)) await this.launcher(host, layout).cancel(this.handleOf(now));
      return { runId, state: "cancelled" };
    }
    await this.launcher(host, layout).cancel(this.handleOf(r));
    this.store.appendState(runId, "cancelled", "cancelled by the user");
    return { runId, state: "cancelled" };
  }

  /** The last `lines` of log.txt, then new text while `follow` (until `signal` aborts). */
  async tailLog(host: HostModel, runId: string, opts: TailOptions): Promise<number> {
    const r = this.store.get(runId);
    const layout = await this.layout(host);
    const dir = r?.remoteDir ?? remoteRunDir(layout.workdir, runId);
    // Before the trainer has set up logging (or when it could not start) only launcher.log exists.
    const log = (await layout.exec.size(`${dir}/${BUNDLE_FILES.log}`)) === null && (await layout.exec.size(`${dir}/${LAUNCHER_LOG}`)) !== null ? LAUNCHER_LOG : BUNDLE_FILES.log;
    return tailFile(layout.exec, `${dir}/${log}`, opts);
  }

  async doctor(host: HostModel): Promise<DoctorReport> {
    try {
      // Read-only: the host's paths without creating runs/ or uploading the trainer.
      const exec = this.exec(host);
      const paths = await resolveHostPaths(host, exec, { workspaceRoot: this.opts.workspaceRoot, trainerSource: this.opts.trainerSource });
      return await runDoctor(exec, paths);
    } catch (err) {
      return { host: host.name, reachable: !isNetworkError(err), error: (err as Error).message, packages: {}, gpus: [], workdir: host.workdir ?? "" };
    }
  }

  async setup(host: HostModel, opts: Partial<SetupOptions> = {}): Promise<{ python: string; trainerPath: string }> {
    const layout = await this.layout(host);
    const trainerSource = this.opts.trainerSource ?? findTrainerSource();
    const s = host.scheduler;
    const res = await runSetup(layout.exec, {
      workdir: layout.workdir,
      // a Slurm login node has no nvidia-smi, but its jobs run on GPUs: the host's declaration says so
      gpuHost: (host.gpus ?? 0) > 0 || (s.type === "slurm" && /(^|,)gpu\b/.test(s.gres ?? "")),
      requirements: join(trainerSource, "..", "requirements.txt"),
      trainerSource,
      ...opts,
    });
    this.layouts.clear(); // the venv's python is now the default
    return res;
  }

  async close(): Promise<void> {
    await this.pool.closeAll();
  }
}

/** A launch attempt's id: time-ordered and unique across clients (letters, digits, '-'). */
function newAttemptId(): string {
  return `${new Date().toISOString().replace(/[^0-9]/g, "").slice(0, 14)}-${randomBytes(4).toString("hex")}`;
}
