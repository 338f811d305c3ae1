/**
 * What `syllabus inspect` and the dataset hover show: counts per category, a difficulty histogram,
 * easy/medium/hard counts at given thresholds, and suggested thresholds (the tertiles, as the study's
 * 0.66 / 0.80 are the MedQA tertiles, the published code's measure_difficulty outputs).
 */
import { levelOf } from "../ordering/levels";
import type { OrderItem, Thresholds } from "../ordering/types";
import { quantileSorted } from "./quantile";

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface DatasetSummary {
  count: number;
  /** Largest first, ties by name. */
  categories: { name: string; count: number }[];
  withoutCategory: number;
  difficulty?: {
    count: number;
    missing: number;
    min: number;
    max: number;
    mean: number;
    median: number;
    histogram: HistogramBin[];
    levels: { easy: number; medium: number; hard: number };
    thresholds: Thresholds;
    /** Tertiles: a third of the questions in each level. */
    suggestedThresholds: Thresholds;
  };
}

/** Equal-width bins over [0, 1] when every value lies there (the usual scale), else over [min, max]; the last bin is closed. */
export function histogram(values: Float64Array, bins: number): HistogramBin[] {
  if (values.length === 0) return [];
  let lo = values[0]!;
  let hi = values[values.length - 1]!;
  if (lo >= 0 && hi <= 1) [lo, hi] = [0, 1];
  if (hi === lo) return [{ from: lo, to: hi, count: values.length }];
  // Edges as lo + i·(hi−lo)/bins so that 0.3 is exactly the literal 0.3; a value on an edge opens the upper bin.
  const edge = (i: number) => (i === bins ? hi : lo + (i * (hi - lo)) / bins);
  const out = Array.from({ length: bins }, (_, i) => ({ from: edge(i), to: edge(i + 1), count: 0 }));
  for (const v of values) {
    let i = Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) * bins) / (hi - lo))));
    while (i > 0 && v < out[i]!.from) i--;
    while (i < bins - 1 && v >= out[i + 1]!.from) i++;
    out[i]!.count++;
  }
  return out;
}

export function summarizeDataset(items: readonly OrderItem[], thresholds: Thresholds, bins = 10): DatasetSummary {
  const counts = new Map<string, number>();
  let withoutCategory = 0;
  const values: number[] = [];
  for (const it of items) {
    const c = it.category?.trim();
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    else withoutCategory++;
    if (it.difficulty !== undefined && !Number.isNaN(it.difficulty)) values.push(it.difficulty);
  }
  const categories = [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const summary: DatasetSummary = { count: items.length, categories, withoutCategory };
  if (values.length === 0) return summary;
  const sorted = Float64Array.from(values).sort();
  const levels = { easy: 0, medium: 0, hard: 0 };
  for (const v of sorted) levels[(["easy", "medium", "hard"] as const)[levelOf(v, thresholds)]!]++;
  summary.difficulty = {
    count: sorted.length,
    missing: items.length - sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    median: quantileSorted(sorted, 0.5),
    histogram: histogram(sorted, bins),
    levels,
    thresholds,
    suggestedThresholds: { easy: quantileSorted(sorted, 1 / 3), medium: quantileSorted(sorted, 2 / 3) },
  };
  return summary;
}
