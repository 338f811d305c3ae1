/**
 * Strategy comparison: mean accuracy per strategy with 95% CI error bars, grouped on the x axis by model or
 * eval set (the other dimension is a filter), a gain view (difference to the baseline with its CI), per-seed
 * dots on demand and the paired p-value in the tooltip. The chart itself is core's (src/core/charts/panels.ts).
 */
import { Chart } from "chart.js";
import { comparisonChart, comparisonView } from "../../core/charts/panels";
import { checkbox, pct, select } from "../dom";
import type { ComparisonPayload } from "../messages";
import { toChartConfig } from "../render";
import type { Renderer } from "./context";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const renderComparison: Renderer<ComparisonPayload> = (ctx) => {
  const { payload: p, ui, theme } = ctx;
  const v = comparisonView(p, ui);
  const other = v.groupBy === "model" ? "evalSet" : "model";
  ctx.controls.append(
    select("Group by", "groupBy", [{ value: "model", text: "model" }, { value: "evalSet", text: "eval set" }], v.groupBy, (x) => ctx.setUi({ groupBy: x, filter: undefined })),
    select(other === "model" ? "Model" : "Eval set", "filter", v.filters.map((f) => ({ value: f, text: f })), v.filter ?? "", (x) => ctx.setUi({ filter: x })),
    select("Show", "view", [{ value: "accuracy", text: "accuracy" }, { value: "gain", text: `gain over ${p.baseline}` }], v.view, (x) => ctx.setUi({ view: x })),
    checkbox("seeds", "showSeeds", v.showSeeds, (x) => ctx.setUi({ showSeeds: x })),
  );
  const cells = v.groups.flatMap((g) => v.strategies.flatMap((s) => v.cellOf(s, g) ?? []));
  const seedCount = Math.max(0, ...cells.map((c) => c.seeds.length));
  const methods = [...new Set(cells.flatMap((c) => c.ciMethod ?? []))];
  const bars = methods.length ? `error bars are 95% CIs (${methods.join("; ")})` : "no error bars (one seed, no per-question predictions)";
  ctx.note.textContent = cells.length === 0
    ? "No finished runs yet."
    : `${p.experiment}: ${plural(v.strategies.length, "strategy", "strategies")} × ${plural(v.groups.length, v.groupBy === "model" ? "model" : "eval set")}, up to ${plural(seedCount, "seed")}; ${bars}.${p.claim ? ` ${p.claim}.` : ""}${p.pairedBy ? ` Tests: ${p.pairedBy}.` : ""}`;

  const config = toChartConfig(comparisonChart(p, v), theme);
  config.options!.plugins!.tooltip = {
    callbacks: {
      afterLabel: (item) => {
        const c = v.cellOf(v.strategies[item.datasetIndex]!, v.groups[item.dataIndex]!);
        if (!c) return "";
        const lines = c.intervalLabel ? [c.intervalLabel] : [`95% CI ${pct(c.ciLow)} – ${pct(c.ciHigh)}, ${c.seeds.length} seeds`];
        if (c.gainClaim) return [...lines, c.gainClaim];
        if (c.gain) lines.push(`gain ${(c.gain.mean * 100).toFixed(1)} points (CI ${pct(c.gain.ciLow)} – ${pct(c.gain.ciHigh)})`);
        if (c.pValue !== undefined) lines.push(`p = ${c.pValue < 0.001 ? c.pValue.toExponential(1) : c.pValue.toFixed(3)} vs ${p.baseline}${c.test ? ` (${c.test})` : ""}`);
        return lines;
      },
    },
  };
  return new Chart(ctx.canvas, config);
};
