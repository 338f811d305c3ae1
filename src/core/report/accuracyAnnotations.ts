/**
 * Honest-statistics annotations for the accuracy charts of charts.ts, applied to a finished ChartSpec
 * (so the chart builders stay one concern each):
 *  - the 95% error bar of every strategy becomes the cell's AccuracyInterval (bootstrap over seeds and
 *    questions with predictions, else the t over seeds clipped to [0, 100]); a cell without an interval
 *    has no bar, and its `pointLabels` says why;
 *  - every bar carries its n ("n = 5×96": seeds × questions) as a point label;
 *  - the chance level (from the eval set's option counts) as a reference line (options.plugins.syllabusOverlays.hLines), so a reader sees at once
 *    that 27% on a four-option test is 25% plus noise;
 *  - the value axis starts at 0: an accuracy is never negative.
 */
import type { CellStats } from "../stats/types";
import { intervalKey, type AccuracyInterval } from "../stats/interval";
import { pct } from "../stats/format";
import type { ChartDataset, ChartSpec } from "../charts/spec";
import type { GroupBy } from "./charts";
import type { QuestionGain } from "../stats/questionAnalysis";

export interface AccuracyAnnotations {
  experiment: string;
  groupBy: GroupBy;
  slice: string;
  cells: readonly CellStats[];
  /** Interval of (model, eval set, strategy) — key intervalKey(). */
  intervals: ReadonlyMap<string, AccuracyInterval>;
  /** Chance level (fraction) per eval set, when the option counts are known. */
  chance: ReadonlyMap<string, number>;
}


export function annotateAccuracyChart(spec: ChartSpec, a: AccuracyAnnotations): ChartSpec {
  const labels = spec.config.data.labels ?? [];
  const at = (g: string) => (a.groupBy === "model" ? { model: g, evalSet: a.slice } : { model: a.slice, evalSet: g });
  const datasets: ChartDataset[] = spec.config.data.datasets.map((ds) => {
    if (ds.role !== "strategy" && ds.role !== "baseline") return ds;
    const intervals = labels.map((g) => {
      const { model, evalSet } = at(g);
      return a.intervals.get(intervalKey(model, evalSet, ds.key));
    });
    const nOf = (i: AccuracyInterval | undefined) => (i ? `n = ${i.seeds}×${i.questions}${i.low === undefined ? " (no CI)" : ""}` : "");
    const errorBars = intervals.map((i): [number, number] | null => (i && i.low !== undefined && i.high !== undefined ? [i.low * 100, i.high * 100] : null));
    // The baseline is a line across each group: its n goes in its legend label, not on the bars.
    if (ds.role === "baseline") return { ...ds, errorBars, label: `${ds.label}, ${[...new Set(intervals.map(nOf).filter(Boolean))].join("; ")}` };
    return { ...ds, errorBars, pointLabels: intervals.map(nOf) };
  });
  // The chance level as reference lines (one per distinct level, named by its eval sets).
  const byLevel = new Map<string, { y: number; sets: string[] }>();
  for (const g of labels) {
    const set = at(g).evalSet;
    const c = a.chance.get(set);
    if (c === undefined) continue;
    const key = pct(c, 1);
    const entry = byLevel.get(key) ?? { y: c * 100, sets: [] };
    if (!entry.sets.includes(set)) entry.sets.push(set);
    byLevel.set(key, entry);
  }
  const hLines = [...byLevel].map(([level, { y, sets }]) => ({ y, label: `chance ${level}%${byLevel.size > 1 ? ` (${sets.join(", ")})` : ""}`, color: "#777777" }));
  const options = spec.config.options as { scales?: { y?: Record<string, unknown> } };
  const title = spec.title.replace("(mean over seeds, 95% CI)", "(mean over seeds; 95% CI, method in the table; n = seeds × questions; dashed grey: chance)");
  return {
    ...spec,
    title,
    config: {
      ...spec.config,
      data: { ...spec.config.data, datasets },
      options: {
        ...spec.config.options,
        plugins: { ...spec.config.options.plugins, title: { display: true, text: title }, syllabusOverlays: { ...spec.config.options.plugins?.syllabusOverlays, hLines: [...(spec.config.options.plugins?.syllabusOverlays?.hLines ?? []), ...hLines] } },
        scales: { ...options.scales, y: { ...options.scales?.y, min: 0 } },
      },
    },
  };
}

/**
 * The gain chart with the per-question paired bootstrap's 95% CI (seeds × questions) where predictions
 * exist, instead of the seed-paired t (which, with identical seeds, has zero width), and n on every bar.
 */
export function annotateGainChart(spec: ChartSpec, gains: readonly QuestionGain[]): ChartSpec {
  if (gains.length === 0) return spec;
  const labels = spec.config.data.labels ?? [];
  const at = (label: string, strategy: string) => gains.find((g) => `${g.model} · ${g.evalSet}` === label && g.strategy === strategy);
  const datasets = spec.config.data.datasets.map((ds) => {
    const found = labels.map((l) => at(l, ds.key));
    return {
      ...ds,
      errorBars: found.map((g): [number, number] | null => (g && Number.isFinite(g.bootstrap.ci95[0]) ? [g.bootstrap.ci95[0] * 100, g.bootstrap.ci95[1] * 100] : null)),
      pointLabels: found.map((g) => (g ? `n = ${g.bootstrap.seeds.length}×${g.bootstrap.questions}` : "")),
    };
  });
  const title = spec.title.replace("95% CI paired by seed", "95% CI: paired bootstrap over seeds and questions; n = seeds × questions");
  return { ...spec, title, config: { ...spec.config, data: { ...spec.config.data, datasets }, options: { ...spec.config.options, plugins: { ...(spec.config.options.plugins as object), title: { display: true, text: title } } } } };
}
