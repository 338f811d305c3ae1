/**
 * One study table across experiments, and two such tables compared per strategy.
 *
 * A study's table (Yang et al. 2024, Table 1) takes each eval-set column from the experiment that
 * evaluates it: the LEK column from the cross-validation experiment (a seed's folds already pooled, see
 * src/core/runs/foldResults.ts), MedQA and MedMCQA from the experiment trained on all of LEK. The results are
 * relabelled with the study's name and then go through the ordinary path (validate, aggregate over seeds,
 * tableFromCells, comparisons with the baseline), so a study table is computed exactly as an experiment's.
 *
 * Two tables compared (Fig. 2b: LLM- vs human-defined difficulty) pair, per strategy, the cell means of
 * every (model, eval set) cell both tables have: difference second − first, paired t-test over the cells.
 * The study says its LLM-vs-human gains are "significant at the 10% level in a paired t-test" without
 * saying what was paired; cells are the unit both tables share whatever their seeds.
 */
import { DataError } from "../errors";
import { pairedTTest } from "./pairedT";
import { mean } from "./descriptive";
import { strategyOrder } from "./order";
import type { CellStats, PairedTTest, RunResult } from "./types";

/** The column experiments' results, relabelled as the study; restricted to `strategies` when given. */
export function studyResults(study: { name: string; columns: readonly string[]; strategies?: readonly string[] }, byExperiment: ReadonlyMap<string, readonly RunResult[]>): RunResult[] {
  const out: RunResult[] = [];
  const owner = new Map<string, string>();
  for (const exp of study.columns) {
    for (const r of byExperiment.get(exp) ?? []) {
      const first = owner.get(r.evalSet);
      if (first !== undefined && first !== exp) {
        throw new DataError([{ file: study.name, line: 0, field: "columns", message: `eval set '${r.evalSet}' comes from both '${first}' and '${exp}'`, fix: "list each eval set's experiment once in `columns`" }]);
      }
      owner.set(r.evalSet, exp);
      if (study.strategies && !study.strategies.includes(r.strategy)) continue;
      const { runId: _runId, ...rest } = r;
      void _runId;
      // The run id stays out: one run may serve two studies; labels are what a table shows.
      out.push({ ...rest, experiment: study.name });
    }
  }
  return out;
}

export interface StrategyDifference {
  strategy: string;
  /** (model, eval set) cells present in both tables: the pairs. */
  cells: string[];
  meanFirst: number;
  meanSecond: number;
  test: PairedTTest;
  /** p < alpha (a finite p). */
  significant: boolean;
}

export interface TableComparison {
  first: string;
  second: string;
  alpha: number;
  pairedBy: string;
  rows: StrategyDifference[];
  /** Strategies in only one of the tables, or without any shared cell. */
  notCompared: string[];
}

export function compareTables(first: { name: string; cells: readonly CellStats[] }, second: { name: string; cells: readonly CellStats[] }, options: { alpha: number; strategies?: readonly string[] }): TableComparison {
  const key = (c: CellStats) => `${c.model} / ${c.evalSet}`;
  const index = (cells: readonly CellStats[]) => {
    const m = new Map<string, Map<string, number>>();
    for (const c of cells) {
      if (!m.has(c.strategy)) m.set(c.strategy, new Map());
      m.get(c.strategy)!.set(key(c), c.mean);
    }
    return m;
  };
  const a = index(first.cells);
  const b = index(second.cells);
  const all = strategyOrder([...new Set([...a.keys(), ...b.keys()])]).filter((s) => !options.strategies || options.strategies.includes(s));
  const rows: StrategyDifference[] = [];
  const notCompared: string[] = [];
  for (const strategy of all) {
    const ca = a.get(strategy);
    const cb = b.get(strategy);
    const cells = ca && cb ? [...ca.keys()].filter((k) => cb.has(k)) : [];
    if (!cells.length) {
      notCompared.push(strategy);
      continue;
    }
    const xa = cells.map((k) => ca!.get(k)!);
    const xb = cells.map((k) => cb!.get(k)!);
    const test = pairedTTest(xa, xb, `${cells.length} (model, eval set) cells of ${strategy}: ${second.name} − ${first.name}`);
    rows.push({ strategy, cells, meanFirst: mean(xa), meanSecond: mean(xb), test, significant: Number.isFinite(test.p) && test.p < options.alpha });
  }
  return { first: first.name, second: second.name, alpha: options.alpha, pairedBy: "(model, eval set) cells; each cell is the mean over its seeds", rows, notCompared };
}
