/** The Experiments/Hosts trees, CodeLens, panels and commands against the demo workspace and its run store. */
import * as assert from "node:assert/strict";
import { describe, it } from "mocha";
import * as vscode from "vscode";
import type { ExperimentNode } from "../../../src/extension/experimentsTree";
import type { ComparisonPayload, OrdersPayload } from "../../../src/webview/messages";
import { api, eventually, open, workspaceFile } from "./helpers";
import { DEMO_SIZES } from "../../../src/core/demo/workspace";

const STRATEGIES = ["random", "blocked", "interleaved", "curriculum", "blocked_curriculum", "interleaved_curriculum"];

describe("views and panels", () => {
  it("the Experiments tree lists each experiment → its six strategies → runs by seed", async () => {
    const a = await api();
    const roots = await eventually("experiments", async () => {
      const r = await a.experiments.getChildren();
      return r.some((n) => n.kind === "experiment" && n.name === "demo") ? r : undefined;
    });
    const demo = roots.find((n) => n.kind === "experiment" && n.name === "demo") as Extract<ExperimentNode, { kind: "experiment" }>;
    assert.equal(demo.errors, 0);
    const broken = roots.find((n) => n.kind === "experiment" && n.name === "broken") as Extract<ExperimentNode, { kind: "experiment" }>;
    assert.ok(broken && broken.errors > 0, "the experiment of the broken config is listed with its errors");
    assert.match(String(a.experiments.getTreeItem(broken).description), /1 error in config/);
    const strategies = await a.experiments.getChildren(demo);
    assert.deepEqual(strategies.map((s) => (s.kind === "strategy" ? s.strategy : "?")), STRATEGIES);
    const runs = await a.experiments.getChildren(strategies[0]);
    // state first (what a narrow sidebar must not cut off), seed and model after it
    assert.deepEqual(runs.map((r) => a.experiments.getTreeItem(r).label), ["not run", "not run"]);
    assert.deepEqual(runs.map((r) => a.experiments.getTreeItem(r).description), ["seed 1 · smollm2", "seed 2 · smollm2"]);
    const item = a.experiments.getTreeItem(runs[0]!);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.match(String(item.contextValue), /^run-/);
    await vscode.commands.executeCommand("syllabus.experiments.focus");
  });

  it("the Hosts tree lists the built-in local host", async () => {
    const a = await api();
    const hosts = await a.hosts.getChildren();
    assert.ok(hosts.some((h) => h.kind === "host" && h.host.name === "local"));
  });

  it("Check Host runs the doctor on local and shows its checks under the host", async () => {
    const a = await api();
    const local = (await a.hosts.getChildren()).find((h) => h.kind === "host" && h.host.name === "local")!;
    const report = await vscode.commands.executeCommand<{ reachable: boolean; python?: string }>("syllabus.doctorHost", local);
    assert.equal(report.reachable, true);
    assert.match(String(report.python), /^3\./);
    const checks = await a.hosts.getChildren(local);
    const names = checks.map((c) => (c.kind === "check" ? c.check.name : "?"));
    for (const n of ["reachable", "python", "torch"]) assert.ok(names.includes(n), names.join(", "));
    // the repository's .venv has the trainer's packages: the host says its trainer is ready, not just "connected"
    assert.match(String(a.hosts.getTreeItem(local).description), /trainer ready/);
  });

  it("CodeLens offers ▶ Run on local and Preview orders above the experiment", async () => {
    await api();
    const doc = await open("demo.syllabus");
    const lenses = await eventually("code lenses", async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", doc.uri);
      return l.length > 0 ? l : undefined;
    });
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(titles.includes("▶ Run on local"), titles.join(", "));
    assert.ok(titles.includes("Preview orders"));
    assert.equal(lenses.find((l) => l.command?.title === "▶ Run on local")!.range.start.line, doc.positionAt(doc.getText().indexOf("experiment demo")).line);
  });

  it("Preview orders opens the order panel with every strategy × seed order, before any run", async () => {
    const a = await api();
    await vscode.commands.executeCommand("syllabus.previewOrders", { uri: workspaceFile("demo.syllabus"), experiment: "demo" });
    const p = a.panels.find("orders", "demo");
    assert.ok(p, "the order panel is open");
    const data = p.sent.find((m) => m.type === "data");
    assert.ok(data && data.type === "data");
    const payload = data.payload as OrdersPayload;
    assert.equal(payload.orders.length, 12);
    assert.ok(payload.orders.every((o) => o.difficulty.length === DEMO_SIZES.train));
    // the demo's own thresholds; a curriculum order never goes from hard back to easy buckets
    assert.deepEqual(payload.thresholds, { easy: 0.25, medium: 0.75 });
    const curriculum = payload.orders.find((o) => o.strategy === "curriculum")!;
    const bucket = (d: number | null) => (d === null ? -1 : d <= 0.25 ? 0 : d <= 0.75 ? 1 : 2);
    assert.ok(curriculum.difficulty.every((d, i) => i === 0 || bucket(d) >= bucket(curriculum.difficulty[i - 1]!)));
  });

  it("the comparison panel opens, with a webview, and sends the data of finished runs", async () => {
    const a = await api();
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>("syllabus.openComparison", { uri: workspaceFile("demo.syllabus"), experiment: "demo" });
    assert.ok(panel, "the command returns the panel");
    assert.equal(panel.viewType, "syllabus.comparison");
    assert.match(panel.webview.html, /Content-Security-Policy/);
    assert.match(panel.webview.html, /script-src 'nonce-[A-Za-z0-9]{32}'/);
    // panels share one editor group beside the editor, wider than it (charts need the room)
    const layout = await vscode.commands.executeCommand<{ groups: { size: number }[] }>("vscode.getEditorLayout");
    assert.equal(layout.groups.length, 2, JSON.stringify(layout));
    assert.ok(layout.groups[1]!.size > layout.groups[0]!.size, `the panels' group is the wider one: ${JSON.stringify(layout)}`);
    const orders = a.panels.find("orders", "demo");
    if (orders) assert.equal(orders.panel.viewColumn, panel.viewColumn, "the order preview and the comparison share a group");
    const p = a.panels.find("comparison", "demo")!;
    const data = p.sent.find((m) => m.type === "data");
    assert.ok(data && data.type === "data");
    const payload = data.payload as ComparisonPayload;
    assert.equal(payload.experiment, "demo");
    assert.equal(payload.baseline, "random");
  });

  it("New Experiment writes a config that checks clean in the folder, with the shipped data it reads", async () => {
    const a = await api();
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>("syllabus.newExperiment");
    assert.equal(doc.languageId, "syllabus");
    assert.equal(doc.uri.scheme, "file");
    assert.match(doc.getText(), /experiment \w+ \{/);
    const entry = await eventually("the new config analysed", async () => (await a.configs.all()).find((e) => e.uri.toString() === doc.uri.toString()));
    assert.equal(entry.errors, 0, "runs as written: every data file it names is there");
    assert.ok(entry.config && Object.values(entry.config.experiments).every((e) => e.host === "local"));
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });

  it("commands without a target say so instead of failing", async () => {
    await api();
    const r = await vscode.commands.executeCommand("syllabus.cancelRun");
    assert.equal(r, undefined);
  });
});
