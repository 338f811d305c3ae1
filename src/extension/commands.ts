/**
 * Every `syllabus.*` command. Handlers are thin: resolve the target (target.ts), then call the panel, the CLI
 * (cli.ts) or core. A backend that is not in this build yields a clear message, never a crash.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { writeReport } from "../core/report/index";
import { newExperimentTemplate } from "../language/template";
import type { PanelKind } from "../webview/messages";
import type { ConfigIndex } from "./configs";
import type { ExperimentsTree } from "./experimentsTree";
import { doctorChecks } from "../core/hosts/doctor";
import type { HostNode, HostsTree } from "./hostsTree";
import { output, reportError } from "./output";
import type { PanelSource, Panels } from "./panels";
import { plans } from "../core/runs/experimentRuns";
import { planResults } from "../core/runs/results";
import { categoriesPayload, comparisonPayload, curvesPayload, ordersPayload } from "../core/views/panelData";
import type { Runner } from "./runner";
import type { RunsWatcher } from "./runsWatcher";
import { workspaceRoot } from "./runsWatcher";
import { pickExperiment, runOf, validConfig, type ExperimentTarget } from "./target";

export interface CommandDeps {
  context: vscode.ExtensionContext;
  configs: ConfigIndex;
  runs: RunsWatcher;
  experiments: ExperimentsTree;
  hosts: HostsTree;
  panels: Panels;
  runner: Runner;
}

/** The commands package.json declares; a test checks both lists agree. */
export const COMMAND_IDS = [
  "syllabus.newExperiment", "syllabus.runExperiment", "syllabus.runMissing", "syllabus.rerun", "syllabus.cancelRun",
  "syllabus.openLog", "syllabus.revealBundle", "syllabus.previewOrders", "syllabus.openComparison",
  "syllabus.openLearningCurves", "syllabus.openCategoryAccuracy", "syllabus.exportReport", "syllabus.doctorHost", "syllabus.refresh",
] as const;

