/**
 * The workspace's `.syllabus` files, analysed (src/language/analyze) and cached; the Experiments tree, the hosts
 * tree, CodeLens and commands all read experiments from here. Open documents are analysed from the editor's text
 * (so CodeLens follows typing), other files from disk. Re-analysed on save/change/create/delete.
 */
import * as vscode from "vscode";
import type { ExperimentModel, HostModel, ResolvedConfig } from "../core/experiment/model";
import { LOCAL_HOST } from "../core/experiment/model";
import { analyze } from "../language/analyze";
import { parse } from "../language/parser";

export interface ConfigEntry {
  uri: vscode.Uri;
  /** Present only when the file has no errors. */
  config?: ResolvedConfig;
  errors: number;
  /** Experiment names with their name's offset in the text (for CodeLens and reveal). */
  experiments: { name: string; offset: number }[];
  /** Study names with their block's offset (for the "Study report" lens). */
  studies?: { name: string; offset: number }[];
}

export class ConfigIndex implements vscode.Disposable {
  private readonly entries = new Map<string, ConfigEntry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private scanned: Promise<void> | undefined;

  /** Starts following file and editor changes (after activation: watchers cost tens of ms to create). */
  watch(): void {
    const watcher = vscode.workspace.createFileSystemWatcher("**/*.syllabus");
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.refreshUri(u)),
      watcher.onDidChange((u) => this.refreshUri(u)),
      watcher.onDidDelete((u) => { this.entries.delete(u.toString()); this.changed.fire(); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document.languageId === "syllabus") this.refreshDocument(e.document); }),
      vscode.workspace.onDidOpenTextDocument((d) => { if (d.languageId === "syllabus") this.refreshDocument(d); }),
    );
  }

  /** Finds and analyses every config once (lazily: the first reader pays, not activation). */
  ready(): Promise<void> {
    this.scanned ??= (async () => {
      const uris = await vscode.workspace.findFiles("**/*.syllabus", "**/{node_modules,.syllabus,.git}/**", 200);
      await Promise.all(uris.map((u) => this.load(u)));
    })();
    return this.scanned;
  }

  async all(): Promise<ConfigEntry[]> {
    await this.ready();
    return [...this.entries.values()].sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
  }

  async experiment(name: string, uri?: vscode.Uri): Promise<{ entry: ConfigEntry; experiment?: ExperimentModel } | undefined> {
    for (const entry of await this.all()) {
      if (uri && entry.uri.toString() !== uri.toString()) continue;
      if (entry.experiments.some((e) => e.name === name)) return { entry, experiment: entry.config?.experiments[name] };
    }
    return undefined;
  }

  /** Every host any config declares, plus `local`. */
  async hosts(): Promise<HostModel[]> {
    const hosts = new Map<string, HostModel>([[LOCAL_HOST.name, LOCAL_HOST]]);
    for (const e of await this.all()) for (const h of Object.values(e.config?.hosts ?? {})) hosts.set(h.name, h);
    return [...hosts.values()];
  }

  entryFor(document: vscode.TextDocument): ConfigEntry {
    return this.analyzeText(document.uri, document.getText());
  }

  private async load(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    this.entries.set(uri.toString(), this.analyzeText(uri, text));
  }

  private analyzeText(uri: vscode.Uri, text: string): ConfigEntry {
    const analysis = analyze(text, uri.fsPath);
    const blocks = parse(text).blocks;
    const named = (keyword: string) => blocks.filter((b) => b.keyword.text === keyword && b.name).map((b) => ({ name: b.name!.text, offset: b.start }));
    const experiments = named("experiment");
    const studies = named("study");
    const errors = analysis.diagnostics.filter((d) => d.severity === "error").length;
    return analysis.config ? { uri, config: analysis.config, errors, experiments, studies } : { uri, errors, experiments, studies };
  }

  private refreshDocument(d: vscode.TextDocument): void {
    this.entries.set(d.uri.toString(), this.analyzeText(d.uri, d.getText()));
    this.changed.fire();
  }

  private refreshUri(uri: vscode.Uri): void {
    this.load(uri).then(() => this.changed.fire(), () => { this.entries.delete(uri.toString()); this.changed.fire(); });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
