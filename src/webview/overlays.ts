/**
 * Chart.js has no error bars, baseline marks or threshold lines built in; this one small plugin draws them
 * from data the chart already carries (dataset.errorBars, dataset.seedPoints, options.plugins.syllabusOverlays),
 * so the numbers drawn stay readable through Chart.getChart(canvas).data — which the tests rely on.
 */
import type { Chart, ChartType, Plugin } from "chart.js";

export interface OverlayOptions {
  /** Per category index: a dashed mark across the category (e.g. the baseline's accuracy). */
  categoryMarks?: { values: (number | null)[]; color: string; label: string };
  /** Horizontal lines across the whole plot (e.g. curriculum thresholds). */
  hLines?: { y: number; label: string; color: string }[];
  color?: string;
}

declare module "chart.js" {
  interface BarControllerDatasetOptions {
    /** [low, high] in data units per data index; null = no bar. */
    errorBars?: ([number, number] | null)[];
    /** Per data index: the individual seeds' values, drawn as dots when present. */
    seedPoints?: number[][];
  }
  interface PluginOptionsByType<TType extends ChartType> {
    syllabusOverlays?: OverlayOptions;
  }
}

export const overlays: Plugin = {
  id: "syllabusOverlays",
  afterDatasetsDraw(chart: Chart) {
    // chart.js hands options back deep-partial; ours are always set whole by the panels
    const opts = chart.options.plugins?.syllabusOverlays as OverlayOptions | undefined;
    const { ctx, chartArea } = chart;
    const yScale = chart.scales.y;
    const xScale = chart.scales.x;
    if (!yScale || !xScale) return;
    ctx.save();
    chart.data.datasets.forEach((ds, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden || meta.type !== "bar") return;
      const bars = ds as { errorBars?: ([number, number] | null)[]; seedPoints?: number[][] };
      meta.data.forEach((el, j) => {
        const x = (el as unknown as { x: number }).x;
        const eb = bars.errorBars?.[j];
        if (eb && Number.isFinite(eb[0]) && Number.isFinite(eb[1])) {
          const [lo, hi] = [yScale.getPixelForValue(eb[0]), yScale.getPixelForValue(eb[1])];
          ctx.strokeStyle = opts?.color ?? "#888";
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(x, lo); ctx.lineTo(x, hi);
          ctx.moveTo(x - 4, lo); ctx.lineTo(x + 4, lo);
          ctx.moveTo(x - 4, hi); ctx.lineTo(x + 4, hi);
          ctx.stroke();
        }
        for (const v of bars.seedPoints?.[j] ?? []) {
          ctx.fillStyle = opts?.color ?? "#888";
          ctx.beginPath();
          ctx.arc(x, yScale.getPixelForValue(v), 2.5, 0, Math.PI * 2);
          ctx.fill();
        }
      });
    });
    const marks = opts?.categoryMarks;
    if (marks) {
      const n = chart.data.labels?.length ?? 0;
      const width = n > 0 ? (chartArea.right - chartArea.left) / n : 0;
      ctx.strokeStyle = marks.color;
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 1.5;
      marks.values.forEach((v, j) => {
        if (v === null || !Number.isFinite(v)) return;
        const y = yScale.getPixelForValue(v);
        const cx = xScale.getPixelForValue(j);
        ctx.beginPath();
        ctx.moveTo(cx - width * 0.45, y);
        ctx.lineTo(cx + width * 0.45, y);
        ctx.stroke();
      });
      ctx.setLineDash([]);
    }
    for (const line of opts?.hLines ?? []) {
      const y = yScale.getPixelForValue(line.y);
      if (y < chartArea.top || y > chartArea.bottom) continue;
      ctx.strokeStyle = line.color;
      ctx.fillStyle = line.color;
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(chartArea.right, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillText(line.label, chartArea.left + 4, y - 4);
    }
    ctx.restore();
  },
};
