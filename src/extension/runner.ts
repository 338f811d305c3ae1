/**
 * Launches, follows, cancels and checks runs in-process through the remote layer (src/remote: RemoteSession,
 * runExperiment), so SSH questions reach the user through VS Code (VsCodePrompter) rather than a TTY. Following
 * writes the run store; the store's file watcher refreshes the views. One session per workspace, kept while the
 * extension lives (connections are pooled), closed on deactivate.
 */
import * as vscode from "vscode";
import { LOCAL_HOST, type HostModel, type ResolvedConfig } from "../core/experiment/model";
import type { DoctorReport } from "../remote/doctor";
import { RemoteSession } from "../remote/index";
import type { Prompter } from "../remote/prompter";
import { hostOf, runExperiment, type ExperimentOutcome } from "../remote/runExperiment";
import { output } from "./output";
import type { RunsWatcher } from "./runsWatcher";
import { workspaceRoot } from "./runsWatcher";

export class Runner implements vscode.Disposable {
  private session: RemoteSession | undefined;
  /** Experiments being followed now, so a second click does not start a second follower. */
  private readonly following = new Map<string, AbortController>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly prompter: Prompter, private readonly runs: RunsWatcher) {}

  private sessionFor(): RemoteSession {
    const root = workspaceRoot();
    if (!root) throw new Error("open a folder first: runs are recorded in the workspace (.syllabus/runs)");
    if (this.session?.opts.workspaceRoot !== root) {
      void this.session?.close();
      this.session = new RemoteSession({ workspaceRoot: root, prompter: this.prompter, trainerSource: this.context.asAbsolutePath("python/syllabus_trainer") });
    }
    return this.session;
  }

  /** `syllabus.pythonPath` applies to the built-in local host when the config does not declare one. */
  private withSettings(config: ResolvedConfig): ResolvedConfig {
    const python = vscode.workspace.getConfiguration("syllabus").get<string>("pythonPath");
    if (!python || config.hosts[LOCAL_HOST.name]) return config;
    return { ...config, hosts: { ...config.hosts, [LOCAL_HOST.name]: { ...LOCAL_HOST, python } } };
  }

  isFollowing(experiment: string): boolean {
    return this.following.has(experiment);
  }

  /** Launches the missing (or, with rerun, all) runs and follows them to the end with progress in the status bar. */
  async run(config: ResolvedConfig, experiment: string, opts: { rerun?: boolean } = {}): Promise<ExperimentOutcome | undefined> {
    if (this.following.has(experiment)) {
      void vscode.window.showInformationMessage(`Syllabus: ${experiment} is already running; its runs are in the Experiments view.`);
      return undefined;
    }
    const session = this.sessionFor();
    const abort = new AbortController();
    this.following.set(experiment, abort);
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Syllabus: ${experiment}`, cancellable: true }, async (progress, token) => {
        token.onCancellationRequested(() => abort.abort()); // stops following; the runs keep running
        let reported = 0;
        const outcome = await runExperiment({
          session,
          config: this.withSettings(config),
          experiment,
          rerun: opts.rerun ?? false,
          wait: true,
          signal: abort.signal,
          onProgress: (p) => {
            const pct = Math.round(p.fraction * 100);
            const counts = new Map<string, number>();
            for (const s of Object.values(p.states)) counts.set(s, (counts.get(s) ?? 0) + 1);
            progress.report({ increment: pct - reported, message: p.message ?? [...counts].map(([s, n]) => `${n} ${s}`).join(", ") });
            reported = pct;
            this.runs.fireSoon();
          },
        });
        const launched = outcome.launched.filter((o) => o.action === "launched").length;
        output().info(`${experiment}: ${outcome.plan.runs.length} runs, ${launched} launched on ${outcome.host.name}, ${outcome.reused.length} reused`);
        const failed = outcome.final.filter((r) => r.state === "failed").length;
        if (!abort.signal.aborted) {
          // A failure is told with its last error line, so the user knows what broke without opening a log.
          const firstFailed = outcome.final.find((r) => r.state === "failed");
          const error = firstFailed ? this.runs.store()?.status(firstFailed.runId)?.error ?? firstFailed.message : undefined;
          const msg = `Syllabus: ${experiment} finished: ${outcome.plan.runs.length - failed} of ${outcome.plan.runs.length} runs succeeded` + (outcome.reused.length ? ` (${outcome.reused.length} reused)` : "") + (error ? `. Run ${firstFailed!.runId} failed: ${error}` : "");
          void (failed ? vscode.window.showWarningMessage(msg, "Show output").then((a) => a && output().show()) : vscode.window.showInformationMessage(msg, "Open Comparison").then((a) => a && vscode.commands.executeCommand("syllabus.openComparison")));
        }
        return outcome;
      });
    } finally {
      this.following.delete(experiment);
      this.runs.fireSoon();
    }
  }

  /**
   * Syncs the store's active runs with their hosts every `syllabus.runs.syncIntervalSeconds` while nothing follows
   * them (a cancelled progress notification, a window reload): a run that ends on its host has its result
   * imported without the user pressing ▶ Run again. Errors go to the output channel; a host that cannot be
   * reached leaves its runs as they are.
   */
  syncInBackground(hosts: () => Promise<HostModel[]>): vscode.Disposable {
    let busy = false;
    const tick = async () => {
      const store = this.runs.store();
      if (busy || this.following.size > 0 || !store || store.active().length === 0) return;
      busy = true;
      try {
        const python = vscode.workspace.getConfiguration("syllabus").get<string>("pythonPath");
        const byName: Record<string, HostModel> = { [LOCAL_HOST.name]: LOCAL_HOST };
        for (const h of await hosts()) byName[h.name] = h;
        // `syllabus.pythonPath` applies to the built-in local host, as when launching (withSettings)
        if (python && byName[LOCAL_HOST.name] === LOCAL_HOST) byName[LOCAL_HOST.name] = { ...LOCAL_HOST, python };
        await this.sessionFor().reconcile(byName);
        this.runs.fireSoon();
      } catch (err) {
        output().warn(`background sync: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        busy = false;
      }
    };
    const seconds = Math.max(2, vscode.workspace.getConfiguration("syllabus").get<number>("runs.syncIntervalSeconds", 10));
    const timer = setInterval(() => void tick(), seconds * 1000);
    void tick();
    return new vscode.Disposable(() => clearInterval(timer));
  }

  async cancel(config: ResolvedConfig, hostName: string, runId: string): Promise<string> {
    const r = await this.sessionFor().cancelRun(hostOf(this.withSettings(config), hostName), runId);
    this.runs.fireSoon();
    return r.message ?? r.state;
  }

  async doctor(host: HostModel): Promise<DoctorReport> {
    return this.sessionFor().doctor(host);
  }

  dispose(): void {
    for (const a of this.following.values()) a.abort();
    void this.session?.close();
  }
}
