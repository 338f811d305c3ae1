// One colour per strategy in every view and export: every chart spec the panels draw (comparison in both views
// and groupings, learning curves, per-category accuracy) and every chart of the report (accuracy by model and by
// eval set, gains, learning curves) gives each strategy the same colour — the six study strategies their fixed
// colour-blind-safe one, any other name one derived from the name alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { categoriesChart, comparisonChart, comparisonView, curvesChart } from "../../../src/core/charts/panels";
import { nameColor, STUDY_STRATEGY_COLORS, strategyColor, withAlpha } from "../../../src/core/charts/palette";
import type { CategoriesPayload, ComparisonPayload, CurvesPayload } from "../../../src/core/charts/payloads";
import type { ChartSpec } from "../../../src/core/charts/spec";
import { STRATEGIES } from "../../../src/core/ordering/types";
import { gainChart, learningCurveChart, strategyComparisonCharts } from "../../../src/core/report/charts";
import { aggregateResults } from "../../../src/core/stats/aggregate";
import { compareBySeed } from "../../../src/core/stats/compare";
import { summarizeCurves } from "../../../src/core/stats/curves";
import { syntheticGrid } from "../../fixtures/syntheticGrid";

const OTHER = "my_own_order";
const strategies = [...STRATEGIES, OTHER];

function views(): { where: string; spec: ChartSpec }[] {
  const { results, events } = syntheticGrid({ strategies, models: ["tiny", "small"], evalSets: ["medqa", "lek"], seeds: [1, 2, 3], steps: 12 });
  const cells = aggregateResults(results);
  const comparisons = compareBySeed(cells, "random");
  const experiment = cells[0]!.experiment;
  const report = [
    ...strategyComparisonCharts(cells, experiment, "random", "model"),
    ...strategyComparisonCharts(cells, experiment, "random", "evalSet"),
    gainChart(comparisons, experiment),
    ...["tiny", "small"].map((model) => learningCurveChart(summarizeCurves(events, "test"), { experiment, model })),
  ].map((spec) => ({ where: `report ${spec.id}`, spec }));

  const payload: ComparisonPayload = {
    experiment,
    baseline: "random",
    cells: cells.map((c) => {
      const cmp = comparisons.find((x) => x.model === c.model && x.evalSet === c.evalSet && x.strategy === c.strategy);
      return { strategy: c.strategy, model: c.model, evalSet: c.evalSet, mean: c.mean, ciLow: c.ci95[0], ciHigh: c.ci95[1], seeds: c.seeds.map((seed, i) => ({ seed, accuracy: c.accuracies[i]! })), gain: cmp ? { mean: cmp.gain } : undefined };
    }),
  };
  const panel: { where: string; spec: ChartSpec }[] = [];
  for (const groupBy of ["model", "evalSet"] as const) for (const view of ["accuracy", "gain"] as const) for (const showSeeds of [false, true]) {
    panel.push({ where: `panel comparison ${groupBy}/${view}`, spec: comparisonChart(payload, comparisonView(payload, { groupBy, view, showSeeds })) });
  }
  const curves: CurvesPayload = { experiment, series: events.length ? [...new Set(events.map((e) => `${e.strategy}|${e.model}|${e.seed}`))].map((k) => {
    const [strategy, model, seed] = k.split("|") as [string, string, string];
    const mine = events.filter((e) => e.strategy === strategy && e.model === model && String(e.seed) === seed);
    return { strategy, model, seed: Number(seed), steps: mine.map((e) => e.step), loss: mine.map((e) => e.loss), questionsSeen: mine.map((e) => e.step * 8) };
  }) : [] };
  for (const xAxis of ["step", "questions"] as const) panel.push({ where: `panel curves ${xAxis}`, spec: curvesChart(curves, { smoothing: 0.6, xAxis }) });
  const categories: CategoriesPayload = { experiment, model: "tiny", evalSet: "medqa", categories: ["a", "b"], strategies: strategies.map((strategy, i) => ({ strategy, accuracy: [0.3 + i / 100, null], n: [10, 0] })) };
  panel.push({ where: "panel categories", spec: categoriesChart(categories) });
  return [...report, ...panel];
}

test("each strategy has the same colour in every panel view and in the report", () => {
  const all = views();
  const seen = new Map<string, Set<string>>();
  for (const { where, spec } of all) {
    for (const ds of spec.config.data.datasets) {
      assert.ok(strategies.includes(ds.key), `${where}: dataset ${ds.label} names its strategy`);
      const color = strategyColor(ds.key);
      if (ds.role === "band-upper" || ds.role === "band-lower") {
        assert.equal(ds.backgroundColor, withAlpha(color, 0.15), `${where}: ${ds.label} band`);
        continue;
      }
      assert.equal(ds.borderColor, color, `${where}: ${ds.label}`);
      const fill = String(ds.backgroundColor);
      assert.ok(fill === color || fill.startsWith(withAlpha(color, 0).slice(0, -2)), `${where}: ${ds.label} fill ${fill} is its colour`);
      seen.set(ds.key, (seen.get(ds.key) ?? new Set()).add(`${where}`));
    }
  }
  // every strategy was drawn in every kind of view, so the equality above covered them all
  for (const s of strategies) assert.ok((seen.get(s)?.size ?? 0) >= 10, `${s} drawn in ${seen.get(s)?.size ?? 0} views`);
});

test("the six study strategies have fixed, distinct colour-blind-safe colours; others derive from the name", () => {
  assert.deepEqual(Object.keys(STUDY_STRATEGY_COLORS).sort(), [...STRATEGIES].sort());
  const okabeIto = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"];
  const colors = STRATEGIES.map(strategyColor);
  assert.equal(new Set(colors).size, 6, "distinct");
  for (const c of colors) assert.ok(okabeIto.includes(c), `${c} is an Okabe–Ito colour`);
  assert.notEqual(strategyColor("blocked"), strategyColor("interleaved_curriculum"));
  // a name's colour does not depend on what else is drawn, and differs between names
  assert.equal(strategyColor(OTHER), nameColor(OTHER));
  assert.match(nameColor(OTHER), /^#[0-9A-F]{6}$/);
  assert.notEqual(nameColor("a"), nameColor("b"));
});
