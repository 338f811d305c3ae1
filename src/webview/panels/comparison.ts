/**
 * Strategy comparison: mean accuracy per strategy with 95% CI error bars, grouped on the x axis by model or
 * eval set (the other dimension is a filter), the baseline's accuracy marked in each group, a gain view
 * (difference to the baseline with its CI), per-seed dots on demand and the paired p-value in the tooltip.
 */
import { Chart } from "chart.js";
import { checkbox, pct, select } from "../dom";
import type { ComparisonCell, ComparisonPayload } from "../messages";
import { withAlpha } from "../theme";
import type { Renderer } from "./context";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export const renderComparison: Renderer<ComparisonPayload> = (ctx) => {
  const { payload: p, ui, theme } = ctx;
  const groupBy = ui.groupBy ?? (unique(p.cells.map((c) => c.model)).length > 1 ? "model" : "evalSet");
  const other = groupBy === "model" ? "evalSet" : "model";
  const filters = unique(p.cells.map((c) => c[other]));
  const filter = ui.filter && filters.includes(ui.filter) ? ui.filter : filters[0];
  const view = ui.view ?? "accuracy";
  const showSeeds = ui.showSeeds ?? false;

  ctx.controls.append(
    select("Group by", "groupBy", [{ value: "model", text: "model" }, { value: "evalSet", text: "eval set" }], groupBy, (v) => ctx.setUi({ groupBy: v, filter: undefined })),
    select(other === "model" ? "Model" : "Eval set", "filter", filters.map((f) => ({ value: f, text: f })), filter ?? "", (v) => ctx.setUi({ filter: v })),
    select("Show", "view", [{ value: "accuracy", text: "accuracy" }, { value: "gain", text: `gain over ${p.baseline}` }], view, (v) => ctx.setUi({ view: v })),
    checkbox("seeds", "showSeeds", showSeeds, (v) => ctx.setUi({ showSeeds: v })),
  );

  const cells = p.cells.filter((c) => c[other] === filter);
  const groups = unique(cells.map((c) => c[groupBy]));
  const strategies = unique(cells.map((c) => c.strategy)).filter((s) => view === "accuracy" || s !== p.baseline);
  const cellOf = (strategy: string, group: string): ComparisonCell | undefined => cells.find((c) => c.strategy === strategy && c[groupBy] === group);
  const seedCount = Math.max(0, ...cells.map((c) => c.seeds.length));
  ctx.note.textContent = cells.length === 0
    ? "No finished runs yet."
    : `${p.experiment}: ${plural(strategies.length, "strategy", "strategies")} × ${plural(groups.length, groupBy === "model" ? "model" : "eval set")}, up to ${plural(seedCount, "seed")}; error bars are 95% CIs over seeds.`;

  const datasets = strategies.map((strategy, i) => {
    const color = theme.palette[i % theme.palette.length]!;
    const data: (number | null)[] = [];
    const errorBars: ([number, number] | null)[] = [];
    const seedPoints: number[][] = [];
    for (const g of groups) {
      const c = cellOf(strategy, g);
      if (!c) { data.push(null); errorBars.push(null); seedPoints.push([]); continue; }
      if (view === "gain") {
        data.push(c.gain ? c.gain.mean * 100 : null);
        errorBars.push(c.gain?.ciLow !== undefined && c.gain.ciHigh !== undefined ? [c.gain.ciLow * 100, c.gain.ciHigh * 100] : null);
        seedPoints.push([]);
      } else {
        data.push(c.mean * 100);
        errorBars.push(c.ciLow !== undefined && c.ciHigh !== undefined ? [c.ciLow * 100, c.ciHigh * 100] : null);
        seedPoints.push(showSeeds ? c.seeds.map((s) => s.accuracy * 100) : []);
      }
    }
    const isBaseline = strategy === p.baseline;
    return {
      type: "bar" as const,
      label: strategy,
      data,
      errorBars,
      seedPoints,
      backgroundColor: withAlpha(color, isBaseline ? 0.35 : 0.75),
      borderColor: color,
      borderWidth: 1,
    };
  });

  const baselineValues = groups.map((g) => {
    const c = cellOf(p.baseline, g);
    return view === "accuracy" && c ? c.mean * 100 : null;
  });

  // chart.js scales to the bars only; the CIs and seed dots must fit too
  const drawn = datasets.flatMap((d) => [...d.data, ...d.errorBars.flatMap((b) => b ?? []), ...d.seedPoints.flat()]).filter((v): v is number => v !== null && Number.isFinite(v));
  const top = Math.max(0, ...drawn);
  const bottom = Math.min(0, ...drawn);

  return new Chart(ctx.canvas, {
    type: "bar",
    data: { labels: groups, datasets },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: { suggestedMax: top + (top - bottom) * 0.05, suggestedMin: bottom, title: { display: true, text: view === "gain" ? `accuracy gain over ${p.baseline} (points)` : "accuracy (%)" } },
        x: { title: { display: true, text: groupBy === "model" ? "model" : "eval set" } },
      },
      plugins: {
        syllabusOverlays: {
          color: theme.foreground,
          categoryMarks: view === "accuracy" ? { values: baselineValues, color: theme.muted, label: `${p.baseline} (baseline)` } : undefined,
          hLines: view === "gain" ? [{ y: 0, label: p.baseline, color: theme.muted }] : [],
        },
        tooltip: {
          callbacks: {
            afterLabel: (item) => {
              const c = cellOf(strategies[item.datasetIndex]!, groups[item.dataIndex]!);
              if (!c) return "";
              const lines = [`95% CI ${pct(c.ciLow)} – ${pct(c.ciHigh)}, ${c.seeds.length} seeds`];
              if (c.gain) lines.push(`gain ${(c.gain.mean * 100).toFixed(1)} points (CI ${pct(c.gain.ciLow)} – ${pct(c.gain.ciHigh)})`);
              if (c.pValue !== undefined) lines.push(`paired p = ${c.pValue < 0.001 ? c.pValue.toExponential(1) : c.pValue.toFixed(3)} vs ${p.baseline}`);
              return lines;
            },
          },
        },
      },
    },
  });
};
