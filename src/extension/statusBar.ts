/** Status bar item: how many runs are active in the workspace's run store; hidden when none. */
import * as vscode from "vscode";
import type { RunsWatcher } from "./runsWatcher";

export class ActiveRunsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("syllabus.activeRuns", vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly runs: RunsWatcher) {
    this.item.name = "Syllabus active runs";
    this.item.command = "syllabus.experiments.focus";
    this.subscription = runs.onDidChange(() => this.update());
  }

  /** Counts active runs; reads the store, so it runs after activation, not during it. */
  update(): number {
    let active = 0;
    try {
      active = this.runs.store()?.active().length ?? 0;
    } catch {
      active = 0; // a damaged record is reported by the tree; the count just skips it
    }
    if (active === 0) this.item.hide();
    else {
      this.item.text = `$(beaker~spin) ${active} run${active === 1 ? "" : "s"}`;
      this.item.tooltip = `Syllabus: ${active} active run${active === 1 ? "" : "s"}`;
      this.item.show();
    }
    return active;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
