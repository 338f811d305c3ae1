/**
 * The report's charts in the chart model (src/core/charts/spec.ts): pure functions from aggregated statistics
 * to plain JSON, drawn by the same renderer and plugin as the panels (src/webview/chartPlugin.ts), with the same
 * colour per strategy (src/core/charts/palette.ts). Accuracies and gains are in PERCENT here (what the axes
 * show), unrounded.
 */
import type { CellStats } from "../stats/types";
import type { SeedComparison } from "../stats/compare";
import type { CurveSummary } from "../stats/curves";
import { firstAppearance, strategyLabel, strategyOrder } from "../stats/order";
import { strategyColor, withAlpha } from "../charts/palette";
import type { ChartDataset, ChartSpec } from "../charts/spec";

export type GroupBy = "model" | "evalSet";
export type { ChartDataset, ChartSpec } from "../charts/spec";
export { strategyColor } from "../charts/palette";

/** A safe file-name fragment (ids end up as PNG names). */
export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "x";
}

const baseOptions = (title: string, yTitle: string) => ({
  responsive: false,
  animation: false,
  plugins: { title: { display: true, text: title }, legend: { position: "bottom" } },
  scales: { y: { title: { display: true, text: yTitle } } },
});

const pctOf = (x: number) => (Number.isFinite(x) ? x * 100 : null);

/**
 * Accuracy per strategy with 95% CIs, grouped by model (x = models, one chart per eval set) or by eval
 * set (x = eval sets, one chart per model). The baseline is a dashed line across each group (over a
 * band for its CI), drawn by the error-bar plugin; its dataset keeps the data for tooltips and readers.
 * `cells` are one experiment's; `slice` fixes the other factor.
 */
export function strategyComparisonChart(cells: readonly CellStats[], options: { experiment: string; groupBy: GroupBy; slice: string; baseline: string }): ChartSpec {
  const other: GroupBy = options.groupBy === "model" ? "evalSet" : "model";
  const mine = cells.filter((c) => c.experiment === options.experiment && c[other] === options.slice);
  const groups = firstAppearance(mine, (c) => c[options.groupBy]);
  const strategies = strategyOrder(firstAppearance(mine, (c) => c.strategy));
  const at = (s: string, g: string) => mine.find((c) => c.strategy === s && c[options.groupBy] === g);
  const datasets: ChartDataset[] = strategies.map((s) => {
    const isBase = s === options.baseline;
    const color = strategyColor(s);
    const points = groups.map((g) => at(s, g));
    return {
      type: isBase ? "line" : "bar",
      label: isBase ? `${strategyLabel(s)} (baseline)` : strategyLabel(s),
      key: s,
      role: isBase ? "baseline" : "strategy",
      data: points.map((c) => (c ? pctOf(c.mean) : null)),
      errorBars: points.map((c) => (c && Number.isFinite(c.ci95[0]) ? [c.ci95[0] * 100, c.ci95[1] * 100] : null)),
      backgroundColor: withAlpha(color, isBase ? 0.1 : 0.75),
      borderColor: color,
      borderWidth: isBase ? 2 : 1,
      ...(isBase ? { borderDash: [6, 4], groupLine: true, showLine: false, pointRadius: 0, pointHoverRadius: 0, order: 0 } : { order: 1 }),
    };
  });
  const what = options.groupBy === "model" ? `on ${options.slice}, by model` : `of ${options.slice}, by eval set`;
  const title = `${options.experiment}: accuracy ${what} (mean over seeds, 95% CI)`;
  return {
    id: slug(`accuracy-${options.experiment}-${options.groupBy}-${options.slice}`),
    title,
    config: { type: "bar", data: { labels: groups, datasets }, options: baseOptions(title, "accuracy (%)") },
  };
}

/** Every comparison chart of an experiment: one per value of the factor not grouped by. */
export function strategyComparisonCharts(cells: readonly CellStats[], experiment: string, baseline: string, groupBy: GroupBy): ChartSpec[] {
  const other: GroupBy = groupBy === "model" ? "evalSet" : "model";
  const slices = firstAppearance(cells.filter((c) => c.experiment === experiment), (c) => c[other]);
  return slices.map((slice) => strategyComparisonChart(cells, { experiment, groupBy, slice, baseline }));
}

/**
 * Gain over the baseline (percentage points) per strategy for every (model, eval set) cell of an
 * experiment, with the 95% CI of the seed-paired mean difference where there are ≥ 2 pairs.
 */
