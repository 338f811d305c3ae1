// The report on crafted results (the demo's failure): a four-way tie at chance yields no winner claim,
// every run is flagged (chance, always "A"), every interval stays inside [0, 100] with its n, n = 1 is
// labelled, the chance level is drawn, and the report states its assumptions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeReport } from "../../../src/core/report/index";
import { demoTie } from "../../fixtures/craftedRuns";

const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/\s+/g, " ");

test("a four-way tie at chance: no winner anywhere in the report; runs flagged; chance drawn; intervals in [0, 100]", async () => {
  const { results, predictions } = demoTie();
  const dir = mkdtempSync(join(tmpdir(), "syllabus-honest-"));
  const { sections } = await writeReport({ results, predictions, title: "demo", baseline: "random" }, dir, { png: false, resamples: 1000 });
  const page = text(readFileSync(join(dir, "report.html"), "utf8"));
  assert.doesNotMatch(page, /Winner per column|best:|Beats Random Shuffle in every column|the study's test/);
  assert.match(page, /Claim: no winner: Random Shuffle, Blocked, Interleaved, Blocked Curriculum tied at 27\.08%/);
  assert.match(page, /Beats Random Shuffle in every cell \(each cell's own test, Holm-adjusted\): none/);
  assert.match(page, /Highest per column \(descriptive, not a claim\): tiny — tie: /);
  assert.match(page, /12 of 12 runs flagged/);
  assert.match(page, /indistinguishable from chance: 27\.1% vs chance 25\.0%/);
  assert.match(page, /degenerate: always "A"/);
  assert.match(page, /the paper does not state/);
  assert.match(page, /are not independent|not independent/);
  assert.match(page, /biased upwards/);
  assert.match(page, /smallest detectable gain \d+\.\d–\d+\.\d pp \(5% two-sided, 80% power; 96 questions × 3 seeds, measured discordance/);
  const chart = sections[0]!.charts.find((c) => c.id.startsWith("accuracy"))!;
  assert.deepEqual(chart.config.options.plugins?.syllabusOverlays?.hLines, [{ y: 25, label: "chance 25.0%", color: "#777777" }]);
  assert.equal((chart.config.options as any).scales.y.min, 0);
  for (const ds of chart.config.data.datasets) for (const bar of ds.errorBars ?? []) if (bar) assert.ok(bar[0] >= 0 && bar[1] <= 100, `${ds.label}: ${bar}`);
  const bars = chart.config.data.datasets.filter((d) => d.role === "strategy");
  assert.ok(bars.every((d) => d.pointLabels?.[0] === "n = 3×96"));
  const gain = sections[0]!.charts.find((c) => c.id.startsWith("gain"))!;
  assert.match(gain.title, /95% CI: paired bootstrap over seeds and questions/);
  assert.ok(gain.config.data.datasets.every((d) => d.pointLabels?.[0] === "n = 3×96"));
  const stats = JSON.parse(readFileSync(join(dir, "stats.json"), "utf8"));
  for (const c of stats.sections[0].intervals) assert.ok(c.interval.low >= 0 && c.interval.high <= 1 && c.interval.method === "bootstrap over seeds and questions");
});

test("results only: the t interval is clipped and flagged, identical seeds give none, n = 1 is labelled", async () => {
  const rows = [
    ...[0.05, 0.5].map((accuracy, i) => ({ experiment: "x", model: "m", evalSet: "e", strategy: "random", seed: i + 1, accuracy, n: 96 })),
    { experiment: "x", model: "m", evalSet: "e", strategy: "blocked", seed: 1, accuracy: 0.271, n: 96 },
    ...[1, 2, 3].map((seed) => ({ experiment: "x", model: "m", evalSet: "e", strategy: "interleaved", seed, accuracy: 0.271, n: 96 })),
  ];
  const dir = mkdtempSync(join(tmpdir(), "syllabus-honest-"));
  const { sections } = await writeReport({ results: rows, title: "t", baseline: "random" }, dir, { png: false });
  const page = text(readFileSync(join(dir, "report.html"), "utf8"));
  assert.match(page, /27\.5% \(95% CI 0\.0–100\.0, t over seeds, clipped to \[0, 100\], tiny n; 2 seeds × 96 questions\)/);
  assert.match(page, /27\.1% \(1 seed × 96 questions: no interval from a single seed\)/);
  assert.match(page, /no seed-to-seed spread/);
  const chart = sections[0]!.charts.find((c) => c.id.startsWith("accuracy"))!;
  for (const ds of chart.config.data.datasets) for (const bar of ds.errorBars ?? []) if (bar) assert.ok(bar[0] >= 0 && bar[1] <= 100);
  assert.equal(chart.config.data.datasets.find((d) => d.key === "blocked")!.pointLabels![0], "n = 1×96 (no CI)");
  assert.deepEqual(chart.config.options.plugins?.syllabusOverlays?.hLines ?? [], [], "no option counts without predictions: no invented chance line");
});
