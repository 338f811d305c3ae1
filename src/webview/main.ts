/**
 * Browser entry of every Syllabus panel (bundled to dist/webview.js with chart.js inside; no remote scripts).
 * The page says which panel it is (body[data-panel]); data arrives as messages (messages.ts). The last data and
 * the user's options are kept with the webview API's setState, so a hidden or restored panel redraws at once
 * without asking the extension again.
 *
 * chart.js: canvas charts with a small API, themable through defaults, no DOM/CSS of its own (fits the CSP).
 */
import { Chart, registerables } from "chart.js";
import { button, el } from "./dom";
import { isPanelKind, isToWebview, PANEL_TITLES, type FromWebview, type PanelKind, type PanelUiState, type PayloadOf, type ToWebview } from "./messages";
import { registerChartPlugin } from "./chartPlugin";
import type { RenderContext, Renderer } from "./panels/context";
import { renderCategories } from "./panels/categories";
import { renderComparison } from "./panels/comparison";
import { renderCurves } from "./panels/curves";
import { renderOrders } from "./panels/orders";
import { applyTheme, onThemeChange, readTheme } from "./theme";

interface SavedState {
  payload?: unknown;
  ui: PanelUiState;
}

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

Chart.register(...registerables);
registerChartPlugin();
// for tests and devtools: Chart.getChart(canvas) reads what is drawn
(globalThis as unknown as { Chart: typeof Chart }).Chart = Chart;

const renderers: { [K in PanelKind]: Renderer<PayloadOf[K]> } = {
  comparison: renderComparison,
  curves: renderCurves,
  orders: renderOrders,
  categories: renderCategories,
};

const vscode = acquireVsCodeApi();
const panelAttr = document.body.dataset.panel;
const panel: PanelKind = isPanelKind(panelAttr) ? panelAttr : "comparison";
const app = document.getElementById("app") ?? document.body;
let state: SavedState = vscode.getState() ?? { ui: {} };
let chart: Chart | undefined;
let status = "";

function save(): void {
  vscode.setState(state);
}

function render(): void {
  chart?.destroy();
  chart = undefined;
  const theme = readTheme();
  applyTheme(theme);
  const controls = el("span", { className: "controls" });
  const note = el("p", { className: "note", attrs: { id: "note" } });
  const canvas = el("canvas", { attrs: { id: "chart", role: "img", "aria-label": PANEL_TITLES[panel] } });
  const statusLine = el("p", { className: "note", text: status, attrs: { id: "status" } });
  const header = el("header", {}, [
    el("h1", { text: PANEL_TITLES[panel], attrs: { id: "title" } }),
    controls,
    button("Export PNG", "exportPng", () => {
      if (chart) vscode.postMessage({ type: "exportPng", dataUrl: chart.toBase64Image("image/png") });
    }),
    button("Export CSV", "exportCsv", () => vscode.postMessage({ type: "exportCsv" })),
  ]);
  app.replaceChildren(header, note, el("div", { className: "chart" }, [canvas]), statusLine);
  if (state.payload === undefined) {
    note.textContent = "Waiting for data…";
    return;
  }
  const ctx: RenderContext<PayloadOf[PanelKind]> = {
    payload: state.payload as PayloadOf[PanelKind],
    ui: state.ui,
    theme,
    controls,
    canvas,
    note,
    setUi(patch) {
      state = { ...state, ui: { ...state.ui, ...patch } };
      save();
      vscode.postMessage({ type: "setState", panel, state: state.ui });
      render();
    },
  };
  const title = (state.payload as { experiment?: unknown }).experiment;
  if (typeof title === "string") header.querySelector("h1")!.textContent = `${PANEL_TITLES[panel]} — ${title}`;
  chart = (renderers[panel] as Renderer<PayloadOf[PanelKind]>)(ctx);
}

function onMessage(message: ToWebview): void {
  switch (message.type) {
    case "data":
      if (message.panel !== panel) return;
      state = { ...state, payload: message.payload };
      save();
      render();
      return;
    case "theme":
      render(); // CSS variables are already updated by VS Code; re-read them
      return;
    case "exported":
      status = message.error ? `Export failed: ${message.error}` : `Exported ${message.format.toUpperCase()} to ${message.path ?? "file"}`;
      document.getElementById("status")?.replaceChildren(document.createTextNode(status));
      return;
  }
}

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  if (isToWebview(event.data)) onMessage(event.data);
});
onThemeChange(render);
render();
vscode.postMessage({ type: "ready" });
