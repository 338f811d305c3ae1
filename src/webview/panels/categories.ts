/** Per-category accuracy: one horizontal bar group per category, one bar per strategy, n in the tooltip. */
import { Chart } from "chart.js";
import type { CategoriesPayload } from "../messages";
import { withAlpha } from "../theme";
import type { Renderer } from "./context";

export const renderCategories: Renderer<CategoriesPayload> = (ctx) => {
  const { payload: p, theme } = ctx;
  ctx.note.textContent = `${p.model} on ${p.evalSet}: ${p.categories.length} categories, accuracy averaged over seeds.`;
  const datasets = p.strategies.map((s, i) => {
    const color = theme.palette[i % theme.palette.length]!;
    return { label: s.strategy, data: s.accuracy.map((a) => (a === null ? null : a * 100)), backgroundColor: withAlpha(color, 0.75), borderColor: color, borderWidth: 1 };
  });
  return new Chart(ctx.canvas, {
    type: "bar",
    data: { labels: p.categories, datasets },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { title: { display: true, text: "accuracy (%)" }, min: 0, max: 100 } },
      plugins: {
        tooltip: { callbacks: { afterLabel: (item) => `n = ${p.strategies[item.datasetIndex]?.n[item.dataIndex] ?? "?"}` } },
      },
    },
  });
};
