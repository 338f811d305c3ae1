/** Per-category accuracy: one horizontal bar group per category, one bar per strategy, n in the tooltip. */
import { Chart } from "chart.js";
import { categoriesChart } from "../../core/charts/panels";
import type { CategoriesPayload } from "../messages";
import { toChartConfig } from "../render";
import type { Renderer } from "./context";

export const renderCategories: Renderer<CategoriesPayload> = (ctx) => {
  const { payload: p, theme } = ctx;
  ctx.note.textContent = `${p.model} on ${p.evalSet}: ${p.categories.length} categories, accuracy averaged over seeds; hover a bar for its 95% interval and n (seeds × questions of the category).`;
  const config = toChartConfig(categoriesChart(p), theme);
  config.options!.plugins!.tooltip = { callbacks: { afterLabel: (item) => p.strategies[item.datasetIndex]?.interval?.[item.dataIndex] ?? `n = ${p.strategies[item.datasetIndex]?.n[item.dataIndex] ?? "?"}` } };
  return new Chart(ctx.canvas, config);
};
