/**
 * CodeLens above each `experiment` block: "▶ Run on <host>", "Preview orders", and once runs exist their progress
 * and the best strategy so far. Follows typing (configs are re-analysed from the editor text).
 */
import * as vscode from "vscode";
import { experimentRuns, plans } from "../core/runs/experimentRuns";
import { lensTexts } from "../core/views/progress";
import { planClaims } from "../core/views/claimTexts";
import type { ConfigIndex } from "./configs";
import type { RunsWatcher } from "./runsWatcher";

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

export class ExperimentLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly configs: ConfigIndex, private readonly runs: RunsWatcher) {
    this.subscriptions = [configs.onDidChange(() => this.changed.fire()), runs.onDidChange(() => this.changed.fire())];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
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
      if (store && entry.config) {
        // A plan that cannot be made (a dataset file missing) shows no progress; the diagnostics say why.
        const plan = await plans.get(entry.config, name).catch(() => undefined);
        const runs = plan ? experimentRuns(plan, store) : [];
        // "best" only with its test (core/views/claimTexts.ts); a damaged file leaves the claim out, not the lenses.
        const claims = plan ? safe(() => planClaims(plan, store, runs)) : undefined;
        const texts = plan ? lensTexts(runs, claims?.lens) : {};
        if (texts.progress) lenses.push(new vscode.CodeLens(range, { title: texts.progress, command: "syllabus.experiments.focus" }));
        if (texts.best) lenses.push(new vscode.CodeLens(range, { title: texts.best, command: "syllabus.openComparison", arguments: [ref], ...(claims?.evidence ? { tooltip: claims.evidence.claim.text } : {}) }));
      }
    }
    // Above each study: one click from runs to the study's table (or comparison).
    for (const { name, offset } of entry.studies ?? []) {
      const pos = document.positionAt(offset);
      const study = entry.config?.studies?.[name];
      if (!study) continue;
      lenses.push(new vscode.CodeLens(new vscode.Range(pos, pos), { title: study.compare ? "Compare tables" : "Study report", command: "syllabus.studyReport", arguments: [{ uri: document.uri, study: name }] }));
    }
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
