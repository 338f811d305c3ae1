/**
 * writeReport: results (and optional loss events) in, a report folder out —
 *   report.html            self-contained (charts inlined, no external requests)
 *   runs.csv               every run
 *   tables/<exp>.md|.tex|.csv   the study-layout table of each experiment
 *   stats.json             everything computed (cells, comparisons, tables, summaries) for other tools
 *   charts/<id>.png        each chart rendered in headless Chromium (unless png: false)
 * The CLI (`syllabus report`) is a thin wrapper; the run store will call this with its results.
 */
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import type { LossEvent, RunResult } from "../stats/types";
import { validateEvents, validateResults } from "../stats/validate";
import { aggregateResults } from "../stats/aggregate";
import { compareAcrossGrid, compareBySeed, requireBaseline } from "../stats/compare";
import { tableFromCells } from "../stats/studyTable";
import { summarizeTable } from "../stats/summary";
import { summarizeCurves } from "../stats/curves";
import { firstAppearance } from "../stats/order";
import { gainChart, learningCurveChart, slug, strategyComparisonCharts, type ChartSpec, type GroupBy } from "./charts";
import { renderTable } from "./tables";
import { buildReportHtml, type ExperimentSection } from "./html";
import { writeFileAtomic } from "./files";
import { assertChromium, renderChartPngs } from "./render";
import { analyzeQuestions, cellInterval, type QuestionAnalysis, type RunPredictions } from "../stats/questionAnalysis";
import { experimentEvidence } from "../stats/evidence";
import { intervalKey, type AccuracyInterval } from "../stats/interval";
import { DEFAULT_RESAMPLES } from "../stats/resample";
import { minimalDetectableEffect } from "../stats/power";
import { annotateAccuracyChart, annotateGainChart } from "./accuracyAnnotations";
import type { CellInterval } from "./statsHtml";

export interface ReportInput {
  results: RunResult[];
  events?: LossEvent[];
  title: string;
  /** The strategy every other is compared with; "random" in the study. */
  baseline?: string;
  /** Plain-text lines shown at the top of the report, escaped (the demo's story). */
  preamble?: string[];
  /** Per-question predictions of the runs, when available: per-question tests, chance, letters, categories. */
  predictions?: RunPredictions[];
}

export interface ReportOptions {
  /** Render charts/<id>.png with headless Chromium (default true). */
  png?: boolean;
  /** Group the accuracy charts by model (one chart per eval set, default) or by eval set. */
  groupBy?: GroupBy;
  /** Where the inputs came from, for error messages. */
  source?: string;
  /** Bootstrap resamples (default 10,000) and its RNG seed (default 0). */
  resamples?: number;
  bootstrapSeed?: number;
}

export interface ReportOutput {
  files: string[];
  sections: ExperimentSection[];
}

/** Chart ids become file names: make them unique even when two names slug alike. */
function uniqueIds(charts: ChartSpec[]): ChartSpec[] {
  const seen = new Map<string, number>();
  return charts.map((c) => {
    const n = (seen.get(c.id) ?? 0) + 1;
    seen.set(c.id, n);
    return n === 1 ? c : { ...c, id: `${c.id}-${n}` };
  });
}

