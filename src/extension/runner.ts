/**
 * Launches, follows, cancels and checks runs in-process through the remote layer (src/remote: RemoteSession,
 * runExperiment), so SSH questions reach the user through VS Code (VsCodePrompter) rather than a TTY. Following
 * writes the run store; the store's file watcher refreshes the views. One session per workspace, kept while the
 * extension lives (connections are pooled), closed on deactivate.
 *
 * Before a launch, a pre-flight asks the host's Python whether the trainer can import its packages: a run that
 * cannot would only fail minutes later, one by one. Progress is shown in the status bar (not a notification
 * over the charts); its item offers Cancel (the runs, after a confirmation) and Stop Following (the runs go on).
 * Between launches a background sync (`syllabus.runs.syncIntervalSeconds`) keeps runs nobody follows live.
 */
import * as vscode from "vscode";
import { withLocalPython, localHostWith } from "../core/experiment/localPython";
import { LOCAL_HOST, type HostModel, type ResolvedConfig } from "../core/experiment/model";
import { countGrid, describeGrid } from "../core/runs/gridOutcome";
import { isTerminal } from "../core/runs/store";
import type { DoctorReport } from "../remote/doctor";
import { RemoteSession } from "../remote/index";
import { pipArgsFrom } from "../remote/pipArgs";
import type { Prompter } from "../remote/prompter";
import { trainerReadiness, type Readiness } from "../remote/readiness";
import { hostOf, runExperiment, type ExperimentOutcome } from "../remote/runExperiment";
import { output } from "./output";
import type { RunsWatcher } from "./runsWatcher";
import { workspaceRoot } from "./runsWatcher";

/** A host's last doctor report and what it means for training (shown in the Hosts view). */
export interface HostCheck {
  report: DoctorReport;
  readiness: Readiness;
}

interface Follow {
  abort: AbortController;
  runIds: string[];
  host: HostModel;
  cancelled?: boolean;
}

const READY_FOR_MS = 10 * 60 * 1000;

