/**
 * Extension entry (dist/extension.js). Activation is lazy (a .syllabus file, the Syllabus views or a command)
 * and cheap: it wires providers and commands, and defers every file read to the first view or command that
 * needs it; the language server starts in the background. The time activate() takes is logged (goal < 50 ms).
 */
import * as vscode from "vscode";
import { doctorChecks } from "../core/hosts/doctor";
import { registerCommands } from "./commands";
import { ConfigIndex } from "./configs";
import { ExperimentLenses } from "./codeLens";
import { InlineResults } from "./inlineResults";
import { ExperimentsTree } from "./experimentsTree";
import { HostsTree } from "./hostsTree";
import { startLanguageClient } from "./languageClient";
import { output } from "./output";
import { Panels } from "./panels";
import { VsCodePrompter } from "./prompter";
import { Runner } from "./runner";
import { RunsWatcher, workspaceRoot } from "./runsWatcher";
import { Secrets } from "./secrets";
import { ActiveRunsStatus } from "./statusBar";

/** What activate() returns: for other extensions and for the extension-host tests. */
export interface SyllabusApi {
  activationMs: number;
  /** Where activation time went, "phase ms" each. */
  activationPhases: string[];
  configs: ConfigIndex;
  experiments: ExperimentsTree;
  hosts: HostsTree;
  panels: Panels;
  status: ActiveRunsStatus;
  prompter: VsCodePrompter;
  runner: Runner;
  /** Resolves once the language client has started (rejects if it could not). */
  languageClient: Promise<unknown>;
}

export function activate(context: vscode.ExtensionContext): SyllabusApi {
  const t0 = performance.now();
  const phases: string[] = [];
  let last = t0;
  const mark = (name: string) => { const now = performance.now(); phases.push(`${name} ${(now - last).toFixed(1)}`); last = now; };
  const configs = new ConfigIndex();
  const runs = new RunsWatcher();
  mark("index");
  const experiments = new ExperimentsTree(configs, runs);
  const hosts = new HostsTree(configs);
  const panels = new Panels(context);
  const status = new ActiveRunsStatus(runs);
  const prompter = new VsCodePrompter(new Secrets(context.secrets));
  const runner = new Runner(context, prompter, runs);
  runner.onHostChecked = (name, { report, readiness }) => hosts.setHealth(name, { connection: report.reachable ? "connected" : "failed", message: report.error, checks: doctorChecks(report), checkedAt: new Date().toISOString(), trainer: readiness });
  hosts.autoCheck = (h) => {
    if (!workspaceRoot()) return hosts.setHealth(h.name, { connection: "unknown", message: "Open a folder: the trainer is checked in a workspace." });
    void runner.checkHost(h).catch((err: unknown) => hosts.setHealth(h.name, { connection: "failed", message: err instanceof Error ? err.message : String(err) }));
  };
  mark("views");
  context.subscriptions.push(
    configs, runs, experiments, hosts, panels, status, runner,
    // Open panels follow the runs (learning curves grow live while runs train).
    runs.onDidChange(() => void panels.refreshAll(true)),
    vscode.window.registerTreeDataProvider("syllabus.experiments", experiments),
    vscode.window.registerTreeDataProvider("syllabus.hosts", hosts),
  );
  mark("trees");
  const inline = new InlineResults(configs, runs);
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider({ language: "syllabus" }, new ExperimentLenses(configs, runs)),
    inline,
    vscode.languages.registerInlayHintsProvider({ language: "syllabus" }, inline),
    vscode.languages.registerHoverProvider({ language: "syllabus" }, inline),
  );
  mark("codeLens");
  context.subscriptions.push(...registerCommands({ context, configs, runs, experiments, hosts, panels, runner }));
  mark("commands");
  // Creating file watchers and spawning the language server are the slow parts of starting: they run right
  // after activate() returns, so activation (which VS Code measures and waits on) stays short.
  const languageClient = new Promise<unknown>((resolve, reject) => setTimeout(() => {
    configs.watch();
    runs.watch();
    status.update();
    // the views' welcome text waits for this key, so "no experiments" never flashes while the index loads
    void configs.ready().finally(() => vscode.commands.executeCommand("setContext", "syllabus.experimentsLoaded", true));
    runner.startBackgroundSync(async () => Object.fromEntries((await configs.hosts()).map((h) => [h.name, h])));
    startLanguageClient(context).then(resolve, reject);
  }, 0));
  languageClient.catch((err: unknown) => output().error(`the Syllabus language server did not start: ${err instanceof Error ? err.message : String(err)}`));
  const activationMs = performance.now() - t0;
  output().info(`Syllabus activated in ${activationMs.toFixed(1)} ms (${phases.join(", ")} ms)`);
  return { activationMs, activationPhases: phases, configs, experiments, hosts, panels, status, prompter, runner, languageClient };
}

export function deactivate(): void {
  // everything is in context.subscriptions; the language client stops with them
}
