/**
 * CodeLens above each `experiment` block: "▶ Run on <host>", "Preview orders", and once runs exist their progress
 * and the best strategy so far. Follows typing (configs are re-analysed from the editor text).
 */
import * as vscode from "vscode";
import type { ConfigIndex } from "./configs";
import { experimentGrid, summarize } from "./runGrid";
import type { RunsWatcher } from "./runsWatcher";

export class ExperimentLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly configs: ConfigIndex, private readonly runs: RunsWatcher) {
    this.subscriptions = [configs.onDidChange(() => this.changed.fire()), runs.onDidChange(() => this.changed.fire())];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const entry = this.configs.entryFor(document);
    const store = this.runs.store();
    const lenses: vscode.CodeLens[] = [];
    for (const { name, offset } of entry.experiments) {
      const pos = document.positionAt(offset);
      const range = new vscode.Range(pos, pos);
      const ref = { uri: document.uri, experiment: name };
      const exp = entry.config?.experiments[name];
      if (!exp) {
        lenses.push(new vscode.CodeLens(range, { title: `▶ Run (fix ${entry.errors} error${entry.errors === 1 ? "" : "s"} first)`, command: "workbench.actions.view.problems" }));
        continue;
      }
      lenses.push(new vscode.CodeLens(range, { title: `▶ Run on ${exp.host}`, command: "syllabus.runExperiment", arguments: [ref], tooltip: `Launch ${exp.strategies.length * exp.models.length * exp.seeds.length} runs on ${exp.host}` }));
      lenses.push(new vscode.CodeLens(range, { title: "Preview orders", command: "syllabus.previewOrders", arguments: [ref] }));
      if (store) {
        const s = summarize(experimentGrid(exp, store));
        const started = s.total - (s.byState["not-run"] ?? 0);
        if (started > 0) {
          const active = (s.byState.queued ?? 0) + (s.byState.preparing ?? 0) + (s.byState.training ?? 0) + (s.byState.evaluating ?? 0);
          const parts = [`${s.byState.succeeded ?? 0}/${s.total} done`];
          if (active) parts.push(`${active} running`);
          if (s.byState.failed) parts.push(`${s.byState.failed} failed`);
          lenses.push(new vscode.CodeLens(range, { title: parts.join(", "), command: "syllabus.experiments.focus" }));
        }
        if (s.best) lenses.push(new vscode.CodeLens(range, { title: `best: ${s.best.strategy} ${(s.best.accuracy * 100).toFixed(1)}% on ${s.best.evalSet}`, command: "syllabus.openComparison", arguments: [ref] }));
      }
    }
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
