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

/** Accuracy of one strategy in one (model, eval set) cell, aggregated over seeds. */
export interface ComparisonCell {
  strategy: string;
  model: string;
  evalSet: string;
  mean: number;
  /** 95% CI of the mean; NaN/absent with one seed. */
  ciLow?: number;
  ciHigh?: number;
  seeds: { seed: number; accuracy: number }[];
  /** Gain over the baseline strategy in the same cell (absent for the baseline itself). */
  gain?: { mean: number; ciLow?: number; ciHigh?: number };
  /** Paired test against the baseline over seeds. */
  pValue?: number;
}

export interface ComparisonPayload {
  experiment: string;
  baseline: string;
  cells: ComparisonCell[];
}

/** One training run's loss curve (events.jsonl). */
export interface CurveSeries {
  strategy: string;
  model: string;
  seed: number;
  steps: number[];
  loss: number[];
  /** Questions seen at each step (step × batch × accumulate); same length as `steps`. */
  questionsSeen: number[];
}

export interface CurvesPayload {
  experiment: string;
  series: CurveSeries[];
}

/** One strategy's training order: difficulty of the question at each position. */
export interface OrderPreview {
  strategy: string;
  seed: number;
  /** Parallel arrays, one entry per position. */
  difficulty: (number | null)[];
  /** Index into OrdersPayload.categories, or -1 for none. */
  category: number[];
}

export interface OrdersPayload {
  experiment: string;
  dataset: string;
  categories: string[];
  /** Easy/medium bucket thresholds drawn as horizontal lines. */
  thresholds?: { easy: number; medium: number };
  orders: OrderPreview[];
}

export interface CategoriesPayload {
  experiment: string;
  model: string;
  evalSet: string;
  categories: string[];
  /** accuracy[i] and n[i] belong to categories[i]; null where a category had no question. */
  strategies: { strategy: string; accuracy: (number | null)[]; n: number[] }[];
}

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
