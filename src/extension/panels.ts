/**
 * The webview panels (comparison, curves, orders, categories). One panel per kind × experiment, revealed again
 * when reopened. Security: strict CSP with a nonce (src/webview/html.ts), scripts only from dist/, resources
 * only from dist/ and media/, every message checked against the shared contract (src/webview/messages.ts).
 * State survives hiding through the webview's own setState (cheaper than retainContextWhenHidden); a
 * serializer restores panels after a reload. Export: PNG (the webview sends the canvas) and CSV (built here).
 */
import * as vscode from "vscode";
import { makeNonce, panelHtml } from "../webview/html";
import { isFromWebview, isPanelKind, PANEL_TITLES, type FromWebview, type PanelKind, type PayloadOf, type PanelUiState, type ThemeKind, type ToWebview } from "../webview/messages";
import { panelTable, toCsv } from "../webview/tables";
import { output } from "./output";

/** Produces a panel's data; called on open, on "ready" and on refresh. */
export type PayloadSource<K extends PanelKind> = () => Promise<PayloadOf[K]>;
/** A source for any kind (the kind is checked when the data message is built). */
export type PanelSource = () => Promise<PayloadOf[PanelKind]>;

interface OpenPanel {
  panel: vscode.WebviewPanel;
  kind: PanelKind;
  experiment: string;
  source: PayloadSource<PanelKind>;
  payload?: PayloadOf[PanelKind];
  /** Every message posted to this webview (tests read the last data message). */
  sent: ToWebview[];
}

function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light: return "light";
    case vscode.ColorThemeKind.HighContrast: return "high-contrast";
    case vscode.ColorThemeKind.HighContrastLight: return "high-contrast-light";
    default: return "dark";
  }
}

