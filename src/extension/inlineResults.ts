/**
 * Inlay hints after each strategy in an experiment's `strategies` list (`38.1% ±0.4 (+0.7)`) and a hover
 * on the strategy name with the CI, n and the paired tests against the baseline. Refreshed as runs finish
 * (the runs watcher) and as the config is edited.
 */
import * as vscode from "vscode";
import { plans } from "../core/runs/experimentRuns";
import { parse } from "../language/parser";
import type { ConfigIndex } from "./configs";
import type { RunsWatcher } from "./runsWatcher";
import { strategyHints, type StrategyHint } from "./strategyHints";

export class InlineResults implements vscode.InlayHintsProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly configs: ConfigIndex, private readonly runs: RunsWatcher) {
    this.subscriptions = [runs.onDidChange(() => this.changed.fire()), configs.onDidChange(() => this.changed.fire())];
  }

  private async hints(document: vscode.TextDocument): Promise<StrategyHint[]> {
    const config = this.configs.entryFor(document).config;
    const store = this.runs.store();
    return config && store ? strategyHints(parse(document.getText()), config, store, plans) : [];
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.InlayHint[]> {
    return (await this.hints(document))
      .filter((h) => range.contains(document.positionAt(h.end)))
      .map((h) => {
        const hint = new vscode.InlayHint(document.positionAt(h.end), ` ${h.label}`, vscode.InlayHintKind.Parameter);
        hint.tooltip = new vscode.MarkdownString(h.markdown);
        hint.paddingLeft = true;
        return hint;
      });
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const offset = document.offsetAt(position);
    const hit = (await this.hints(document)).find((h) => h.start <= offset && offset <= h.end);
    if (!hit) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hit.markdown), new vscode.Range(document.positionAt(hit.start), document.positionAt(hit.end)));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
