/**
 * Which experiment or run a command acts on: the tree node it was invoked on, a CodeLens argument, or — from the
 * command palette — the experiment under the cursor / the only one / a quick pick.
 */
import * as vscode from "vscode";
import type { ResolvedConfig } from "../core/experiment/model";
import type { ConfigIndex } from "./configs";
import type { ExperimentNode } from "./experimentsTree";
import type { ExperimentRun } from "../core/runs/experimentRuns";

export interface ExperimentTarget {
  uri: vscode.Uri;
  experiment: string;
}

function asTarget(arg: unknown): ExperimentTarget | undefined {
  if (typeof arg !== "object" || arg === null) return undefined;
  const a = arg as Partial<ExperimentNode> & { experiment?: unknown; uri?: unknown };
  if (a.kind === "experiment" && "name" in a) return { uri: a.uri as vscode.Uri, experiment: a.name as string };
  if (a.kind === "run" && "run" in a) return { uri: a.uri as vscode.Uri, experiment: (a.run as ExperimentRun).experiment };
  if (a.uri instanceof vscode.Uri && typeof a.experiment === "string") return { uri: a.uri, experiment: a.experiment };
  return undefined;
}

export async function pickExperiment(configs: ConfigIndex, arg: unknown): Promise<ExperimentTarget | undefined> {
  const direct = asTarget(arg);
  if (direct) return direct;
  const all = (await configs.all()).flatMap((e) => e.experiments.map((x) => ({ uri: e.uri, experiment: x.name, offset: x.offset })));
  // the active editor, else a visible one: the user may be looking at a panel beside the config
  const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find((e) => e?.document.languageId === "syllabus");
  if (editor) {
    const here = all.filter((x) => x.uri.toString() === editor.document.uri.toString());
    const cursor = editor.document.offsetAt(editor.selection.active);
    const above = here.filter((x) => x.offset <= cursor).at(-1) ?? here[0];
    if (above) return above;
  }
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    void vscode.window.showInformationMessage("Syllabus: no experiment found. Create one with “Syllabus: New Experiment”.");
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(all.map((x) => ({ label: x.experiment, description: vscode.workspace.asRelativePath(x.uri), target: x })), { title: "Which experiment?" });
  return picked?.target;
}

/** The target's resolved config, or a clear message when the file has errors. */
export async function validConfig(configs: ConfigIndex, t: ExperimentTarget): Promise<ResolvedConfig | undefined> {
  const found = await configs.experiment(t.experiment, t.uri);
  if (found?.entry.config && found.experiment) return found.entry.config;
  const errors = found?.entry.errors ?? 0;
  void vscode.window.showErrorMessage(`Syllabus: ${vscode.workspace.asRelativePath(t.uri)} has ${errors} error${errors === 1 ? "" : "s"}; fix them (see Problems) before using experiment '${t.experiment}'.`);
  return undefined;
}

export function runOf(arg: unknown): ExperimentRun | undefined {
  const a = arg as Partial<ExperimentNode> | undefined;
  return a?.kind === "run" && "run" in a ? (a.run as ExperimentRun) : undefined;
}
