/**
 * Strategy-vs-baseline comparisons, each saying what is paired and how many pairs there are:
 *  - per cell (experiment, model, eval set): strategy vs baseline PAIRED BY SEED (same seed = same
 *    data shuffle seed and initialisation), paired t and Wilcoxon, Holm-adjusted over the strategies
 *    tested against the baseline in that cell;
 *  - across the grid: strategy vs baseline PAIRED BY (model, eval set) CELL, on the cell means —
 *    a paired t-test whose pairing is Syllabus's choice (the paper does not state what its test pairs;
 *    the cells of one model share its adapters) — Holm-adjusted over the strategies of the experiment.
 */
import type { CellStats, PairedTTest, WilcoxonTest } from "./types";
import { pairedTTest } from "./pairedT";
import { wilcoxonSignedRank } from "./wilcoxon";
import { holmAdjust } from "./holm";
import { mean } from "./descriptive";
import { DataError } from "../errors";

export interface SeedComparison {
  experiment: string;
  model: string;
  evalSet: string;
  strategy: string;
  baseline: string;
  /** mean(strategy) − mean(baseline) over all their seeds (fraction); NaN when the baseline cell is missing. */
  gain: number;
  /** Seeds present for both: the pairs. */
  pairedSeeds: number[];
  /** Seeds present for only one side: reported, not silently ignored. */
  unpairedSeeds: number[];
  tTest?: PairedTTest;
  wilcoxon?: WilcoxonTest;
  /** Holm-adjusted p of the t-test / Wilcoxon over the strategies compared in this cell. */
  tHolmP: number;
  wilcoxonHolmP: number;
  note?: string;
}

export interface GridComparison {
  experiment: string;
  strategy: string;
  baseline: string;
  /** Mean over the paired cells of (strategy − baseline) cell means, fraction. */
  meanGain: number;
  /** "model/evalSet" cells used as pairs. */
  cells: string[];
  tTest: PairedTTest;
  holmP: number;
}

/** Throws a clear error when the baseline is not among the strategies of the results. */
export function requireBaseline(cells: readonly CellStats[], baseline: string, file = "results"): void {
  const strategies = [...new Set(cells.map((c) => c.strategy))];
  if (cells.length && !strategies.includes(baseline)) {
    const close = strategies.find((s) => s.toLowerCase().startsWith(baseline.toLowerCase().slice(0, 3)));
    const hint = close ? `did you mean '${close}'? ` : "";
    throw new DataError([{ file, line: 0, field: "strategy", message: `the baseline strategy '${baseline}' has no results (strategies: ${strategies.join(", ")})`, fix: `${hint}choose one of them as the baseline (e.g. --baseline ${close ?? strategies[0]})` }]);
  }
}

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const g = m.get(k);
    if (g) g.push(it);
    else m.set(k, [it]);
  }
  return m;
}

export function compareBySeed(cells: readonly CellStats[], baseline: string): SeedComparison[] {
  requireBaseline(cells, baseline);
  const out: SeedComparison[] = [];
  for (const group of byKey(cells, (c) => [c.experiment, c.model, c.evalSet].join("\u0000")).values()) {
    const base = group.find((c) => c.strategy === baseline);
    const family: SeedComparison[] = [];
    for (const cell of group) {
      if (cell.strategy === baseline) continue;
      const cmp: SeedComparison = {
        experiment: cell.experiment, model: cell.model, evalSet: cell.evalSet, strategy: cell.strategy, baseline,
        gain: base ? cell.mean - base.mean : Number.NaN,
        pairedSeeds: [], unpairedSeeds: [], tHolmP: Number.NaN, wilcoxonHolmP: Number.NaN,
      };
      if (!base) {
        cmp.note = `no ${baseline} runs for ${cell.model} on ${cell.evalSet}: no gain or test`;
        cmp.unpairedSeeds = [...cell.seeds];
      } else {
        const baseBySeed = new Map(base.seeds.map((s, i) => [s, base.accuracies[i]!]));
        const mine = new Map(cell.seeds.map((s, i) => [s, cell.accuracies[i]!]));
        cmp.pairedSeeds = cell.seeds.filter((s) => baseBySeed.has(s));
        cmp.unpairedSeeds = [...cell.seeds.filter((s) => !baseBySeed.has(s)), ...base.seeds.filter((s) => !mine.has(s))].sort((a, b) => a - b);
        const a = cmp.pairedSeeds.map((s) => baseBySeed.get(s)!);
        const b = cmp.pairedSeeds.map((s) => mine.get(s)!);
        const what = `${cmp.pairedSeeds.length} seed(s) (${cmp.pairedSeeds.join(", ")}) of ${cell.strategy} vs ${baseline} on ${cell.model} / ${cell.evalSet}`;
        if (cmp.pairedSeeds.length >= 2) {
          cmp.tTest = pairedTTest(a, b, what);
          cmp.wilcoxon = wilcoxonSignedRank(b, a, what);
        } else cmp.note = `only ${cmp.pairedSeeds.length} seed(s) in common with ${baseline}: no paired test`;
        if (cmp.unpairedSeeds.length) cmp.note = `${cmp.note ? cmp.note + "; " : ""}seed(s) ${cmp.unpairedSeeds.join(", ")} present on one side only, not paired`;
      }
      family.push(cmp);
    }
    const tHolm = holmAdjust(family.map((c) => c.tTest?.p ?? Number.NaN));
    const wHolm = holmAdjust(family.map((c) => c.wilcoxon?.p ?? Number.NaN));
    family.forEach((c, i) => {
      c.tHolmP = tHolm[i]!;
      c.wilcoxonHolmP = wHolm[i]!;
    });
    out.push(...family);
  }
  return out;
}

/** Strategy vs baseline paired by (model, eval set) cell, on cell means — Syllabus's choice of pairing (the paper does not state its own). One family per experiment. */
export function compareAcrossGrid(cells: readonly CellStats[], baseline: string): GridComparison[] {
  requireBaseline(cells, baseline);
  const out: GridComparison[] = [];
  for (const group of byKey(cells, (c) => c.experiment).values()) {
    const baseByCell = new Map(group.filter((c) => c.strategy === baseline).map((c) => [`${c.model}/${c.evalSet}`, c.mean]));
    const family: GridComparison[] = [];
    for (const cellsOfStrategy of byKey(group.filter((c) => c.strategy !== baseline), (c) => c.strategy).values()) {
      const paired = cellsOfStrategy.filter((c) => baseByCell.has(`${c.model}/${c.evalSet}`));
      const names = paired.map((c) => `${c.model}/${c.evalSet}`);
      const a = names.map((n) => baseByCell.get(n)!);
      const b = paired.map((c) => c.mean);
      const strategy = cellsOfStrategy[0]!.strategy;
      family.push({
        experiment: cellsOfStrategy[0]!.experiment,
        strategy,
        baseline,
        meanGain: mean(b.map((x, i) => x - a[i]!)),
        cells: names,
        tTest: pairedTTest(a, b, `${names.length} (model, eval set) cell means of ${strategy} vs ${baseline}`),
        holmP: Number.NaN,
      });
    }
    holmAdjust(family.map((f) => f.tTest.p)).forEach((p, i) => (family[i]!.holmP = p));
    out.push(...family);
  }
  return out;
}
