/**
 * Learning curves: training loss per strategy, mean ± one SD over seeds as a band, with TensorBoard-style
 * smoothing and the x axis by optimizer step or by questions seen. The chart is core's (src/core/charts/panels.ts).
 */
import { Chart } from "chart.js";
import { curvesChart } from "../../core/charts/panels";
import { select } from "../dom";
import type { CurvesPayload } from "../messages";
import { toChartConfig } from "../render";
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
  ctx.note.textContent = p.series.length === 0 ? "No loss events yet." : `${p.series.length} runs; line = mean over seeds, band = ± 1 SD.`;
  return new Chart(ctx.canvas, toChartConfig(curvesChart(p, { smoothing, xAxis }), theme));
};
