/**
 * The study's table (Yang et al. 2024, Table 1): strategies × (per-model average, per-eval-set average, Mean).
 * A model's value is the mean over eval sets of its cell means, an eval set's the mean over models,
 * Mean the mean over all (model, eval set) cells. Values are fractions; arrays are indexed
 * [strategy][column] so the table serialises as plain JSON (webviews, report).
 */
import type { CellStats } from "./types";
import { mean } from "./descriptive";
import { firstAppearance, strategyOrder } from "./order";
import { DataError } from "../errors";

export interface StudyTable {
  experiment: string;
  strategies: string[];
  models: string[];
  evalSets: string[];
  byModel: number[][];
  byEvalSet: number[][];
  mean: number[];
  /** Grid cells without results ("strategy: model / evalSet"); their row's averages are NaN, never biased. */
  missing: string[];
}

export function tableFromCells(cells: readonly CellStats[], experiment: string): StudyTable {
  const mine = cells.filter((c) => c.experiment === experiment);
  const strategies = strategyOrder(firstAppearance(mine, (c) => c.strategy));
  const models = firstAppearance(mine, (c) => c.model);
  const evalSets = firstAppearance(mine, (c) => c.evalSet);
  const at = new Map(mine.map((c) => [`${c.strategy}\u0000${c.model}\u0000${c.evalSet}`, c.mean]));
  const missing: string[] = [];
  const value = (s: string, m: string, e: string) => {
    const v = at.get(`${s}\u0000${m}\u0000${e}`);
    if (v === undefined) {
      missing.push(`${s}: ${m} / ${e}`);
      return Number.NaN;
    }
    return v;
  };
  const grid = strategies.map((s) => models.map((m) => evalSets.map((e) => value(s, m, e))));
  return {
    experiment,
    strategies,
    models,
    evalSets,
    byModel: grid.map((rows) => rows.map((r) => mean(r))),
    byEvalSet: grid.map((rows) => evalSets.map((_, j) => mean(rows.map((r) => r[j]!)))),
    mean: grid.map((rows) => mean(rows.flat())),
    missing,
  };
}

/**
 * A table given by its published marginals (the study releases no per-cell grid). Mean is the average
 * of the model columns — equal to the mean over all cells for a complete grid — and must agree with
 * the average of the eval-set columns to rounding (0.01 percentage point), or the table is inconsistent.
 */
export function tableFromMarginals(input: { experiment: string; strategies: string[]; models: string[]; evalSets: string[]; byModel: number[][]; byEvalSet: number[][] }, file = "table"): StudyTable {
  const means = input.byModel.map((row) => mean(row));
  const issues = input.byEvalSet.flatMap((row, i) => {
    const other = mean(row);
    return Math.abs(other - means[i]!) > 1e-4 + 1e-12
      ? [{ file, line: 0, field: input.strategies[i], message: `model average ${(means[i]! * 100).toFixed(3)} and eval-set average ${(other * 100).toFixed(3)} differ by more than rounding`, fix: "check the transcription of this row" }]
      : [];
  });
  if (issues.length) throw new DataError(issues);
  return { ...input, mean: means, missing: [] };
}