export function registerCommands(d: CommandDeps): vscode.Disposable[] {
  const store = () => {
    const s = d.runs.store();
    if (!s) throw new Error("open a folder first: runs are recorded in the workspace (.syllabus/runs)");
    return s;
  };

  /** Data source of a panel (also used to restore panels after a reload). */
  const sourceFor = (kind: PanelKind, experiment: string, uri?: vscode.Uri): PanelSource => async () => {
    const found = await d.configs.experiment(experiment, uri);
    const config = found?.entry.config;
    if (!config) throw new Error(`experiment '${experiment}' is not in a config without errors`);
    if (kind === "orders") return ordersPayload(config, experiment);
    const plan = await plans.get(config, experiment);
    switch (kind) {
      case "comparison": return comparisonPayload(plan, store());
      case "curves": return curvesPayload(plan, store());
      case "categories": return categoriesPayload(plan, store());
    }
  };
  d.panels.registerSerializers((kind, experiment) => sourceFor(kind, experiment));

  const openPanel = (kind: PanelKind) => async (arg?: unknown) => {
    const t = await pickExperiment(d.configs, arg);
    if (!t || !(await validConfig(d.configs, t))) return undefined;
    return d.panels.show(kind, t.experiment, sourceFor(kind, t.experiment, t.uri));
  };

  const launch = async (t: ExperimentTarget, rerun: boolean) => {
    const config = await validConfig(d.configs, t);
    if (!config) return undefined;
    const doc = vscode.workspace.textDocuments.find((x) => x.uri.toString() === t.uri.toString());
    if (doc?.isDirty) await doc.save();
    if (rerun) {
      const exp = config.experiments[t.experiment]!;
      const n = exp.strategies.length * exp.models.length * exp.seeds.length;
      const ok = await vscode.window.showWarningMessage(`Train all ${n} runs of ${t.experiment} again, including those with results?`, { modal: true }, "Rerun all");
      if (ok !== "Rerun all") return undefined;
    }
    void vscode.commands.executeCommand("syllabus.experiments.focus");
    const outcome = await d.runner.run(config, t.experiment, { rerun });
    return outcome && { runs: outcome.plan.runs.length, launched: outcome.launched.length, reused: outcome.reused.length, final: outcome.final.map((r) => r.state) };
  };

  const handlers: Record<(typeof COMMAND_IDS)[number], (...args: unknown[]) => unknown> = {
    "syllabus.newExperiment": async () => {
      const doc = await vscode.workspace.openTextDocument({ language: "syllabus", content: newExperimentTemplate() });
      await vscode.window.showTextDocument(doc);
      return doc;
    },
    "syllabus.runExperiment": async (arg) => {
      const t = await pickExperiment(d.configs, arg);
      return t && launch(t, false);
    },
    "syllabus.runMissing": async (arg) => {
      const t = await pickExperiment(d.configs, arg);
      return t && launch(t, false); // only runs without a result are ever launched
    },
    "syllabus.rerun": async (arg) => { // the whole experiment: the remote layer reruns per experiment, not per run
      const t = await pickExperiment(d.configs, arg);
      return t && launch(t, true);
    },
    "syllabus.cancelRun": async (arg) => {
      const run = runOf(arg);
      if (!run?.runId || !run.host) return void vscode.window.showInformationMessage("Syllabus: pick an active run in the Experiments view to cancel it.");
      const t = await pickExperiment(d.configs, arg);
      if (!t) return undefined;
      const config = await validConfig(d.configs, t);
      if (!config) return undefined;
      const state = await d.runner.cancel(config, run.host, run.runId);
      void vscode.window.showInformationMessage(`Syllabus: run ${run.strategy} seed ${run.seed}: ${state}`);
      return state;
    },
    "syllabus.openLog": async (arg) => {
      const run = runOf(arg);
      if (!run?.runId) return void vscode.window.showInformationMessage("Syllabus: pick a launched run in the Experiments view to open its log.");
      // local runs write their log in place; the store keeps a copy of remote ones once synced
      const record = store().get(run.runId);
      const file = [record && record.launcher === "local" ? join(record.remoteDir, "log.txt") : undefined, join(store().dir(run.runId), "log.txt")].find((f) => f && existsSync(f));
      if (!file) return void vscode.window.showInformationMessage(`Syllabus: the log of run ${run.runId} is on ${run.host ?? "its host"} and not synced yet (\`syllabus logs\` follows it).`);
      return vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
    },
    "syllabus.revealBundle": async (arg) => {
      const run = runOf(arg);
      if (!run?.runId) return void vscode.window.showInformationMessage("Syllabus: pick a launched run in the Experiments view.");
      return vscode.commands.executeCommand("revealInExplorer", vscode.Uri.file(store().dir(run.runId)));
    },
    "syllabus.previewOrders": openPanel("orders"),
    "syllabus.openComparison": openPanel("comparison"),
    "syllabus.openLearningCurves": openPanel("curves"),
    "syllabus.openCategoryAccuracy": openPanel("categories"),
    "syllabus.exportReport": async (arg) => {
      const t = await pickExperiment(d.configs, arg);
      const config = t && (await validConfig(d.configs, t));
      const root = workspaceRoot();
      if (!t || !config || !root) return undefined;
      const { results, events } = planResults(await plans.get(config, t.experiment), store());
      if (results.length === 0) return void vscode.window.showInformationMessage(`Syllabus: ${t.experiment} has no finished runs to report yet.`);
      const outDir = join(root, "reports", t.experiment);
      const png = vscode.workspace.getConfiguration("syllabus").get<boolean>("report.renderPng", false);
      const out = await writeReport({ results, events, title: `Syllabus report: ${t.experiment}`, baseline: config.experiments[t.experiment]!.baseline }, outDir, { png, source: t.uri.fsPath });
      output().info(`report written: ${out.files.join(", ")}`);
      const html = vscode.Uri.file(join(outDir, "report.html"));
      void vscode.window.showInformationMessage(`Syllabus: report written to ${vscode.workspace.asRelativePath(html)}`, "Reveal").then((a) => a && vscode.commands.executeCommand("revealInExplorer", html));
      return html;
    },
    "syllabus.doctorHost": async (arg) => {
      const node = arg as HostNode | undefined;
      let host = node?.kind === "host" ? node.host.name : undefined;
      if (!host) host = (await vscode.window.showQuickPick((await d.configs.hosts()).map((h) => h.name), { title: "Check which host?" })) ?? undefined;
      if (!host) return undefined;
      const model = (await d.configs.hosts()).find((h) => h.name === host)!;
      d.hosts.setHealth(host, { connection: "connecting" });
      const report = await d.runner.doctor(model);
      const checks = doctorChecks(report);
      d.hosts.setHealth(host, { connection: report.reachable ? "connected" : "failed", message: report.error, checks, checkedAt: new Date().toISOString() });
      return report;
    },
    "syllabus.refresh": async () => {
      d.experiments.refresh();
      d.hosts.refresh();
      await d.panels.refreshAll();
    },
  };

  return COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handlers[id](...args);
    } catch (err) {
      reportError(id.replace("syllabus.", ""), err);
      return undefined;
    }
  }));
}