export class Panels implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables.push(vscode.window.onDidChangeActiveColorTheme((t) => {
      for (const p of this.open.values()) void this.post(p, { type: "theme", kind: themeKind(t.kind) });
    }));
  }

  /** Opens (or reveals and refreshes) the panel of `kind` for `experiment`. */
  async show<K extends PanelKind>(kind: K, experiment: string, source: PayloadSource<K>): Promise<vscode.WebviewPanel> {
    const key = `${kind}:${experiment}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.source = source as PayloadSource<PanelKind>;
      existing.panel.reveal();
      await this.refresh(existing);
      return existing.panel;
    }
    const first = this.open.size === 0;
    const panel = vscode.window.createWebviewPanel(`syllabus.${kind}`, `${PANEL_TITLES[kind]}: ${experiment}`, this.panelColumn(), this.webviewOptions());
    const entry: OpenPanel = { panel, kind, experiment, source: source as PayloadSource<PanelKind>, sent: [] };
    this.open.set(key, entry);
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, "media", "syllabus.svg");
    panel.webview.html = this.html(panel.webview, kind);
    panel.onDidDispose(() => this.open.delete(key), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => this.receive(entry, m), null, this.disposables);
    await this.refresh(entry);
    if (first) await this.widenPanelGroup(panel);
    return panel;
  }

  /** Every panel goes into ONE editor group beside the editor (the first panel's), not a new column each. */
  private panelColumn(): vscode.ViewColumn {
    const column = [...this.open.values()].map((p) => p.panel.viewColumn).find((c) => c !== undefined);
    return column ?? vscode.ViewColumn.Beside;
  }

  /** Charts need room: with the editor and the panels side by side, the panels' group gets 60% of the width. */
  private async widenPanelGroup(panel: vscode.WebviewPanel): Promise<void> {
    const groups = vscode.window.tabGroups.all;
    if (groups.length !== 2 || panel.viewColumn !== groups[1]!.viewColumn) return;
    await vscode.commands.executeCommand("vscode.setEditorLayout", { orientation: 0, groups: [{ size: 0.4 }, { size: 0.6 }] }).then(undefined, () => undefined);
  }

  /** For tests and commands: the open panel of `kind` (any experiment when none given). */
  find(kind: PanelKind, experiment?: string): OpenPanel | undefined {
    return [...this.open.values()].find((p) => p.kind === kind && (experiment === undefined || p.experiment === experiment));
  }

  /** `runsOnly`: only the panels whose data comes from runs (the order preview depends on the config alone). */
  async refreshAll(runsOnly = false): Promise<void> {
    await Promise.all([...this.open.values()].filter((p) => !runsOnly || p.kind !== "orders").map((p) => this.refresh(p)));
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false, // the webview keeps data + options with setState instead
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, "dist"), vscode.Uri.joinPath(this.context.extensionUri, "media")],
    };
  }

  private html(webview: vscode.Webview, kind: PanelKind): string {
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, "dist", "webview.js"));
    return panelHtml({ panel: kind, cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: script.toString() });
  }

  private async refresh(p: OpenPanel): Promise<void> {
    try {
      p.payload = await p.source();
      await this.post(p, { type: "data", panel: p.kind, payload: p.payload } as ToWebview);
    } catch (err) {
      output().error(`${p.kind} panel for ${p.experiment}: ${(err as Error).stack ?? err}`);
      void vscode.window.showErrorMessage(`Syllabus: cannot show ${PANEL_TITLES[p.kind].toLowerCase()} for ${p.experiment}: ${(err as Error).message}`);
    }
  }

  private async post(p: OpenPanel, message: ToWebview): Promise<void> {
    p.sent.push(message);
    if (p.sent.length > 20) p.sent.splice(0, p.sent.length - 20);
    await p.panel.webview.postMessage(message);
  }

  private async receive(p: OpenPanel, message: unknown): Promise<void> {
    if (!isFromWebview(message)) {
      output().warn(`ignored a malformed message from the ${p.kind} panel`);
      return;
    }
    await this.handle(p, message);
  }

  private async handle(p: OpenPanel, m: FromWebview): Promise<void> {
    switch (m.type) {
      case "ready":
        // a (re)created webview: send the data again, it may have been restored without it
        if (p.payload) await this.post(p, { type: "data", panel: p.kind, payload: p.payload } as ToWebview);
        await this.post(p, { type: "theme", kind: themeKind(vscode.window.activeColorTheme.kind) });
        return;
      case "setState":
        await this.context.workspaceState.update(`syllabus.panel.${m.panel}`, m.state satisfies PanelUiState);
        return;
      case "exportPng":
        return this.export(p, "png", Buffer.from(m.dataUrl.slice("data:image/png;base64,".length), "base64"));
      case "exportCsv":
        if (!p.payload) return;
        return this.export(p, "csv", Buffer.from(toCsv(panelTable(p.kind, p.payload)), "utf8"));
    }
  }

  private async export(p: OpenPanel, format: "png" | "csv", bytes: Buffer): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const suggested = folder ? vscode.Uri.joinPath(folder, `${p.experiment}-${p.kind}.${format}`) : undefined;
    const target = await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { [format.toUpperCase()]: [format] } });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, bytes);
      output().info(`exported ${p.kind} of ${p.experiment} to ${target.fsPath}`);
      await this.post(p, { type: "exported", format, path: target.fsPath });
    } catch (err) {
      await this.post(p, { type: "exported", format, error: (err as Error).message });
    }
  }

  /** Restores panels after a window reload (VS Code re-creates them empty; we re-attach the data source). */
  registerSerializers(sourceFor: (kind: PanelKind, experiment: string) => PayloadSource<PanelKind>): void {
    for (const kind of ["comparison", "curves", "orders", "categories"] as const) {
      this.disposables.push(vscode.window.registerWebviewPanelSerializer(`syllabus.${kind}`, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
          const experiment = typeof (state as { payload?: { experiment?: unknown } })?.payload?.experiment === "string" ? (state as { payload: { experiment: string } }).payload.experiment : undefined;
          if (!experiment || !isPanelKind(kind)) { panel.dispose(); return; }
          panel.webview.options = this.webviewOptions();
          panel.webview.html = this.html(panel.webview, kind);
          const entry: OpenPanel = { panel, kind, experiment, source: sourceFor(kind, experiment), sent: [] };
          const key = `${kind}:${experiment}`;
          this.open.set(key, entry);
          panel.onDidDispose(() => this.open.delete(key), null, this.disposables);
          panel.webview.onDidReceiveMessage((m: unknown) => this.receive(entry, m), null, this.disposables);
          await this.refresh(entry);
        },
      }));
    }
  }

  dispose(): void {
    for (const p of this.open.values()) p.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