export function gainChart(comparisons: readonly SeedComparison[], experiment: string): ChartSpec {
  const mine = comparisons.filter((c) => c.experiment === experiment);
  const cellLabel = (c: SeedComparison) => `${c.model} · ${c.evalSet}`;
  const labels = firstAppearance(mine, cellLabel);
  const strategies = strategyOrder(firstAppearance(mine, (c) => c.strategy));
  const baseline = mine[0]?.baseline ?? "baseline";
  const datasets: ChartDataset[] = strategies.map((s) => {
    const color = strategyColor(s);
    const points = labels.map((l) => mine.find((c) => c.strategy === s && cellLabel(c) === l));
    return {
      type: "bar",
      label: strategyLabel(s),
      key: s,
      role: "strategy",
      data: points.map((c) => (c ? pctOf(c.gain) : null)),
      errorBars: points.map((c) => (c?.tTest && Number.isFinite(c.tTest.ci95[0]) ? [c.tTest.ci95[0] * 100, c.tTest.ci95[1] * 100] : null)),
      backgroundColor: withAlpha(color, 0.75),
      borderColor: color,
      borderWidth: 1,
    };
  });
  const title = `${experiment}: gain over ${strategyLabel(baseline)} (percentage points, 95% CI paired by seed)`;
  const options = baseOptions(title, `gain over ${strategyLabel(baseline)} (pp)`);
  return { id: slug(`gain-${experiment}`), title, config: { type: "bar", data: { labels, datasets }, options } };
}

/** Averages consecutive points into at most `max` buckets: a 2,000-step curve stays readable and light. */
export function downsample(steps: readonly number[], series: readonly (readonly number[])[], max: number): { steps: number[]; series: number[][] } {
  if (steps.length <= max) return { steps: [...steps], series: series.map((s) => [...s]) };
  const size = steps.length / max;
  const outSteps: number[] = [];
  const outSeries = series.map(() => [] as number[]);
  for (let b = 0; b < max; b++) {
    const from = Math.floor(b * size);
    const to = Math.floor((b + 1) * size);
    let st = 0;
    for (let i = from; i < to; i++) st += steps[i]!;
    outSteps.push(st / (to - from));
    series.forEach((s, k) => {
      let acc = 0;
      for (let i = from; i < to; i++) acc += s[i]!;
      outSeries[k]!.push(acc / (to - from));
    });
  }
  return { steps: outSteps, series: outSeries };
}

/** Training loss per step, mean ± 1 sd over seeds per strategy, for one (experiment, model). */
export function learningCurveChart(curves: readonly CurveSummary[], options: { experiment: string; model: string; maxPoints?: number }): ChartSpec {
  const mine = curves.filter((c) => c.experiment === options.experiment && c.model === options.model);
  const strategies = strategyOrder(mine.map((c) => c.strategy));
  const datasets: ChartDataset[] = [];
  for (const s of strategies) {
    const c = mine.find((x) => x.strategy === s)!;
    const color = strategyColor(s);
    const upper = c.mean.map((m, i) => m + c.sd[i]!);
    const lower = c.mean.map((m, i) => m - c.sd[i]!);
    const d = downsample(c.steps, [c.mean, upper, lower], options.maxPoints ?? 500);
    // 5 significant digits are more than a loss curve shows, and keep the report small (it parses faster).
    const pts = (ys: number[]) => ys.map((y, i) => ({ x: d.steps[i]!, y: Number(y.toPrecision(5)) }));
    datasets.push(
      { type: "line", label: `${strategyLabel(s)} (${c.seeds.length} seeds)`, key: s, role: "strategy", data: pts(d.series[0]!), borderColor: color, backgroundColor: color, borderWidth: 1.5, pointRadius: 0, fill: false },
      // The band: upper fills down to the next dataset (lower); both are hidden from the legend by the page.
      { type: "line", label: `${strategyLabel(s)} +1 sd`, key: s, role: "band-upper", data: pts(d.series[1]!), borderColor: "transparent", backgroundColor: withAlpha(color, 0.15), borderWidth: 0, pointRadius: 0, fill: "+1" },
      { type: "line", label: `${strategyLabel(s)} −1 sd`, key: s, role: "band-lower", data: pts(d.series[2]!), borderColor: "transparent", backgroundColor: withAlpha(color, 0.15), borderWidth: 0, pointRadius: 0, fill: false },
    );
  }
  const title = `${options.experiment}: training loss of ${options.model} (mean ± 1 sd over seeds)`;
  const base = baseOptions(title, "loss");
  return {
    id: slug(`loss-${options.experiment}-${options.model}`),
    title,
    config: {
      type: "line",
      data: { datasets },
      // Points are {x, y} sorted by a unique x: chart.js may skip parsing and normalisation.
      options: { ...base, parsing: false, normalized: true, scales: { x: { type: "linear", title: { display: true, text: "optimizer step" } }, y: base.scales.y } },
    },
  };
}
