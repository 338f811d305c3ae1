/**
 * Every `syllabus.*` command. Handlers are thin: resolve the target (target.ts), then call the panel, the CLI
 * (cli.ts) or core. A backend that is not in this build yields a clear message, never a crash.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { DEMO_CONFIG, writeDemoWorkspace } from "../core/demo/workspace";
import { writeStarterExperiment } from "../language/starter";
import { LOCAL_HOST } from "../core/experiment/model";
import { writeReport } from "../core/report/index";
import { SETUP_SIZE_NOTE } from "../remote/pipArgs";
import { writeStudyReport } from "../core/report/study";
import { newExperimentTemplate } from "../language/template";
import type { PanelKind } from "../webview/messages";
import type { ConfigIndex } from "./configs";
import type { ExperimentsTree } from "./experimentsTree";
import { doctorChecks } from "../core/hosts/doctor";
import type { HostNode, HostsTree } from "./hostsTree";
import { output, reportError } from "./output";
import type { PanelSource, Panels } from "./panels";
import { experimentRuns, plans } from "../core/runs/experimentRuns";
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
  "syllabus.newExperiment", "syllabus.runExperiment", "syllabus.rerun", "syllabus.cancelRun", "syllabus.cancelExperiment",
  "syllabus.openLog", "syllabus.revealBundle", "syllabus.previewOrders", "syllabus.openComparison",
  "syllabus.openLearningCurves", "syllabus.openCategoryAccuracy", "syllabus.exportReport", "syllabus.doctorHost", "syllabus.refresh",
  "syllabus.setupLocalTrainer", "syllabus.openDemo",
  "syllabus.studyReport",
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
      // In a folder: a file that runs as written, with the shipped data it reads copied beside it.
      const root = workspaceRoot();
      const doc = root
        ? await vscode.workspace.openTextDocument(writeStarterExperiment(root, d.context.asAbsolutePath("data")))
        : await vscode.workspace.openTextDocument({ language: "syllabus", content: newExperimentTemplate() });
      await vscode.window.showTextDocument(doc);
      return doc;
    },
    "syllabus.openDemo": async () => {
      let root = workspaceRoot();
      if (!root) {
        const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: "Create Demo Here", title: "Folder for the Syllabus demo" });
        if (!picked?.[0]) return undefined;
        writeDemoWorkspace(picked[0].fsPath); // the same writer as `syllabus demo` and `npm run demo`
        await vscode.commands.executeCommand("vscode.openFolder", picked[0]);
        return join(picked[0].fsPath, DEMO_CONFIG);
      }
      // an empty folder (or one that already holds the demo) gets it at its root, any other a subfolder
      const empty = readdirSync(root).every((n) => n.startsWith("."));
      const dir = empty || existsSync(join(root, DEMO_CONFIG)) ? root : join(root, "syllabus-demo");
      const file = writeDemoWorkspace(dir);
      await vscode.window.showTextDocument(vscode.Uri.file(file));
      void vscode.window.showInformationMessage(`Syllabus: demo written to ${vscode.workspace.asRelativePath(file)}. Run it with ▶ Run on local above the experiment; the trainer needs torch (Set Up Local Trainer).`, "Set Up Local Trainer").then((a) => a && vscode.commands.executeCommand("syllabus.setupLocalTrainer"));
      return file;
    },
    "syllabus.setupLocalTrainer": async () => {
      const go = await vscode.window.showInformationMessage("Set up the local trainer?", { modal: true, detail: `Creates a Python venv for the trainer in VS Code's storage for this extension and points syllabus.pythonPath at it. ${SETUP_SIZE_NOTE}` }, "Set Up");
      if (go !== "Set Up") return undefined;
      output().info("setting up the local trainer…");
      const python = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Syllabus: setting up the local trainer" }, async (progress) => {
        // pip is quiet (its output goes to the Syllabus output channel): the message says what and for how long
        const t0 = Date.now();
        const tell = () => progress.report({ message: `installing torch, transformers, peft into a new venv (${Math.round((Date.now() - t0) / 1000)} s; several minutes)…` });
        tell();
        const timer = setInterval(tell, 5000);
        try {
          return await d.runner.setupLocalTrainer((text) => output().info(text.trimEnd()));
        } finally {
          clearInterval(timer);
        }
      });
      output().info(`local trainer ready: ${python}`);
      if (workspaceRoot()) await d.runner.checkHost(LOCAL_HOST);
      void vscode.window.showInformationMessage(`Syllabus: the local trainer is ready (${python}); syllabus.pythonPath points at it.`);
      return python;
    },
    "syllabus.runExperiment": async (arg) => {
      const t = await pickExperiment(d.configs, arg);
      return t && launch(t, false);
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
    "syllabus.cancelExperiment": async (arg) => {
      // from the status bar ({experiment}) or a tree node / palette
      const named = (arg as { experiment?: unknown } | undefined)?.experiment;
      const found = typeof named === "string" && !(arg as { uri?: unknown }).uri ? await d.configs.experiment(named) : undefined;
      const t = found ? { uri: found.entry.uri, experiment: named as string } : await pickExperiment(d.configs, arg);
      const config = t && (await validConfig(d.configs, t));
      if (!t || !config) return undefined;
      const active = experimentRuns(await plans.get(config, t.experiment), store()).filter((r) => ["queued", "preparing", "training", "evaluating", "unreachable"].includes(r.state));
      const following = d.runner.isFollowing(t.experiment);
      if (active.length === 0 && !following) return void vscode.window.showInformationMessage(`Syllabus: ${t.experiment} has no active runs.`);
      const choice = await vscode.window.showWarningMessage(
        `Cancel the ${active.length} active run${active.length === 1 ? "" : "s"} of ${t.experiment}?`,
        { modal: true, detail: "Their training stops and they are marked cancelled; finished results are kept." + (following ? " Stop Following leaves them running (the views keep syncing)." : "") },
        "Cancel Runs", ...(following ? ["Stop Following"] : []),
      );
      if (choice === "Stop Following") return void d.runner.stopFollowing(t.experiment);
      if (choice !== "Cancel Runs") return undefined;
      const n = await d.runner.cancelRuns(config, active.map((r) => r.runId));
      void vscode.window.showInformationMessage(`Syllabus: cancelled ${n} run${n === 1 ? "" : "s"} of ${t.experiment}.`);
      return n;
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
      void vscode.window.showInformationMessage(`Syllabus: report written to ${vscode.workspace.asRelativePath(html)}`, "Open Report", "Reveal").then((a) => {
        if (a === "Open Report") void vscode.env.openExternal(html);
        else if (a === "Reveal") void vscode.commands.executeCommand("revealInExplorer", html);
      });
      return html;
    },
    "syllabus.studyReport": async (arg) => {
      const a = arg as { uri?: vscode.Uri; study?: string } | undefined;
      const root = workspaceRoot();
      if (!a?.uri || !a.study || !root) return void vscode.window.showInformationMessage("Syllabus: use the “Study report” lens above a `study` block.");
      const entry = (await d.configs.all()).find((e) => e.uri.toString() === a.uri!.toString());
      if (!entry?.config) return void vscode.window.showErrorMessage(`Syllabus: ${vscode.workspace.asRelativePath(a.uri)} has errors; fix them (see Problems) first.`);
      const outDir = join(root, "reports", a.study);
      const png = vscode.workspace.getConfiguration("syllabus").get<boolean>("report.renderPng", false);
      const report = await writeStudyReport(entry.config, a.study, outDir, { png, source: a.uri.fsPath });
      for (const line of [...report.notes, ...report.lines]) output().info(line);
      const main = vscode.Uri.file(report.main);
      void vscode.window.showInformationMessage(`Syllabus: ${a.study} written to ${vscode.workspace.asRelativePath(main)}`, "Reveal").then((x) => x && vscode.commands.executeCommand("revealInExplorer", main));
      return main;
    },
    "syllabus.doctorHost": async (arg) => {
      const node = arg as HostNode | undefined;
      let host = node?.kind === "host" ? node.host.name : undefined;
      if (!host) host = (await vscode.window.showQuickPick((await d.configs.hosts()).map((h) => h.name), { title: "Check which host?" })) ?? undefined;
      if (!host) return undefined;
      const model = (await d.configs.hosts()).find((h) => h.name === host)!;
      d.hosts.setHealth(host, { connection: "connecting" });
      return (await d.runner.checkHost(model)).report; // the runner tells the Hosts view
    },
    "syllabus.refresh": async () => {
      // Refresh syncs: active runs nobody follows are asked for their state first
      if (workspaceRoot()) await d.runner.syncActive(Object.fromEntries((await d.configs.hosts()).map((h) => [h.name, h]))).catch((err: unknown) => output().warn(`refresh: ${err instanceof Error ? err.message : String(err)}`));
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
