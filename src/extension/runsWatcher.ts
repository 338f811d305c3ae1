/**
 * The workspace's run store (.syllabus/runs, src/core/runs/store) and a debounced "something changed" event
 * from a file watcher on it: a sync writing ten files refreshes the views once.
 */
import * as vscode from "vscode";
import { RunStore } from "../core/runs/store";

export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

export class RunsWatcher implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private watcher: vscode.FileSystemWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly debounceMs = 300) {}

  /** Starts watching the store (after activation: watchers cost tens of ms to create). */
  watch(): void {
    if (this.watcher) return;
    const root = vscode.workspace.workspaceFolders?.[0];
    const pattern = root ? new vscode.RelativePattern(root, ".syllabus/runs/**") : "**/.syllabus/runs/**";
    this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const poke = () => this.fireSoon();
    this.watcher.onDidCreate(poke);
    this.watcher.onDidChange(poke);
    this.watcher.onDidDelete(poke);
  }

  /** The store of the first workspace folder, or undefined without a folder. */
  store(): RunStore | undefined {
    const root = workspaceRoot();
    return root ? new RunStore(root) : undefined;
  }

  fireSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(), this.debounceMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.dispose();
    this.changed.dispose();
  }
}
