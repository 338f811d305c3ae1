/**
 * Learning curves: training loss per strategy, mean ± one SD over seeds as a band, with TensorBoard-style
 * smoothing and the x axis by optimizer step or by questions seen.
 */
import { Chart } from "chart.js";
import { select } from "../dom";
import type { CurvesPayload } from "../messages";
import { meanBand, smooth } from "../series";
import { withAlpha } from "../theme";
import type { Renderer } from "./context";

const SMOOTHING = [0, 0.6, 0.8, 0.9, 0.95, 0.99];

export const renderCurves: Renderer<CurvesPayload> = (ctx) => {
  const { payload: p, ui, theme } = ctx;
  const smoothing = ui.smoothing ?? 0.6;
  const xAxis = ui.xAxis ?? "step";
  ctx.controls.append(
    select("Smoothing", "smoothing", SMOOTHING.map((s) => ({ value: String(s), text: String(s) })), String(smoothing), (v) => ctx.setUi({ smoothing: Number(v) })),
    select("x", "xAxis", [{ value: "step", text: "step" }, { value: "questions", text: "questions seen" }], xAxis, (v) => ctx.setUi({ xAxis: v })),
  );
  const keys = [...new Set(p.series.map((s) => `${s.strategy}\u0000${s.model}`))];
  const models = new Set(p.series.map((s) => s.model));
  ctx.note.textContent = p.series.length === 0 ? "No loss events yet." : `${p.series.length} runs; line = mean over seeds, band = ± 1 SD.`;

  const datasets = keys.flatMap((key, i) => {
    const [strategy, model] = key.split("\u0000") as [string, string];
    const runs = p.series.filter((s) => s.strategy === strategy && s.model === model)
      .map((s) => ({ x: xAxis === "step" ? s.steps : s.questionsSeen, y: smooth(s.loss, smoothing) }));
    const band = meanBand(runs);
    const color = theme.palette[i % theme.palette.length]!;
    const label = models.size > 1 ? `${strategy} · ${model}` : strategy;
    return [
      { label: `${label} (−1 SD)`, data: band.map((b) => ({ x: b.x, y: b.low })), borderWidth: 0, pointRadius: 0, fill: false, backgroundColor: withAlpha(color, 0.15), borderColor: "transparent", syllabusBand: true },
      { label: `${label} (+1 SD)`, data: band.map((b) => ({ x: b.x, y: b.high })), borderWidth: 0, pointRadius: 0, fill: "-1" as const, backgroundColor: withAlpha(color, 0.15), borderColor: "transparent", syllabusBand: true },
      { label, data: band.map((b) => ({ x: b.x, y: b.mean })), borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 0, fill: false },
    ];
  });

  return new Chart(ctx.canvas, {
    type: "line",
    data: { datasets },
    options: {
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      interaction: { mode: "nearest", intersect: false },
      scales: {
        x: { type: "linear", title: { display: true, text: xAxis === "step" ? "step" : "questions seen" } },
        y: { title: { display: true, text: "training loss" } },
      },
      plugins: {
        legend: { labels: { filter: (item) => !/ \([−+]1 SD\)$/.test(item.text) } },
      },
    },
  });
};
