/**
 * Results inline in the config: for each strategy of an experiment, once runs have results, a short label
 * (`38.1% ±0.4 (+0.7)`: mean accuracy over seeds, sd over seeds, gain over the baseline in points) and a
 * Markdown explanation (95% CI, n, paired tests against the baseline per (model, eval set)). Pure: the
 * extension's inlay-hint and hover providers only place these texts at the strategy names.
 * With several (model, eval set) cells the label shows their mean, as the study's "Mean" column does.
 */
import type { Plan } from "../runs/plan";
import { planResults } from "../runs/results";
import type { RunStore } from "../runs/store";
import { aggregateResults, compareBySeed, pct, pValue, signedPct, type CellStats, type SeedComparison } from "../stats/index";

export interface StrategyHintText {
  experiment: string;
  strategy: string;
  label: string;
  markdown: string;
}

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function label(cells: CellStats[], gains: SeedComparison[]): string {
  const mean = avg(cells.map((c) => c.mean));
  const sds = cells.map((c) => c.sd).filter(Number.isFinite);
  const spread = sds.length ? ` ±${pct(avg(sds), 1)}` : "";
  const g = gains.map((x) => x.gain).filter(Number.isFinite);
  return `${pct(mean, 1)}%${spread}${g.length ? ` (${signedPct(avg(g), 1)})` : ""}`;
}

function markdown(strategy: string, baseline: string, cells: CellStats[], gains: SeedComparison[]): string {
  const lines = [`**${strategy}** — accuracy over seeds (95% t CI)`, ""];
  for (const c of cells) {
    const ci = Number.isFinite(c.ci95[0]) ? `[${pct(c.ci95[0], 1)}, ${pct(c.ci95[1], 1)}]` : "CI needs ≥ 2 seeds";
    lines.push(`- ${c.model} on ${c.evalSet}: ${pct(c.mean)}% ${ci}, n = ${c.runs} seeds × ${c.n} questions`);
    const cmp = gains.find((g) => g.model === c.model && g.evalSet === c.evalSet);
    if (!cmp) continue;
    const tests = [cmp.tTest ? `paired t p = ${pValue(cmp.tTest.p)} (Holm ${pValue(cmp.tHolmP)})` : undefined, cmp.wilcoxon ? `Wilcoxon p = ${pValue(cmp.wilcoxon.p)}` : undefined].filter(Boolean);
    lines.push(`  - vs ${baseline}: ${signedPct(cmp.gain)} points, paired by seed (n = ${cmp.pairedSeeds.length})${tests.length ? `; ${tests.join("; ")}` : ""}`);
  }
  return lines.join("\n");
}

/** One text per strategy of the experiment that has results, in the experiment's strategy order. */
export function strategyHintTexts(plan: Plan, store: RunStore): StrategyHintText[] {
  const exp = plan.experiment;
  const cells = aggregateResults(planResults(plan, store).results);
  if (cells.length === 0) return [];
  const gains = cells.some((c) => c.strategy === exp.baseline) ? compareBySeed(cells, exp.baseline) : [];
  return exp.strategies.flatMap((strategy) => {
    const mine = cells.filter((c) => c.strategy === strategy);
    if (mine.length === 0) return [];
    const myGains = gains.filter((g) => g.strategy === strategy);
    return [{ experiment: exp.name, strategy, label: label(mine, myGains), markdown: markdown(strategy, exp.baseline, mine, myGains) }];
  });
}