export class Runner implements vscode.Disposable {
  private session: RemoteSession | undefined;
  /** Experiments being followed now, so a second click does not start a second follower. */
  private readonly following = new Map<string, Follow>();
  /** Host (+ python) → when its trainer was last found ready: one pre-flight per host per few minutes. */
  private readonly readyAt = new Map<string, number>();
  private readonly statusItem = vscode.window.createStatusBarItem("syllabus.following", vscode.StatusBarAlignment.Left, 11);
  private syncTimer: ReturnType<typeof setInterval> | undefined;
  private syncing = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** Told each host check (the Hosts view listens). */
  onHostChecked: ((host: string, check: HostCheck) => void) | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly prompter: Prompter, private readonly runs: RunsWatcher) {
    this.statusItem.name = "Syllabus experiment progress";
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("syllabus.pythonPath")) this.readyAt.clear();
    }));
  }

  private sessionFor(): RemoteSession {
    const root = workspaceRoot();
    if (!root) throw new Error("open a folder first: runs are recorded in the workspace (.syllabus/runs)");
    if (this.session?.opts.workspaceRoot !== root) {
      void this.session?.close();
      this.session = new RemoteSession({ workspaceRoot: root, prompter: this.prompter, trainerSource: this.context.asAbsolutePath("python/syllabus_trainer") });
    }
    return this.session;
  }

  /** `syllabus.pythonPath`, when set. */
  pythonPath(): string | undefined {
    return vscode.workspace.getConfiguration("syllabus").get<string>("pythonPath")?.trim() || undefined;
  }

  /** `syllabus.pythonPath` applies to the built-in local host (see core/experiment/localPython). */
  withSettings(config: ResolvedConfig): ResolvedConfig {
    return withLocalPython(config, this.pythonPath());
  }

  isFollowing(experiment: string): boolean {
    return this.following.has(experiment);
  }

  /** Runs the doctor on a host and says whether its trainer can start; the Hosts view is told. */
  async checkHost(host: HostModel): Promise<HostCheck> {
    const h = localHostWith(host, this.pythonPath());
    const report = await this.sessionFor().doctor(h);
    const python = h.python ?? (await this.sessionFor().layout(h).then((l) => l.python, () => "python3"));
    const check = { report, readiness: trainerReadiness(report, { python, local: h.kind === "local" }) };
    const key = `${h.name}\0${h.python ?? ""}`;
    if (check.readiness.ready) this.readyAt.set(key, Date.now());
    else this.readyAt.delete(key);
    this.onHostChecked?.(h.name, check);
    return check;
  }

  /** The pre-flight: true when the host's trainer can import its packages; else one message with the fix. */
  async preflight(host: HostModel): Promise<boolean> {
    const h = localHostWith(host, this.pythonPath());
    const at = this.readyAt.get(`${h.name}\0${h.python ?? ""}`);
    if (at !== undefined && Date.now() - at < READY_FOR_MS) return true;
    const { readiness } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Syllabus: checking the trainer on ${h.name}…` }, () => this.checkHost(host));
    if (readiness.ready) return true;
    output().warn(`not launched: ${readiness.problem}. Fix: ${readiness.fix}`);
    const fixes = h.kind === "local" ? ["Set Up Local Trainer", "Set Python Path"] : ["Check Host"];
    void vscode.window.showErrorMessage(`Syllabus: nothing was launched: ${readiness.problem}. Fix: ${readiness.fix}.`, ...fixes).then((a) => {
      if (a === "Set Up Local Trainer") void vscode.commands.executeCommand("syllabus.setupLocalTrainer");
      else if (a === "Set Python Path") void vscode.commands.executeCommand("workbench.action.openSettings", "syllabus.pythonPath");
      else if (a === "Check Host") void vscode.commands.executeCommand("syllabus.doctorHost");
    });
    return false;
  }

  private showFollowing(experiment: string, text: string): void {
    this.statusItem.text = `$(sync~spin) ${experiment}: ${text}`;
    this.statusItem.tooltip = `Syllabus is following ${experiment}. Click to cancel its runs or stop following.`;
    this.statusItem.command = { command: "syllabus.cancelExperiment", title: "Cancel", arguments: [{ experiment }] };
    this.statusItem.show();
  }

  /** Launches the missing (or, with rerun, all) runs and follows them to the end with progress in the status bar. */
  async run(config: ResolvedConfig, experiment: string, opts: { rerun?: boolean } = {}): Promise<ExperimentOutcome | undefined> {
    if (this.following.has(experiment)) {
      void vscode.window.showInformationMessage(`Syllabus: ${experiment} is already running; its runs are in the Experiments view.`);
      return undefined;
    }
    const session = this.sessionFor();
    const settled = this.withSettings(config);
    const host = hostOf(settled, settled.experiments[experiment]!.host);
    const follow: Follow = { abort: new AbortController(), runIds: [], host };
    this.following.set(experiment, follow);
    try {
      if (!(await this.preflight(host))) return undefined;
      this.showFollowing(experiment, "starting");
      // one status bar item (clickable: Cancel / Stop Following), not a notification over the charts
      const outcome = await runExperiment({
        session,
        config: settled,
        experiment,
        rerun: opts.rerun ?? false,
        wait: true,
        signal: follow.abort.signal,
        onProgress: (p) => {
          const ids = Object.keys(p.states);
          if (ids.length) follow.runIds = ids;
          const ended = Object.values(p.states).filter((s) => s === "succeeded" || s === "failed" || s === "cancelled").length;
          this.showFollowing(experiment, p.phase === "running" ? `${ended}/${ids.length} runs ended, ${Math.round(p.fraction * 100)}%` : p.message ?? p.phase);
          this.runs.fireSoon();
        },
      });
      const launched = outcome.launched.filter((o) => o.action === "launched").length;
      output().info(`${experiment}: ${outcome.plan.runs.length} runs, ${launched} launched on ${outcome.host.name}, ${outcome.reused.length} reused`);
      if (!follow.abort.signal.aborted || follow.cancelled) this.tellEnd(experiment, outcome);
      return outcome;
    } finally {
      this.following.delete(experiment);
      if (this.following.size === 0) this.statusItem.hide();
      this.runs.fireSoon();
    }
  }

  /** The end-of-run message, counted over every run of the grid from the store. */
  private tellEnd(experiment: string, outcome: ExperimentOutcome): void {
    const store = this.runs.store();
    const ids = outcome.plan.runs.map((r) => r.runId);
    const counts = countGrid(ids, (id) => store?.state(id));
    // A failure is told with its last error line, so the user knows what broke without opening a log.
    const firstFailed = ids.find((id) => store?.state(id) === "failed");
    const error = firstFailed ? store?.status(firstFailed)?.error : undefined;
    const msg = `Syllabus: ${describeGrid(experiment, counts)}` + (outcome.reused.length ? ` (${outcome.reused.length} reused)` : "") + (error ? `. Run ${firstFailed} failed: ${error}` : "");
    output().info(msg);
    if (counts.failed) void vscode.window.showWarningMessage(msg, "Show Output").then((a) => a && output().show());
    else void vscode.window.showInformationMessage(msg, "Open Comparison").then((a) => a && vscode.commands.executeCommand("syllabus.openComparison"));
  }

  /** Stops following an experiment; its runs keep running (the background sync keeps the views live). */
  stopFollowing(experiment: string): boolean {
    const f = this.following.get(experiment);
    f?.abort.abort();
    return !!f;
  }

  /** Cancels the active runs among `runIds` (the whole grid of an experiment); returns how many. */
  async cancelRuns(config: ResolvedConfig, runIds: readonly string[]): Promise<number> {
    const store = this.runs.store();
    if (!store) return 0;
    const settled = this.withSettings(config);
    const active = runIds.map((id) => store.get(id)).filter((r): r is NonNullable<typeof r> => !!r && !isTerminal(store.state(r.runId)));
    await Promise.all(active.map((r) => this.sessionFor().cancelRun(hostOf(settled, r.host), r.runId)));
    for (const [exp, f] of this.following) if (f.runIds.some((id) => runIds.includes(id))) (f.cancelled = true, this.following.get(exp)?.abort.abort());
    this.runs.fireSoon();
    return active.length;
  }

  async cancel(config: ResolvedConfig, hostName: string, runId: string): Promise<string> {
    const r = await this.sessionFor().cancelRun(hostOf(this.withSettings(config), hostName), runId);
    this.runs.fireSoon();
    return r.message ?? r.state;
  }

  /**
   * Syncs every active run nobody follows (Refresh, and the background timer). In the background only runs on
   * `local` or on hosts already connected: a timer must never ask for a password.
   */
  async syncActive(hosts: Record<string, HostModel>, opts: { background?: boolean } = {}): Promise<number> {
    const store = this.runs.store();
    if (!store || this.syncing) return 0;
    const followed = new Set([...this.following.values()].flatMap((f) => f.runIds));
    const reachable = (hostName: string) => {
      const h = hosts[hostName];
      return !opts.background || h?.kind === "local" || (!!h?.ssh && !!this.session?.pool.isOpen(h.ssh));
    };
    const ids = store.active().filter((r) => !followed.has(r.runId) && reachable(r.host)).map((r) => r.runId);
    if (ids.length === 0) return 0;
    this.syncing = true;
    try {
      const python = this.pythonPath();
      const settled = Object.fromEntries(Object.entries(hosts).map(([n, h]) => [n, localHostWith(h, python)]));
      await this.sessionFor().syncRuns(settled, ids);
      this.runs.fireSoon();
      return ids.length;
    } finally {
      this.syncing = false;
    }
  }

  /** Starts (or restarts, after a settings change) the background sync. */
  startBackgroundSync(hosts: () => Promise<Record<string, HostModel>>): void {
    const start = () => {
      if (this.syncTimer) clearInterval(this.syncTimer);
      const seconds = Math.max(2, vscode.workspace.getConfiguration("syllabus").get<number>("runs.syncIntervalSeconds", 10));
      this.syncTimer = setInterval(() => {
        if (!workspaceRoot()) return;
        hosts().then((h) => this.syncActive(h, { background: true })).catch((err: unknown) => output().warn(`background sync: ${err instanceof Error ? err.message : String(err)}`));
      }, seconds * 1000);
    };
    start();
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration("syllabus.runs.syncIntervalSeconds") && start()));
  }

  async doctor(host: HostModel): Promise<DoctorReport> {
    return (await this.checkHost(host)).report;
  }

  /**
   * Creates the trainer's venv for `local` in the extension's global storage (shared by every workspace) with
   * the CLI's setup (src/remote/doctor.ts), then points `syllabus.pythonPath` at it. Returns the venv's python.
   */
  async setupLocalTrainer(onOutput: (text: string) => void): Promise<string> {
    const workdir = vscode.Uri.joinPath(this.context.globalStorageUri, "trainer").fsPath;
    const session = new RemoteSession({ workspaceRoot: workdir, prompter: this.prompter, trainerSource: this.context.asAbsolutePath("python/syllabus_trainer") });
    try {
      const extra = vscode.workspace.getConfiguration("syllabus").get<string[]>("setup.pipArgs", []);
      const pipArgs = pipArgsFrom(process.env, extra);
      if (pipArgs.length) onOutput(`extra pip options: ${pipArgs.join(" ")}\n`);
      const r = await session.setup({ ...LOCAL_HOST, workdir }, { pipArgs, onOutput });
      await vscode.workspace.getConfiguration("syllabus").update("pythonPath", r.python, vscode.ConfigurationTarget.Global);
      this.readyAt.clear();
      return r.python;
    } finally {
      await session.close();
    }
  }

  dispose(): void {
    for (const f of this.following.values()) f.abort.abort();
    if (this.syncTimer) clearInterval(this.syncTimer);
    for (const d of this.disposables) d.dispose();
    this.statusItem.dispose();
    void this.session?.close();
  }
}
