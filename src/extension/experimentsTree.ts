/**
 * The Experiments view: experiment → strategy → run (seed, model). Each run shows its state as a ThemeIcon,
 * step/total and ETA while training, accuracy when done. contextValue drives the item menus in package.json
 * (`experiment`, `strategy`, `run-<state>`).
 */
import * as vscode from "vscode";
import type { ConfigIndex } from "./configs";
import { experimentGrid, formatEta, summarize, type GridRun, type GridState } from "./runGrid";
import type { RunsWatcher } from "./runsWatcher";

export type ExperimentNode =
  | { kind: "experiment"; name: string; uri: vscode.Uri; runs: GridRun[]; errors: number }
  | { kind: "strategy"; experiment: string; uri: vscode.Uri; strategy: string; runs: GridRun[] }
  | { kind: "run"; uri: vscode.Uri; run: GridRun };

const ICONS: Record<GridState, [string, string | undefined]> = {
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

function icon(state: GridState): vscode.ThemeIcon {
  const [id, color] = ICONS[state];
  return color ? new vscode.ThemeIcon(id, new vscode.ThemeColor(color)) : new vscode.ThemeIcon(id);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function runDescription(run: GridRun): string {
  const parts: string[] = [run.state === "not-run" ? "not run" : run.state];
  if ((run.state === "training" || run.state === "evaluating") && run.totalSteps) parts.push(`${run.step ?? 0}/${run.totalSteps}`);
  if (run.etaSeconds !== undefined && run.state === "training") parts.push(`ETA ${formatEta(run.etaSeconds)}`);
  if (run.gpu !== undefined && (run.state === "training" || run.state === "evaluating" || run.state === "preparing")) parts.push(`GPU ${run.gpu}`);
  if (run.accuracy) parts.push(Object.entries(run.accuracy).map(([set, a]) => `${set} ${pct(a)}`).join(", "));
  return parts.join(" · ");
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
          const runs = exp && store ? experimentGrid(exp, store) : [];
          out.push({ kind: "experiment", name, uri: entry.uri, runs, errors: entry.errors });
        }
      }
      return out;
    }
    if (node.kind === "experiment") {
      const strategies = [...new Set(node.runs.map((r) => r.strategy))];
      return strategies.map((strategy) => ({ kind: "strategy", experiment: node.name, uri: node.uri, strategy, runs: node.runs.filter((r) => r.strategy === strategy) }));
    }
    if (node.kind === "strategy") return node.runs.map((run) => ({ kind: "run", uri: node.uri, run }));
    return [];
  }

  getTreeItem(node: ExperimentNode): vscode.TreeItem {
    if (node.kind === "experiment") {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      const s = summarize(node.runs);
      const done = s.byState.succeeded ?? 0;
      item.description = node.errors > 0 ? `${node.errors} error${node.errors > 1 ? "s" : ""} in config` : `${done}/${s.total} runs done` + (s.best ? ` · best ${s.best.strategy} ${pct(s.best.accuracy)}` : "");
      item.iconPath = new vscode.ThemeIcon(node.errors > 0 ? "warning" : "beaker");
      item.contextValue = "experiment";
      item.tooltip = node.uri.fsPath;
      item.id = `exp:${node.uri.toString()}#${node.name}`;
      return item;
    }
    if (node.kind === "strategy") {
      const item = new vscode.TreeItem(node.strategy, vscode.TreeItemCollapsibleState.Collapsed);
      const done = node.runs.filter((r) => r.state === "succeeded").length;
      item.description = `${done}/${node.runs.length}`;
      item.iconPath = new vscode.ThemeIcon("list-ordered");
      item.contextValue = "strategy";
      item.id = `strategy:${node.uri.toString()}#${node.experiment}/${node.strategy}`;
      return item;
    }
    const r = node.run;
    const item = new vscode.TreeItem(`seed ${r.seed} · ${r.model}`, vscode.TreeItemCollapsibleState.None);
    item.description = runDescription(r);
    item.iconPath = icon(r.state);
    item.contextValue = `run-${r.state}`;
    item.tooltip = [`${r.experiment} / ${r.strategy} / ${r.model} / seed ${r.seed}`, r.runId ? `run ${r.runId}` : "not launched yet", r.host ? `host ${r.host}${r.gpu !== undefined ? ` · GPU ${r.gpu}` : ""}` : "", r.error ?? ""].filter(Boolean).join("\n");
    item.id = `run:${r.experiment}/${r.strategy}/${r.model}/${r.seed}`;
    if (r.runId) item.command = { command: "syllabus.openLog", title: "Open log", arguments: [node] };
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
