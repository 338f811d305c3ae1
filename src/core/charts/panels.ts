/**
 * The panels' charts as chart specs (./spec.ts): pure functions of a payload and the user's options, so the
 * colours, error bars and numbers a panel draws are testable without a browser and match the report's. The
 * webviews (src/webview/panels) add only what cannot be JSON: controls, tooltips, the theme's axis colours.
 */
import type { CategoriesPayload, ComparisonCell, ComparisonPayload, CurvesPayload, OrdersPayload } from "./payloads";
import { nameColor, strategyColor, withAlpha } from "./palette";
import { meanBand, smooth } from "./series";
import type { ChartDataset, ChartSpec } from "./spec";

const unique = <T>(xs: T[]) => [...new Set(xs)];

export interface ComparisonView {
  groupBy: "model" | "evalSet";
  /** The value of the other factor shown. */
  filter: string | undefined;
  view: "accuracy" | "gain";
  showSeeds: boolean;
  /** The choices the controls offer. */
  filters: string[];
  groups: string[];
  strategies: string[];
  cellOf(strategy: string, group: string): ComparisonCell | undefined;
}

/** Resolves the comparison panel's options against its payload (defaults, a filter that no longer exists). */
export function comparisonView(p: ComparisonPayload, ui: { groupBy?: "model" | "evalSet"; filter?: string; view?: "accuracy" | "gain"; showSeeds?: boolean }): ComparisonView {
  const groupBy = ui.groupBy ?? (unique(p.cells.map((c) => c.model)).length > 1 ? "model" : "evalSet");
  const other = groupBy === "model" ? "evalSet" : "model";
  const filters = unique(p.cells.map((c) => c[other]));
  const filter = ui.filter && filters.includes(ui.filter) ? ui.filter : filters[0];
  const view = ui.view ?? "accuracy";
  const cells = p.cells.filter((c) => c[other] === filter);
  const groups = unique(cells.map((c) => c[groupBy]));
  const strategies = unique(cells.map((c) => c.strategy)).filter((s) => view === "accuracy" || s !== p.baseline);
  return { groupBy, filter, view, showSeeds: ui.showSeeds ?? false, filters, groups, strategies, cellOf: (s, g) => cells.find((c) => c.strategy === s && c[groupBy] === g) };
}

/** Accuracy (or gain over the baseline) per strategy with 95% CIs, grouped by model or eval set. */
export function comparisonChart(p: ComparisonPayload, v: ComparisonView): ChartSpec {
  const datasets: ChartDataset[] = v.strategies.map((strategy) => {
    const color = strategyColor(strategy);
    const data: (number | null)[] = [];
    const errorBars: ([number, number] | null)[] = [];
    const seedPoints: number[][] = [];
    const pointLabels: string[] = [];
    for (const g of v.groups) {
      const c = v.cellOf(strategy, g);
      if (!c) { data.push(null); errorBars.push(null); seedPoints.push([]); pointLabels.push(""); continue; }
      // n at the foot of every bar, as in the report; one seed has no interval, and the label says so
      pointLabels.push(`n = ${c.seeds.length} seed${c.seeds.length === 1 ? " (no CI)" : "s"}`);
      if (v.view === "gain") {
        data.push(c.gain ? c.gain.mean * 100 : null);
        errorBars.push(c.gain?.ciLow !== undefined && c.gain.ciHigh !== undefined ? [c.gain.ciLow * 100, c.gain.ciHigh * 100] : null);
        seedPoints.push([]);
      } else {
        data.push(c.mean * 100);
        errorBars.push(c.ciLow !== undefined && c.ciHigh !== undefined ? [c.ciLow * 100, c.ciHigh * 100] : null);
        seedPoints.push(v.showSeeds ? c.seeds.map((s) => s.accuracy * 100) : []);
      }
    }
    const isBaseline = strategy === p.baseline;
    return { type: "bar", label: strategy, key: strategy, role: isBaseline ? "baseline" : "strategy", data, errorBars, seedPoints, pointLabels, backgroundColor: withAlpha(color, isBaseline ? 0.35 : 0.75), borderColor: color, borderWidth: 1 };
  });
  // chart.js scales to the bars only; the CIs and seed dots must fit too
  const drawn = datasets.flatMap((d) => [...(d.data as (number | null)[]), ...(d.errorBars ?? []).flatMap((b) => b ?? []), ...(d.seedPoints ?? []).flat()]).filter((x): x is number => x !== null && Number.isFinite(x));
  const top = Math.max(0, ...drawn);
  const bottom = Math.min(0, ...drawn);
  const title = v.view === "gain" ? `accuracy gain over ${p.baseline} (points)` : "accuracy (%)";
  return {
    id: `comparison-${v.view}`,
    title,
    config: {
      type: "bar",
      data: { labels: v.groups, datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          // an accuracy axis is 0-100 (the intervals stay inside it); a gain axis fits its bars and intervals
          y: v.view === "accuracy" ? { min: 0, max: 100, title: { display: true, text: title } } : { suggestedMax: top + (top - bottom) * 0.05, suggestedMin: bottom, title: { display: true, text: title } },
          x: { title: { display: true, text: v.groupBy === "model" ? "model" : "eval set" } },
        },
        plugins: { syllabusOverlays: { hLines: v.view === "gain" ? [{ y: 0, label: p.baseline }] : chanceLines(p, v) } },
      },
    },
  };
}

