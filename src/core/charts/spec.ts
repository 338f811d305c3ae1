/**
 * The chart model: a Chart.js configuration as plain JSON (no functions, no DOM), built by pure functions in
 * core — the report's charts (src/core/report/charts.ts) and the panels' (./panels.ts) — and drawn by the ONE
 * browser renderer (src/webview/chartPlugin.ts, bundled into the panels' script and into the report).
 *
 * Beyond Chart.js's own fields, datasets may carry what the plugin draws:
 *   errorBars   [low, high] | null per point (95% CIs)
 *   seedPoints  per point, the individual seeds' values (dots)
 *   pointLabels per point, its n, drawn at the foot of the bar
 *   groupLine   the baseline of a grouped bar chart, drawn as a dashed line across each group
 *   role        strategy | baseline | band-upper | band-lower (bands stay out of the legend)
 * and options.plugins.syllabusOverlays.hLines draws horizontal reference lines.
 */

export interface ChartDataset {
  type?: "bar" | "line" | "scatter";
  label: string;
  /** Strategy (or other series key) this dataset shows, for readers of the config (tests, webviews). */
  key: string;
  role: "strategy" | "baseline" | "band-upper" | "band-lower" | "series";
  data: (number | null)[] | { x: number; y: number }[];
  errorBars?: ([number, number] | null)[];
  seedPoints?: number[][];
  /** Per point, a short text drawn at the foot of the bar (its n: "n = 5×1273"). */
  pointLabels?: string[];
  /** Baseline of a grouped bar chart: the plugin draws it as a line across each group (the dataset itself is invisible). */
  groupLine?: boolean;
  showLine?: boolean;
  pointHoverRadius?: number;
  backgroundColor?: string;
  borderColor?: string;
  borderWidth?: number;
  borderDash?: number[];
  pointRadius?: number;
  fill?: string | boolean;
  order?: number;
  hidden?: boolean;
}

interface HLine {
  y: number;
  label: string;
  /** A CSS colour; absent = the theme's muted text colour. */
  color?: string;
}

interface ChartConfig {
  type: "bar" | "line" | "scatter";
  data: { labels?: string[]; datasets: ChartDataset[] };
  options: Record<string, unknown> & { plugins?: Record<string, unknown> & { syllabusOverlays?: { hLines?: HLine[] } } };
}

export interface ChartSpec {
  /** Stable id, usable as a file name (charts/<id>.png). */
  id: string;
  title: string;
  config: ChartConfig;
}
