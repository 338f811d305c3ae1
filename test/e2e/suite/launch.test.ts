/**
 * Launching from the editor, for real (the trainer trains a tiny model on this machine): `syllabus.pythonPath`
 * is the Python the launched command runs, and the pre-flight refuses to launch anything when that Python
 * cannot import the trainer's packages.
 */
import * as assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "mocha";
import * as vscode from "vscode";
import { planExperiment } from "../../../src/core/runs/plan";
import { RunStore } from "../../../src/core/runs/store";
import { api, eventually, EXTENSION_ID, workspaceFile } from "./helpers";

const CONFIG = (seed: number) => `dataset arithmetic {
  format     = csv
  train      = "data/train.csv"
  test       = "data/test.csv"
  columns    { id = "id"  question = "question"  answer = "answer" }
  category   = column("category")
  difficulty = column("difficulty")
  limit      = 12
}

model tiny {
  preset = tiny-random-llama
}

experiment launch_${seed} {
  train_on   = arithmetic
  evaluate   = [arithmetic]
  models     = [tiny]
  strategies = [random]
  seeds      = [${seed}]
  host       = local
}
`;

const settings = () => vscode.workspace.getConfiguration("syllabus");

/** A "python" that logs its arguments, then runs `target` (with extra flags) on them. */
function wrapper(dir: string, name: string, target: string, flags = ""): { python: string; calls: string } {
  const python = join(dir, name);
  const calls = join(dir, `${name}.calls`);
  writeFileSync(python, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${calls}'\nexec '${target}' ${flags} "$@"\n`);
  chmodSync(python, 0o755);
  return { python, calls };
}

async function launchConfig(seed: number) {
  const a = await api();
  const file = workspaceFile(`launch-${seed}.syllabus`);
  writeFileSync(file.fsPath, CONFIG(seed));
  const entry = await eventually("the launch config analysed", async () => (await a.configs.all()).find((e) => e.uri.toString() === file.toString() && e.config));
  return { a, file, config: entry.config! };
}

describe("launching", function () {
  this.timeout(5 * 60 * 1000);
  const dir = mkdtempSync(join(tmpdir(), "syllabus-python-"));
  after(() => settings().update("pythonPath", undefined, vscode.ConfigurationTarget.Global));

  it("launches nothing when the pre-flight finds the trainer cannot import its packages", async () => {
    // python3 without site-packages: it runs, but cannot import torch
    const { python, calls } = wrapper(dir, "no-torch-python", "/usr/bin/python3", "-S");
    await settings().update("pythonPath", python, vscode.ConfigurationTarget.Global);
    const { a, file, config } = await launchConfig(801);
    const outcome = await vscode.commands.executeCommand("syllabus.runExperiment", { uri: file, experiment: "launch_801" });
    assert.equal(outcome, undefined, "nothing was launched");
    const plan = await planExperiment(config, "launch_801");
    const runs = new RunStore(vscode.workspace.workspaceFolders![0]!.uri.fsPath);
    for (const r of plan.runs) assert.equal(runs.get(r.runId), undefined, `run ${r.runId} must not be in the store`);
    const lines = readFileSync(calls, "utf8");
    assert.match(lines, /^-c /m, "the pre-flight asked the configured python");
    assert.doesNotMatch(lines, /syllabus_trainer train/, "no trainer was started");
    const local = (await a.hosts.getChildren()).find((h) => h.kind === "host" && h.host.name === "local")!;
    assert.match(String(a.hosts.getTreeItem(local).description), /trainer not ready/);
  });

  it("runs the trainer with syllabus.pythonPath", async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const venv = join(ext.extensionPath, ".venv", "bin", "python");
    assert.ok(existsSync(venv), `the extension-host tests train with the repository's venv (${venv}): npm run setup:python`);
    const { python, calls } = wrapper(dir, "logging-python", venv);
    await settings().update("pythonPath", python, vscode.ConfigurationTarget.Global);
    const { file } = await launchConfig(802);
    const outcome = await vscode.commands.executeCommand<{ runs: number; launched: number; final: string[] }>("syllabus.runExperiment", { uri: file, experiment: "launch_802" });
    assert.ok(outcome, "launched");
    assert.equal(outcome.launched, 1);
    const lines = readFileSync(calls, "utf8");
    assert.match(lines, /^-m syllabus_trainer train \/\S+/m, `the launched command ran ${python}:\n${lines}`);
  });

  it("Stop Following leaves the run going, and the background sync brings it to the tree", async () => {
    await vscode.workspace.getConfiguration("syllabus").update("runs.syncIntervalSeconds", 2, vscode.ConfigurationTarget.Global);
    const { a, file, config } = await launchConfig(803);
    const [run] = (await planExperiment(config, "launch_803")).runs;
    const store = new RunStore(vscode.workspace.workspaceFolders![0]!.uri.fsPath);
    const launched = vscode.commands.executeCommand("syllabus.runExperiment", { uri: file, experiment: "launch_803" });
    await eventually("the run launched", () => (store.get(run!.runId) ? true : undefined), 120000);
    assert.ok(a.runner.stopFollowing("launch_803"));
    await launched;
    assert.equal(a.runner.isFollowing("launch_803"), false);
    // nobody follows it now: only the background sync can copy its end into the workspace's store
    const state = await eventually("the run synced to its end", () => (["succeeded", "failed"].includes(store.state(run!.runId) ?? "") ? store.state(run!.runId) : undefined), 240000);
    assert.equal(state, "succeeded");
    await vscode.workspace.getConfiguration("syllabus").update("runs.syncIntervalSeconds", undefined, vscode.ConfigurationTarget.Global);
  });

  it("Cancel cancels the experiment's active runs", async () => {
    // A tiny run can end before the cancel arrives: this python holds the trainer back for a minute first
    // (the pre-flight's import check goes straight through).
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const venv = join(ext.extensionPath, ".venv", "bin", "python");
    const slow = join(dir, "slow-python");
    writeFileSync(slow, `#!/bin/sh\ncase "$*" in *"syllabus_trainer train"*) sleep 60;; esac\nexec '${venv}' "$@"\n`);
    chmodSync(slow, 0o755);
    await settings().update("pythonPath", slow, vscode.ConfigurationTarget.Global);
    const { a, file, config } = await launchConfig(804);
    const [run] = (await planExperiment(config, "launch_804")).runs;
    const store = new RunStore(vscode.workspace.workspaceFolders![0]!.uri.fsPath);
    const launched = vscode.commands.executeCommand("syllabus.runExperiment", { uri: file, experiment: "launch_804" });
    await eventually("the run launched", () => (store.get(run!.runId) ? true : undefined), 120000);
    // what "Cancel Runs" in the confirmation does
    assert.equal(await a.runner.cancelRuns(config, [run!.runId]), 1);
    await launched; // the follower ends with the grid
    assert.equal(store.state(run!.runId), "cancelled");
  });
});
