/**
 * THE chart plugin: draws what the chart model (src/core/charts/spec.ts) puts on datasets beyond Chart.js's
 * own fields — 95% CI error bars, per-seed dots, n under each bar, a baseline as a dashed line across each bar group — and the
 * horizontal reference lines of options.plugins.syllabusOverlays; it widens the value axis so no bar is
 * clipped and keeps the ± SD band datasets out of the legend. One implementation, bundled by scripts/build.mjs
 * into both the panels' script (dist/webview.js) and the report's (dist/report.js). The numbers drawn stay
 * readable through Chart.getChart(canvas).data, which the tests rely on.
 */
import { Chart, type ChartType, type Plugin } from "chart.js";

export interface OverlayOptions {
  hLines?: { y: number; label: string; color?: string }[];
  /** Colour of reference lines without their own (the theme's muted text). */
  muted?: string;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    syllabusOverlays?: OverlayOptions;
  }
}

interface ModelDataset {
  role?: string;
  groupLine?: boolean;
  errorBars?: ([number, number] | null)[];
  seedPoints?: number[][];
  pointLabels?: string[];
  borderColor?: unknown;
  borderDash?: number[];
  data: unknown[];
}

const colorOf = (ds: ModelDataset, fallback: string) => (typeof ds.borderColor === "string" && ds.borderColor !== "transparent" ? ds.borderColor : fallback);

/** The baseline of a grouped bar chart: a dashed line across each group at its mean, over a band for its CI. */
function drawGroupLine(chart: Chart, ds: ModelDataset, index: number): void {
  const { ctx, scales: { x, y } } = chart;
  if (!x || !y) return;
  const meta = chart.getDatasetMeta(index);
  const half = (x.width / Math.max(1, chart.data.labels?.length ?? 1)) * 0.46;
  ctx.save();
  ds.data.forEach((v, j) => {
    const el = meta.data[j] as unknown as { x: number } | undefined;
    if (typeof v !== "number" || !el) return;
    const bar = ds.errorBars?.[j];
    if (bar) {
      ctx.fillStyle = "rgba(128, 128, 128, 0.15)";
      const top = y.getPixelForValue(bar[1]);
      ctx.fillRect(el.x - half, top, 2 * half, y.getPixelForValue(bar[0]) - top);
    }
    ctx.strokeStyle = colorOf(ds, "#888");
    ctx.lineWidth = 2;
    ctx.setLineDash(ds.borderDash ?? [6, 4]);
    ctx.beginPath();
    const py = y.getPixelForValue(v);
    ctx.moveTo(el.x - half, py);
    ctx.lineTo(el.x + half, py);
    ctx.stroke();
  });
  ctx.restore();
}

export const chartPlugin: Plugin = {
  id: "syllabusOverlays",
  afterDatasetsDraw(chart: Chart) {
    const opts = chart.options.plugins?.syllabusOverlays as OverlayOptions | undefined;
    const { ctx, chartArea } = chart;
    const y = chart.scales.y;
    if (!y) return;
    chart.data.datasets.forEach((raw, i) => {
      const ds = raw as unknown as ModelDataset;
      if (!chart.isDatasetVisible(i)) return;
      if (ds.groupLine) return drawGroupLine(chart, ds, i);
      const meta = chart.getDatasetMeta(i);
      const color = colorOf(ds, "#888");
      ctx.save();
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = 1.5;
      meta.data.forEach((el, j) => {
        const { x, width } = el as unknown as { x: number; width?: number };
        const bar = ds.errorBars?.[j];
        if (bar && Number.isFinite(bar[0]) && Number.isFinite(bar[1])) {
          const lo = y.getPixelForValue(bar[0]);
          const hi = y.getPixelForValue(bar[1]);
          const cap = Math.max(3, Math.min(8, (width ?? 10) / 4));
          ctx.beginPath();
          ctx.moveTo(x, lo); ctx.lineTo(x, hi);
          ctx.moveTo(x - cap, lo); ctx.lineTo(x + cap, lo);
          ctx.moveTo(x - cap, hi); ctx.lineTo(x + cap, hi);
          ctx.stroke();
        }
        for (const v of ds.seedPoints?.[j] ?? []) {
          ctx.beginPath();
          ctx.arc(x, y.getPixelForValue(v), 2.5, 0, Math.PI * 2);
          ctx.fill();
        }
        // n at the foot of the bar (clear of its error bar): no bar is read without its sample size.
        const text = ds.pointLabels?.[j];
        if (text && ds.data[j] !== null && ds.data[j] !== undefined) {
          ctx.save();
          ctx.fillStyle = "#333";
          ctx.font = "10px system-ui, sans-serif";
          ctx.textAlign = "center";
          ctx.fillText(text, x, chartArea.bottom - 4);
          ctx.restore();
        }
      });
      ctx.restore();
    });
    for (const line of opts?.hLines ?? []) {
      const py = y.getPixelForValue(line.y);
      if (py < chartArea.top || py > chartArea.bottom) continue;
      ctx.save();
      ctx.strokeStyle = ctx.fillStyle = line.color ?? opts?.muted ?? "#888";
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, py);
      ctx.lineTo(chartArea.right, py);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillText(line.label, chartArea.left + 4, py - 4);
      ctx.restore();
    }
  },
  afterDataLimits(chart: Chart, args: { scale: { axis: string; min: number; max: number } }) {
    // Widen the value axis so no error bar is clipped.
    if (args.scale.axis !== "y") return;
    chart.data.datasets.forEach((raw, i) => {
      const ds = raw as unknown as ModelDataset;
      if (!ds.errorBars || !chart.isDatasetVisible(i)) return;
      for (const bar of ds.errorBars) {
        if (!bar) continue;
        if (bar[0] < args.scale.min) args.scale.min = bar[0];
        if (bar[1] > args.scale.max) args.scale.max = bar[1];
      }
    });
  },
};

/** Registers the plugin, and keeps band datasets out of every legend (set on the defaults, not in a hook:
 * Chart.js resolves options through proxies that must not be mutated at init). */
export function registerChartPlugin(): void {
  Chart.register(chartPlugin);
  Chart.defaults.plugins.legend.labels.filter = (item, data) => {
    const role = (data.datasets[item.datasetIndex!] as unknown as ModelDataset | undefined)?.role;
    return role !== "band-upper" && role !== "band-lower";
  };
}
