/**
 * The study's headline summaries of a table (Yang et al. 2024, §3 and Table 1): per model and per eval set the
 * best strategy and its gain over the baseline, the averages of those best gains, each strategy's mean
 * gain, the winner of every column, and which strategies beat the baseline in every column.
 * "Best" is the best NON-baseline strategy, so a gain can be negative when the baseline wins.
 * These are DESCRIPTIVE (they reproduce the paper's wording of its Table 1): a selected maximum, a column
 * "winner", "above the baseline in every column" carry no test. Claims are worded by claims.ts / evidence.ts.
 */
import type { StudyTable } from "./studyTable";
import { mean } from "./descriptive";
import { DataError } from "../errors";

export interface BestGain {
  column: string;
  strategy: string;
  /** best − baseline, fraction. */
  gain: number;
}

export interface ColumnWinner {
  column: string;
  kind: "model" | "evalSet" | "mean";
  /** Every strategy tied at the top. */
  strategies: string[];
  value: number;
}

export interface StudySummary {
  experiment: string;
  baseline: string;
  bestGainPerModel: BestGain[];
  bestGainPerEvalSet: BestGain[];
  averageBestGainPerModel: number;
  averageBestGainPerEvalSet: number;
  /** Per strategy: Mean column − baseline's Mean (the gain averaged over all cells). */
  meanGain: { strategy: string; gain: number }[];
  winners: ColumnWinner[];
  /** Columns won per strategy, over the model and eval-set columns (not Mean). */
  winCounts: { strategy: string; wins: number }[];
  /** Strategies strictly above the baseline in every model and eval-set column. */
  beatsBaselineEverywhere: string[];
}

export function summarizeTable(table: StudyTable, baseline: string): StudySummary {
  const b = table.strategies.indexOf(baseline);
  if (b < 0) throw new DataError([{ file: table.experiment, line: 0, field: "baseline", message: `baseline '${baseline}' is not a strategy of the table (${table.strategies.join(", ")})`, fix: "choose one of the table's strategies as the baseline" }]);
  const others = table.strategies.map((s, i) => ({ s, i })).filter((x) => x.i !== b);
  const best = (values: number[][], col: number, column: string): BestGain => {
    let top = { strategy: "", value: -Infinity };
    for (const { s, i } of others) if (values[i]![col]! > top.value) top = { strategy: s, value: values[i]![col]! };
    return { column, strategy: top.strategy, gain: top.value - values[b]![col]! };
  };
  const bestGainPerModel = table.models.map((m, j) => best(table.byModel, j, m));
  const bestGainPerEvalSet = table.evalSets.map((e, j) => best(table.byEvalSet, j, e));
  const columns: { column: string; kind: ColumnWinner["kind"]; values: number[] }[] = [
    ...table.models.map((m, j) => ({ column: m, kind: "model" as const, values: table.byModel.map((r) => r[j]!) })),
    ...table.evalSets.map((e, j) => ({ column: e, kind: "evalSet" as const, values: table.byEvalSet.map((r) => r[j]!) })),
    { column: "Mean", kind: "mean" as const, values: table.mean },
  ];
  const winners = columns.map(({ column, kind, values }) => {
    const top = Math.max(...values.filter(Number.isFinite));
    return { column, kind, value: top, strategies: table.strategies.filter((_, i) => values[i] === top) };
  });
  const winCounts = table.strategies.map((s) => ({ strategy: s, wins: winners.filter((w) => w.kind !== "mean" && w.strategies.includes(s)).length }));
  const beatsBaselineEverywhere = others
    .filter(({ i }) => columns.filter((c) => c.kind !== "mean").every((c) => c.values[i]! > c.values[b]!))
    .map((x) => x.s);
  return {
    experiment: table.experiment,
    baseline,
    bestGainPerModel,
    bestGainPerEvalSet,
    averageBestGainPerModel: mean(bestGainPerModel.map((g) => g.gain)),
    averageBestGainPerEvalSet: mean(bestGainPerEvalSet.map((g) => g.gain)),
    meanGain: others.map(({ s, i }) => ({ strategy: s, gain: table.mean[i]! - table.mean[b]! })),
    winners,
    winCounts,
    beatsBaselineEverywhere,
  };
}
