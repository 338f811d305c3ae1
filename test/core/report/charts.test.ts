// The chart builders are pure: their datasets must be exactly the statistics they were given.
import { test } from "node:test";
import assert from "node:assert/strict";
import { aggregateResults, compareBySeed, summarizeCurves } from "../../../src/core/stats/index";
import { downsample, gainChart, learningCurveChart, strategyComparisonChart, strategyComparisonCharts, strategyColor } from "../../../src/core/report/charts";
import { syntheticGrid } from "../../fixtures/syntheticGrid";

const g = syntheticGrid({ models: ["tinyllama", "mistral-7b"], evalSets: ["lek", "medqa"], steps: 1200 });
const cells = aggregateResults(g.results);

test("accuracy chart: one dataset per strategy, data = cell means in %, error bars = 95% CIs in %", () => {
  const chart = strategyComparisonChart(cells, { experiment: "lek_to_medqa", groupBy: "model", slice: "medqa", baseline: "random" });
  assert.deepEqual(chart.config.data.labels, ["tinyllama", "mistral-7b"]);
  for (const ds of chart.config.data.datasets) {
    (ds.data as number[]).forEach((v, j) => {
      const c = cells.find((x) => x.strategy === ds.key && x.evalSet === "medqa" && x.model === chart.config.data.labels![j])!;
      assert.equal(v, c.mean * 100);
      assert.deepEqual(ds.errorBars![j], [c.ci95[0] * 100, c.ci95[1] * 100]);
    });
  }
  const base = chart.config.data.datasets.filter((d) => d.role === "baseline");
  assert.deepEqual(base.map((d) => [d.key, d.type, d.groupLine]), [["random", "line", true]]);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(chart)), "plain JSON, safe to post to a webview");
  // Grouped by eval set: one chart per model, x = eval sets.
  const byEval = strategyComparisonCharts(cells, "lek_to_medqa", "random", "evalSet");
  assert.deepEqual(byEval.map((c) => c.config.data.labels), [["lek", "medqa"], ["lek", "medqa"]]);
  assert.equal(new Set(byEval.map((c) => c.id)).size, 2);
});

test("gain chart: data = seed comparisons' gains in pp, CI = the paired t CI", () => {
  const cmp = compareBySeed(cells, "random");
  const chart = gainChart(cmp, "lek_to_medqa");
  assert.equal(chart.config.data.labels!.length, 4);
  assert.ok(!chart.config.data.datasets.some((d) => d.key === "random"));
  for (const ds of chart.config.data.datasets)
    (ds.data as number[]).forEach((v, j) => {
      const [model, evalSet] = chart.config.data.labels![j]!.split(" · ");
      const c = cmp.find((x) => x.strategy === ds.key && x.model === model && x.evalSet === evalSet)!;
      assert.equal(v, c.gain * 100);
      assert.deepEqual(ds.errorBars![j], [c.tTest!.ci95[0] * 100, c.tTest!.ci95[1] * 100]);
    });
});

test("learning curves: mean line + band per strategy, downsampled by bucket means", () => {
  const curves = summarizeCurves(g.events);
  const chart = learningCurveChart(curves, { experiment: "lek_to_medqa", model: "tinyllama", maxPoints: 300 });
  assert.equal(chart.config.data.datasets.length, 6 * 3);
  const mean = chart.config.data.datasets.find((d) => d.key === "curriculum" && d.role === "strategy")!;
  const points = mean.data as { x: number; y: number }[];
  assert.equal(points.length, 300);
  const c = curves.find((x) => x.model === "tinyllama" && x.strategy === "curriculum")!;
  // Bucket 0 covers steps 0..3 (1200 / 300): its y is their mean loss, to 5 significant digits.
  assert.equal(points[0]!.y, Number(((c.mean[0]! + c.mean[1]! + c.mean[2]! + c.mean[3]!) / 4).toPrecision(5)));
  assert.equal(points[0]!.x, 1.5);
  const upper = chart.config.data.datasets.find((d) => d.key === "curriculum" && d.role === "band-upper")!;
  assert.equal(upper.fill, "+1");
});

test("downsample keeps short series as they are and averages long ones exactly", () => {
  assert.deepEqual(downsample([1, 2, 3], [[4, 5, 6]], 10), { steps: [1, 2, 3], series: [[4, 5, 6]] });
  const steps = Array.from({ length: 10 }, (_, i) => i);
  const d = downsample(steps, [steps.map((s) => 2 * s)], 5);
  assert.deepEqual(d.steps, [0.5, 2.5, 4.5, 6.5, 8.5]);
  assert.deepEqual(d.series[0], [1, 5, 9, 13, 17]);
});

test("unknown strategies get distinct colours, derived from the name alone", () => {
  assert.notEqual(strategyColor("x"), strategyColor("y"));
  assert.equal(strategyColor("x"), strategyColor("x"));
});
