/**
 * The Experiments view: experiment → strategy → (fold, under cross-validation →) run (seed, model). Each run shows its state as a ThemeIcon,
 * step/total and ETA while training, accuracy when done. contextValue drives the item menus in package.json
 * (`experiment`, `strategy`, `fold`, `run-<state>`).
 */
import * as vscode from "vscode";
import { experimentRuns, plans, type ExperimentRun, type ExperimentRunState } from "../core/runs/experimentRuns";
import { foldDescription, groupByFold } from "../core/views/foldGroups";
import { experimentDescription, runDescription } from "../core/views/progress";
import type { ConfigIndex } from "./configs";
import type { RunsWatcher } from "./runsWatcher";

export type ExperimentNode =
  | { kind: "experiment"; name: string; uri: vscode.Uri; runs: ExperimentRun[]; errors: number }
  | { kind: "strategy"; experiment: string; uri: vscode.Uri; strategy: string; runs: ExperimentRun[] }
  /** Cross-validation: one node per held-out fold under its strategy. */
  | { kind: "fold"; experiment: string; uri: vscode.Uri; strategy: string; fold: number; folds: number; runs: ExperimentRun[] }
  | { kind: "run"; uri: vscode.Uri; run: ExperimentRun };

const ICONS: Record<ExperimentRunState, [string, string | undefined]> = {
  "not-run": ["circle-outline", undefined],
  queued: ["clock", "charts.yellow"],
  preparing: ["sync~spin", "charts.blue"],
  training: ["loading~spin", "charts.blue"],
  evaluating: ["beaker", "charts.blue"],
  succeeded: ["pass", "testing.iconPassed"],
  failed: ["error", "testing.iconFailed"],
  cancelled: ["circle-slash", "disabledForeground"],
  unreachable: ["debug-disconnect", "charts.orange"],
};

function icon(state: ExperimentRunState): vscode.ThemeIcon {
  const [id, color] = ICONS[state];
  return color ? new vscode.ThemeIcon(id, new vscode.ThemeColor(color)) : new vscode.ThemeIcon(id);
}

export class ExperimentsTree implements vscode.TreeDataProvider<ExperimentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExperimentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly configs: ConfigIndex, private readonly runs: RunsWatcher) {
    this.subscriptions = [configs.onDidChange(() => this.refresh()), runs.onDidChange(() => this.refresh())];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: ExperimentNode): Promise<ExperimentNode[]> {
    if (!node) {
      const store = this.runs.store();
      const out: ExperimentNode[] = [];
      for (const entry of await this.configs.all()) {
        for (const { name } of entry.experiments) {
          const exp = entry.config?.experiments[name];
          // Through the plan, by run id: the same join as the CLI, panels, CodeLens and hints.
          const plan = exp && store && entry.config ? await plans.get(entry.config, name).catch(() => undefined) : undefined;
          const runs = plan && store ? experimentRuns(plan, store) : [];
          out.push({ kind: "experiment", name, uri: entry.uri, runs, errors: entry.errors });
        }
      }
      return out;
    }
    if (node.kind === "experiment") {
      const strategies = [...new Set(node.runs.map((r) => r.strategy))];
      return strategies.map((strategy) => ({ kind: "strategy", experiment: node.name, uri: node.uri, strategy, runs: node.runs.filter((r) => r.strategy === strategy) }));
    }
    if (node.kind === "strategy") {
      const folds = groupByFold(node.runs);
      if (folds.length) return folds.map((g) => ({ kind: "fold", experiment: node.experiment, uri: node.uri, strategy: node.strategy, fold: g.fold, folds: g.folds, runs: g.runs }));
      return node.runs.map((run) => ({ kind: "run", uri: node.uri, run }));
    }
    if (node.kind === "fold") return node.runs.map((run) => ({ kind: "run", uri: node.uri, run }));
    return [];
  }

  getTreeItem(node: ExperimentNode): vscode.TreeItem {
    if (node.kind === "experiment") {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.errors > 0 ? `${node.errors} error${node.errors > 1 ? "s" : ""} in config` : experimentDescription(node.runs);
      item.iconPath = new vscode.ThemeIcon(node.errors > 0 ? "warning" : "beaker");
      item.contextValue = "experiment";
      const byState = new Map<string, number>();
      for (const r of node.runs) byState.set(r.state, (byState.get(r.state) ?? 0) + 1);
      item.tooltip = [node.uri.fsPath, [...byState].map(([state, n]) => `${n} ${state}`).join(", ")].filter(Boolean).join("\n");
      item.id = `exp:${node.uri.toString()}#${node.name}`;
      return item;
    }
    if (node.kind === "strategy") {
      const item = new vscode.TreeItem(node.strategy, vscode.TreeItemCollapsibleState.Collapsed);
      const done = node.runs.filter((r) => r.accuracy).length;
      item.description = `${done}/${node.runs.length}`;
      item.iconPath = new vscode.ThemeIcon("list-ordered");
      item.contextValue = "strategy";
      item.id = `strategy:${node.uri.toString()}#${node.experiment}/${node.strategy}`;
      return item;
    }
    if (node.kind === "fold") {
      const item = new vscode.TreeItem(`fold ${node.fold}/${node.folds}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = foldDescription(node);
      item.iconPath = new vscode.ThemeIcon("split-horizontal");
      item.contextValue = "fold";
      item.id = `fold:${node.uri.toString()}#${node.experiment}/${node.strategy}/${node.fold}`;
      return item;
    }
    const r = node.run;
    // State first (with step, ETA or accuracy): what a narrow sidebar must not cut off; the rest in the tooltip.
    const item = new vscode.TreeItem(runDescription(r), vscode.TreeItemCollapsibleState.None);
    item.description = `seed ${r.seed} · ${r.model}`;
    item.iconPath = r.invalid ? new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground")) : icon(r.state);
    item.contextValue = `run-${r.state}`;
    item.tooltip = [`${r.experiment} / ${r.strategy} / ${r.model} / seed ${r.seed}${r.fold !== undefined ? ` / fold ${r.fold}/${r.folds}` : ""}`, runDescription(r), r.state !== "not-run" ? `run ${r.runId}` : `run ${r.runId} (not launched yet)`, r.host ? `host ${r.host}${r.gpu !== undefined ? ` · GPU ${r.gpu}` : ""}` : "", r.error ? `error: ${r.error}` : "", r.invalid ? `INVALID, left out of the statistics: ${r.invalid}` : ""].filter(Boolean).join("\n");
    item.id = `run:${r.experiment}/${r.strategy}/${r.model}/${r.seed}${r.fold !== undefined ? `/fold${r.fold}` : ""}`;
    if (r.state !== "not-run") item.command = { command: "syllabus.openLog", title: "Open log", arguments: [node] };
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
