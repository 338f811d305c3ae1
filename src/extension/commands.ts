/**
 * Every `syllabus.*` command. Handlers are thin: resolve the target (target.ts), then call the panel, the CLI
 * (cli.ts) or core. A backend that is not in this build yields a clear message, never a crash.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { writeReport } from "../core/report/index";
import type { LossEvent } from "../core/stats/types";
import { newExperimentTemplate } from "../language/template";
import type { PanelKind } from "../webview/messages";
import { isMissingCommand, runCli } from "./cli";
import type { ConfigIndex } from "./configs";
import type { ExperimentsTree } from "./experimentsTree";
import type { HostNode, HostsTree } from "./hostsTree";
import { output, reportError } from "./output";
import { categoriesPayload, comparisonPayload, curvesPayload, experimentResults, ordersPayload } from "./panelData";
import type { PanelSource, Panels } from "./panels";
import { experimentGrid } from "./runGrid";
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
}

/** The commands package.json declares; a test checks both lists agree. */
export const COMMAND_IDS = [
  "syllabus.newExperiment", "syllabus.runExperiment", "syllabus.runMissing", "syllabus.rerun", "syllabus.cancelRun",
  "syllabus.openLog", "syllabus.revealBundle", "syllabus.previewOrders", "syllabus.openComparison",
  "syllabus.openLearningCurves", "syllabus.openCategoryAccuracy", "syllabus.exportReport", "syllabus.doctorHost", "syllabus.refresh",
] as const;

function notInBuild(what: string, cliCommand: string): void {
  void vscode.window.showWarningMessage(`Syllabus: ${what} needs \`syllabus ${cliCommand}\`, which this build does not include yet.`);
}

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
    switch (kind) {
      case "comparison": return comparisonPayload(config, experiment, store());
      case "curves": return curvesPayload(config, experiment, store());
      case "orders": return ordersPayload(config, experiment);
      case "categories": return categoriesPayload(config, experiment, store());
    }
  };
  d.panels.registerSerializers((kind, experiment) => sourceFor(kind, experiment));

  const openPanel = (kind: PanelKind) => async (arg?: unknown) => {
    const t = await pickExperiment(d.configs, arg);
    if (!t || !(await validConfig(d.configs, t))) return undefined;
    return d.panels.show(kind, t.experiment, sourceFor(kind, t.experiment, t.uri));
  };

  const launch = async (t: ExperimentTarget, extra: string[], title: string) => {
    if (!(await validConfig(d.configs, t))) return undefined;
    const doc = vscode.workspace.textDocuments.find((x) => x.uri.toString() === t.uri.toString());
    if (doc?.isDirty) await doc.save();
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_p, token) => {
      const r = await runCli(d.context.extensionUri, ["run", t.uri.fsPath, "--experiment", t.experiment, ...extra], { cwd: workspaceRoot(), token });
      if (isMissingCommand(r)) notInBuild("launching runs", "run");
      else if (r.code !== 0) void vscode.window.showErrorMessage(`Syllabus: ${title} failed: ${(r.stderr.trim().split("\n").at(-1) ?? "").slice(0, 300)} (details in the Syllabus output)`, "Show output").then((a) => a && output().show());
      d.runs.fireSoon();
      return r.code;
    });
  };

  const handlers: Record<(typeof COMMAND_IDS)[number], (...args: unknown[]) => unknown> = {
    "syllabus.newExperiment": async () => {
      const doc = await vscode.workspace.openTextDocument({ language: "syllabus", content: newExperimentTemplate() });
      await vscode.window.showTextDocument(doc);
      return doc;
    },
    "syllabus.runExperiment": async (arg) => {
      const t = await pickExperiment(d.configs, arg);
      return t && launch(t, [], `Running ${t.experiment}`);
    },
    "syllabus.runMissing": async (arg) => {
      const t = await pickExperiment(d.configs, arg);
      return t && launch(t, ["--missing"], `Running the missing runs of ${t.experiment}`);
    },
    "syllabus.rerun": async (arg) => {
      const run = runOf(arg);
      const t = await pickExperiment(d.configs, arg);
      if (!run?.runId || !t) return void vscode.window.showInformationMessage("Syllabus: pick a launched run in the Experiments view to rerun it.");
      return launch(t, ["--run", run.runId, "--force"], `Rerunning ${run.strategy} seed ${run.seed}`);
    },
    "syllabus.cancelRun": async (arg) => {
      const run = runOf(arg);
      if (!run?.runId) return void vscode.window.showInformationMessage("Syllabus: pick an active run in the Experiments view to cancel it.");
      const r = await runCli(d.context.extensionUri, ["cancel", run.runId], { cwd: workspaceRoot() });
      if (isMissingCommand(r)) notInBuild("cancelling runs", "cancel");
      d.runs.fireSoon();
      return r.code;
    },
    "syllabus.openLog": async (arg) => {
      const run = runOf(arg);
      if (!run?.runId) return void vscode.window.showInformationMessage("Syllabus: pick a launched run in the Experiments view to open its log.");
      const file = join(store().dir(run.runId), "log.txt");
      if (!existsSync(file)) return void vscode.window.showInformationMessage(`Syllabus: no log of run ${run.runId} has been synced yet.`);
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
      const results = experimentResults(config, t.experiment, store());
      if (results.length === 0) return void vscode.window.showInformationMessage(`Syllabus: ${t.experiment} has no finished runs to report yet.`);
      const events: LossEvent[] = [];
      for (const run of experimentGrid(config.experiments[t.experiment]!, store())) {
        if (!run.runId) continue;
        for (const e of store().events(run.runId)) if (e.type === "progress") events.push({ experiment: t.experiment, model: run.model, strategy: run.strategy, seed: run.seed, step: e.step, loss: e.loss, runId: run.runId });
      }
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
      const file = (await d.configs.all()).find((e) => e.config?.hosts[host!])?.uri.fsPath;
      d.hosts.setHealth(host, { connection: "connecting" });
      const r = await runCli(d.context.extensionUri, ["doctor", host, ...(file ? ["--config", file] : [])], { cwd: workspaceRoot() });
      if (isMissingCommand(r)) {
        d.hosts.setHealth(host, { connection: "unknown" });
        return notInBuild("checking a host", "doctor");
      }
      // one check per line: "ok NAME: detail" / "fail NAME: detail"
      const checks = r.stdout.split("\n").flatMap((l) => {
        const m = /^(ok|fail)\s+([^:]+):\s*(.*)$/.exec(l.trim());
        return m ? [{ ok: m[1] === "ok", name: m[2]!, detail: m[3]! }] : [];
      });
      d.hosts.setHealth(host, { connection: r.code === 0 ? "connected" : "failed", message: r.stderr.trim().split("\n").at(-1), checks, checkedAt: new Date().toISOString() });
      return r.code;
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