export async function writeReport(input: ReportInput, outDir: string, options: ReportOptions = {}): Promise<ReportOutput> {
  const file = options.source ?? "results";
  const baseline = input.baseline ?? "random";
  const results = validateResults(input.results, { file });
  const events = input.events ? validateEvents(input.events, { file, path: "events" }) : [];
  const cells = aggregateResults(results);
  requireBaseline(cells, baseline, file);
  const comparisons = compareBySeed(cells, baseline);
  const grid = compareAcrossGrid(cells, baseline);
  const curves = summarizeCurves(events, file);
  if (options.png !== false) assertChromium();
  const experiments = firstAppearance(results, (r) => r.experiment);
  const resample = { resamples: options.resamples ?? DEFAULT_RESAMPLES, seed: options.bootstrapSeed ?? 0 };
  const predictions = input.predictions ?? [];
  const questions: QuestionAnalysis | undefined = predictions.length ? analyzeQuestions(predictions, baseline, resample) : undefined;

  const sections: ExperimentSection[] = experiments.map((name) => {
    const table = tableFromCells(cells, name);
    const cmp = comparisons.filter((c) => c.experiment === name);
    const models = firstAppearance(curves.filter((c) => c.experiment === name), (c) => c.model);
    const mine = cells.filter((c) => c.experiment === name);
    // One interval per cell: the bootstrap over seeds and questions where predictions exist, else the clipped t over seeds.
    const intervals = new Map<string, AccuracyInterval>(mine.map((c) => [intervalKey(c.model, c.evalSet, c.strategy), cellInterval(c, questions)]));
    const diagnostics = (questions?.diagnostics ?? []).filter((d) => d.experiment === name);
    const chance = new Map<string, number>();
    for (const e of firstAppearance(diagnostics, (d) => d.evalSet)) {
      const levels = diagnostics.filter((d) => d.evalSet === e).map((d) => d.chance.chance).filter(Number.isFinite);
      if (levels.length) chance.set(e, levels.reduce((a, b) => a + b, 0) / levels.length);
    }
    const groupBy = options.groupBy ?? "model";
    const other = groupBy === "model" ? "evalSet" : "model";
    const slices = firstAppearance(mine, (c) => c[other]);
    const questionGains = (questions?.gains ?? []).filter((g) => g.experiment === name);
    const power = firstAppearance(mine, (c) => c.evalSet).map((evalSet) => {
      const ofSet = mine.filter((c) => c.evalSet === evalSet);
      const psi = questionGains.filter((g) => g.evalSet === evalSet && Number.isFinite(g.discordance)).map((g) => g.discordance);
      return { evalSet, mde: minimalDetectableEffect({ questions: Math.max(...ofSet.map((c) => c.n)), seeds: Math.max(...ofSet.map((c) => c.runs)), ...(psi.length ? { discordance: psi.reduce((a, b) => a + b, 0) / psi.length } : {}) }) };
    });
    const charts = [
      // strategyComparisonCharts gives one chart per value of the other factor, in first-appearance order.
      ...strategyComparisonCharts(cells, name, baseline, groupBy).map((spec, i) =>
        annotateAccuracyChart(spec, { experiment: name, groupBy, slice: slices[i]!, cells: mine, intervals, chance })),
      ...(cmp.length ? [annotateGainChart(gainChart(cmp, name), questionGains)] : []),
      ...models.map((model) => learningCurveChart(curves, { experiment: name, model })),
    ];
    // An experiment without baseline runs still gets its table; it has no gains to summarise.
    const summary = table.strategies.includes(baseline) ? summarizeTable(table, baseline) : undefined;
    const hasBaseline = table.strategies.includes(baseline);
    const evidence = hasBaseline ? experimentEvidence(cells, name, baseline, { grid, bySeed: cmp, ...(questions ? { questions } : {}) }) : undefined;
    const cellIntervals: CellInterval[] = mine.map((c) => ({ model: c.model, evalSet: c.evalSet, strategy: c.strategy, interval: intervals.get(intervalKey(c.model, c.evalSet, c.strategy))! }));
    const sharedAdapter = firstAppearance(mine, (c) => c.model).some((m) => new Set(mine.filter((c) => c.model === m).map((c) => c.evalSet)).size > 1);
    return {
      name, table, summary, comparisons: cmp, grid: grid.filter((g) => g.experiment === name), charts,
      ...(evidence ? { evidence } : {}),
      intervals: cellIntervals, diagnostics, questionGains, categories: (questions?.categories ?? []).filter((c) => c.experiment === name), power, sharedAdapter, resamples: resample.resamples,
    };
  });
  const allCharts = uniqueIds(sections.flatMap((s) => s.charts));
  let k = 0;
  for (const s of sections) s.charts = s.charts.map(() => allCharts[k++]!);

  const files: string[] = [];
  const write = (rel: string, data: string) => {
    const path = join(outDir, rel);
    writeFileAtomic(path, data);
    files.push(path);
  };
  const htmlPath = join(outDir, "report.html");
  write("report.html", buildReportHtml({ title: input.title, baseline, generatedAt: new Date().toISOString(), runs: results.length, experiments: sections, preamble: input.preamble }));
  write(
    "runs.csv",
    stringify(
      [["experiment", "model", "evalSet", "strategy", "seed", "accuracy", "n", "runId"], ...results.map((r) => [r.experiment, r.model, r.evalSet, r.strategy, r.seed, r.accuracy, r.n, r.runId ?? ""])],
      { escape_formulas: true },
    ),
  );
  const usedNames = new Map<string, number>();
  for (const s of sections) {
    const base = slug(s.name);
    const n = (usedNames.get(base) ?? 0) + 1;
    usedNames.set(base, n);
    const name = n === 1 ? base : `${base}-${n}`;
    const t = renderTable(s.table);
    write(`tables/${name}.md`, t.markdown);
    write(`tables/${name}.tex`, t.latex);
    write(`tables/${name}.csv`, t.csv);
  }
  write("stats.json", JSON.stringify({ baseline, resamples: resample.resamples, bootstrapSeed: resample.seed, cells, comparisons, grid, sections: sections.map(({ charts: _charts, ...rest }) => rest) }, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 1));
  if (options.png !== false) files.push(...(await renderChartPngs(htmlPath, outDir)));
  return { files, sections };
}
