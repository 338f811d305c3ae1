/**
 * The ONE message contract between the extension host (src/extension/panels.ts) and the panels' browser
 * code (src/webview). Both sides import these types, so a change to a message breaks the compile on both.
 * Discriminated unions on `type`; `isToWebview` / `isFromWebview` check messages that cross the boundary,
 * because postMessage delivers `unknown`.
 *
 * Accuracy is a fraction in [0, 1] (as in result.json and src/core/stats); charts show percent.
 */

export const PANEL_KINDS = ["comparison", "curves", "orders", "categories"] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

export const PANEL_TITLES: Record<PanelKind, string> = {
  comparison: "Strategy comparison",
  curves: "Learning curves",
  orders: "Order preview",
  categories: "Per-category accuracy",
};

// The payloads are built in core (src/core/views) and drawn here; their shapes live with the chart model.
import type { CategoriesPayload, ComparisonPayload, CurvesPayload, OrdersPayload } from "../core/charts/payloads";
export type { CategoriesPayload, ComparisonCell, ComparisonPayload, CurveSeries, CurvesPayload, OrderPreview, OrdersPayload } from "../core/charts/payloads";

export interface PayloadOf {
  comparison: ComparisonPayload;
  curves: CurvesPayload;
  orders: OrdersPayload;
  categories: CategoriesPayload;
}

export type DataMessage = { [K in PanelKind]: { type: "data"; panel: K; payload: PayloadOf[K] } }[PanelKind];

export type ThemeKind = "light" | "dark" | "high-contrast" | "high-contrast-light";

/** The options a user picked in a panel; kept across hide/show and panel re-creation. */
export interface PanelUiState {
  /** comparison: group the x axis by model or eval set; the other dimension is a filter. */
  groupBy?: "model" | "evalSet";
  filter?: string;
  view?: "accuracy" | "gain";
  showSeeds?: boolean;
  /** curves */
  smoothing?: number;
  xAxis?: "step" | "questions";
  /** orders */
  strategy?: string;
  seed?: number;
}

/** extension → webview */
export type ToWebview =
  | DataMessage
  | { type: "theme"; kind: ThemeKind }
  /** The extension's answer to an export request, shown in the panel. */
  | { type: "exported"; format: "png" | "csv"; path?: string; error?: string };

/** webview → extension */
export type FromWebview =
  | { type: "ready" }
  | { type: "exportPng"; dataUrl: string }
  | { type: "exportCsv" }
  | { type: "setState"; panel: PanelKind; state: PanelUiState };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

export function isPanelKind(v: unknown): v is PanelKind {
  return typeof v === "string" && (PANEL_KINDS as readonly string[]).includes(v);
}

/** Shape check of a message arriving in the webview (payload contents are trusted: the extension built them). */
export function isToWebview(v: unknown): v is ToWebview {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case "data":
      return isPanelKind(v.panel) && isRecord(v.payload);
    case "theme":
      return typeof v.kind === "string";
    case "exported":
      return v.format === "png" || v.format === "csv";
    default:
      return false;
  }
}

/** Shape check of a message arriving in the extension host: the webview is less trusted, check every field. */
export function isFromWebview(v: unknown): v is FromWebview {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case "ready":
    case "exportCsv":
      return true;
    case "exportPng":
      return typeof v.dataUrl === "string" && v.dataUrl.startsWith("data:image/png;base64,");
    case "setState":
      return isPanelKind(v.panel) && isRecord(v.state);
    default:
      return false;
  }
}