/** The chance level of the eval sets in view (from the option counts), one reference line per distinct level. */
function chanceLines(p: ComparisonPayload, v: ComparisonView): { y: number; label: string }[] {
  const sets = [...new Set(v.groups.flatMap((g) => v.strategies.flatMap((s) => v.cellOf(s, g)?.evalSet ?? [])))];
  const levels = [...new Set(sets.map((e) => p.chance?.[e]).filter((x): x is number => x !== undefined).map((x) => Math.round(x * 1000) / 10))];
  return levels.map((y) => ({ y, label: `chance ${y}%` }));
}

/** Training loss per strategy: mean ± 1 SD over seeds as a band, smoothed, by step or by questions seen. */
export function curvesChart(p: CurvesPayload, ui: { smoothing: number; xAxis: "step" | "questions" }): ChartSpec {
  const keys = unique(p.series.map((s) => `${s.strategy}\u0000${s.model}`));
  const models = new Set(p.series.map((s) => s.model));
  const datasets: ChartDataset[] = keys.flatMap((key) => {
    const [strategy, model] = key.split("\u0000") as [string, string];
    const runs = p.series.filter((s) => s.strategy === strategy && s.model === model).map((s) => ({ x: ui.xAxis === "step" ? s.steps : s.questionsSeen, y: smooth(s.loss, ui.smoothing) }));
    const band = meanBand(runs);
    const color = strategyColor(strategy);
    const label = models.size > 1 ? `${strategy} · ${model}` : strategy;
    const fillColor = withAlpha(color, 0.15);
    return [
      { type: "line", label: `${label} (−1 SD)`, key: strategy, role: "band-lower", data: band.map((b) => ({ x: b.x, y: b.low })), borderWidth: 0, pointRadius: 0, fill: false, backgroundColor: fillColor, borderColor: "transparent" },
      { type: "line", label: `${label} (+1 SD)`, key: strategy, role: "band-upper", data: band.map((b) => ({ x: b.x, y: b.high })), borderWidth: 0, pointRadius: 0, fill: "-1", backgroundColor: fillColor, borderColor: "transparent" },
      { type: "line", label, key: strategy, role: "strategy", data: band.map((b) => ({ x: b.x, y: b.mean })), borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 0, fill: false },
    ];
  });
  return {
    id: "curves",
    title: "training loss",
    config: {
      type: "line",
      data: { datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        interaction: { mode: "nearest", intersect: false },
        scales: { x: { type: "linear", title: { display: true, text: ui.xAxis === "step" ? "step" : "questions seen" } }, y: { title: { display: true, text: "training loss" } } },
      },
    },
  };
}

/** Per-category accuracy: one horizontal bar group per category, one bar per strategy. */
export function categoriesChart(p: CategoriesPayload): ChartSpec {
  const datasets: ChartDataset[] = p.strategies.map((s) => {
    const color = strategyColor(s.strategy);
    return { type: "bar", label: s.strategy, key: s.strategy, role: "strategy", data: s.accuracy.map((a) => (a === null ? null : a * 100)), backgroundColor: withAlpha(color, 0.75), borderColor: color, borderWidth: 1 };
  });
  return {
    id: "categories",
    title: `accuracy per category on ${p.evalSet}`,
    config: { type: "bar", data: { labels: p.categories, datasets }, options: { indexAxis: "y", maintainAspectRatio: false, animation: false, scales: { x: { title: { display: true, text: "accuracy (%)" }, min: 0, max: 100 } } } },
  };
}

/** One training order: difficulty at each position, one colour per category, the curriculum's thresholds. */
export function ordersChart(p: OrdersPayload, order: OrdersPayload["orders"][number]): ChartSpec {
  const groups = p.categories.length > 0 ? p.categories.map((name, index) => ({ name, index })) : [{ name: "questions", index: -1 }];
  const datasets: ChartDataset[] = groups.map((g) => {
    const data: { x: number; y: number }[] = [];
    order.difficulty.forEach((d, pos) => {
      if (d !== null && (g.index === -1 || order.category[pos] === g.index)) data.push({ x: pos, y: d });
    });
    const color = nameColor(g.name);
    return { type: "scatter", label: g.name, key: g.name, role: "series", data, backgroundColor: color, borderColor: color, pointRadius: 2 };
  });
  const hLines = p.thresholds ? [{ y: p.thresholds.easy, label: `easy ≤ ${p.thresholds.easy}` }, { y: p.thresholds.medium, label: `medium ≤ ${p.thresholds.medium}` }] : [];
  return {
    id: `orders-${order.strategy}-${order.seed}`,
    title: `${order.strategy} order (seed ${order.seed})`,
    config: {
      type: "scatter",
      data: { datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { title: { display: true, text: "position in training order" } }, y: { title: { display: true, text: "difficulty" } } },
        plugins: { syllabusOverlays: { hLines } },
      },
    },
  };
}
