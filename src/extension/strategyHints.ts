/**
 * Results inline in the config: for each strategy named in an experiment's `strategies` list, once runs
 * have results, a short label (`38.1% ±0.4 (+0.7)`: mean accuracy over seeds, sd over seeds, gain over the
 * baseline in points) and a Markdown explanation (95% CI, n, paired tests against the baseline per
 * (model, eval set)). Pure (no `vscode`): the inlay-hint and hover providers only place what this returns.
 * With several (model, eval set) cells the label shows their mean, as the study's "Mean" column does.
 */
import type { ResolvedConfig } from "../core/experiment/model";
import type { RunStore } from "../core/runs/store";
import { aggregateResults, compareBySeed, pct, pValue, signedPct, type CellStats, type SeedComparison } from "../core/stats/index";
import type { SyllabusFile } from "../language/ast";
import { experimentResults } from "./panelData";

export interface StrategyHint {
  /** Offsets of the strategy name in the text. */
  start: number;
  end: number;
  strategy: string;
  experiment: string;
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

export function strategyHints(file: SyllabusFile, config: ResolvedConfig, store: RunStore): StrategyHint[] {
  const hints: StrategyHint[] = [];
  for (const block of file.blocks) {
    const name = block.name?.text;
    const exp = name ? config.experiments[name] : undefined;
    if (block.keyword.text !== "experiment" || !exp) continue;
    const list = block.body?.items.find((a) => a.key.text === "strategies")?.value;
    if (list?.type !== "list") continue;
    const cells = aggregateResults(experimentResults(config, exp.name, store));
    if (cells.length === 0) continue;
    const gains = cells.some((c) => c.strategy === exp.baseline) ? compareBySeed(cells, exp.baseline) : [];
    for (const item of list.items) {
      if (item.type !== "name") continue;
      const mine = cells.filter((c) => c.strategy === item.text);
      if (mine.length === 0) continue;
      const myGains = gains.filter((g) => g.strategy === item.text);
      hints.push({ start: item.start, end: item.end, strategy: item.text, experiment: exp.name, label: label(mine, myGains), markdown: markdown(item.text, exp.baseline, mine, myGains) });
    }
  }
  return hints;
}
