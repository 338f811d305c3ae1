/**
 * The HTML page of every Syllabus panel. Pure (no `vscode` import) so the extension and the headless-Chromium
 * tests serve the very same page, strict CSP included: nothing but our nonce'd script and stylesheet runs,
 * images only from the webview's own resources or data: URLs (chart.js exports), no remote anything.
 */
import { PANEL_TITLES, type PanelKind } from "./messages";

export interface PanelHtmlOptions {
  panel: PanelKind;
  /** `webview.cspSource` in VS Code. */
  cspSource: string;
  nonce: string;
  /** URI of dist/webview.js as the webview can load it. */
  scriptUri: string;
}

/**
 * A nonce for script/style tags: 32 chars from [A-Za-z0-9], each drawn from the platform's CSPRNG
 * (Web Crypto, in Node and in browsers). Bytes ≥ 248 are redrawn, so every character is equally likely.
 */
export function makeNonce(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  while (out.length < 32) {
    for (const b of globalThis.crypto.getRandomValues(new Uint8Array(48))) {
      if (b < 248 && out.length < 32) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join("; ");
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const STYLE = `
  html, body { height: 100%; margin: 0; }
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background);
         font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 12px;
         box-sizing: border-box; display: flex; flex-direction: column; }
  /* the chart takes what the header and notes leave, however long the claim's caption is */
  #app { flex: 1 1 auto; display: flex; flex-direction: column; min-height: 0; }
  header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 10px 0; }
  header h1 { font-size: 1.2em; font-weight: 600; margin: 0 auto 0 0; }
  label { display: inline-flex; align-items: center; gap: 4px; }
  select, input { background: var(--vscode-input-background); color: var(--vscode-input-foreground);
                  border: 1px solid var(--vscode-input-border, transparent); }
  button { background: var(--vscode-button-background); color: var(--vscode-button-foreground);
           border: none; padding: 3px 10px; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  .chart { position: relative; flex: 1 1 auto; min-height: 240px; }
  .note { color: var(--vscode-descriptionForeground); margin: 4px 0; min-height: 1.2em; }
  .empty { color: var(--vscode-descriptionForeground); font-style: italic; }
`;

export function panelHtml(o: PanelHtmlOptions): string {
  const title = PANEL_TITLES[o.panel];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttribute(title)}</title>
<style nonce="${o.nonce}">${STYLE}</style>
</head>
<body data-panel="${o.panel}">
<div id="app"><p class="empty">Loading ${escapeAttribute(title.toLowerCase())}…</p></div>
<script nonce="${o.nonce}" src="${escapeAttribute(o.scriptUri)}"></script>
</body>
</html>`;
}
