/**
 * The demo's closing story, from the runs' per-question predictions: accuracy per strategy against
 * chance, every strategy against the baseline question by question (exact McNemar on the same seed's
 * runs, Holm-adjusted over the whole family), and accuracy per category. Pure: the caller reads files.
 */
import type { Question } from "../questions/question";
import type { Prediction } from "../stats/types";
import { compareRunsByQuestion, holmAdjust, mean, pct, pValue, signedPct, strategyOrder } from "../stats/index";

export interface DemoRun {
  strategy: string;
  seed: number;
  predictions: readonly Prediction[];
}

export interface DemoPairTest {
  strategy: string;
  seed: number;
  accuracy: number;
  baselineAccuracy: number;
  onlyStrategy: number;
  onlyBaseline: number;
  p: number;
  holmP: number;
}

export interface DemoSummary {
  chance: number;
  baseline: string;
  /** Strategies in display order with their mean accuracy over seeds. */
  strategies: { strategy: string; mean: number; seeds: number[]; accuracies: number[] }[];
  /** The highest mean, with every strategy tied at it (to the shown decimal): a description, not a claim. */
  highest: { strategies: string[]; mean: number; timesChance: number };
  tests: DemoPairTest[];
  significant: DemoPairTest[];
  categories: string[];
  /** strategy → category → accuracy over all its runs' questions of that category. */
  byCategory: Map<string, Map<string, number>>;
}

const accuracyOf = (ps: readonly Prediction[]) => (ps.length ? ps.filter((p) => p.predicted === p.gold).length / ps.length : Number.NaN);

export function summarizeDemo(runs: readonly DemoRun[], questions: readonly Question[], opts: { chance: number; baseline: string; alpha?: number }): DemoSummary {
  const alpha = opts.alpha ?? 0.05;
  const names = strategyOrder([...new Set(runs.map((r) => r.strategy))]);
  const strategies = names.map((strategy) => {
    const mine = runs.filter((r) => r.strategy === strategy).sort((a, b) => a.seed - b.seed);
    const accuracies = mine.map((r) => accuracyOf(r.predictions));
    return { strategy, mean: mean(accuracies), seeds: mine.map((r) => r.seed), accuracies };
  });
  const top = [...strategies].sort((a, b) => b.mean - a.mean)[0]!;
  const tied = strategies.filter((x) => pct(x.mean, 1) === pct(top.mean, 1)).map((x) => x.strategy);

  const raw: Omit<DemoPairTest, "holmP">[] = [];
  for (const run of runs) {
    if (run.strategy === opts.baseline) continue;
    const base = runs.find((r) => r.strategy === opts.baseline && r.seed === run.seed);
    if (!base) continue;
    const c = compareRunsByQuestion(run.predictions, base.predictions, { names: { a: `${run.strategy} seed ${run.seed}`, b: `${opts.baseline} seed ${run.seed}` } });
    raw.push({ strategy: run.strategy, seed: run.seed, accuracy: c.accuracyA, baselineAccuracy: c.accuracyB, onlyStrategy: c.mcnemar.onlyA, onlyBaseline: c.mcnemar.onlyB, p: c.mcnemar.p });
  }
  const adjusted = holmAdjust(raw.map((t) => t.p));
  const tests = raw
    .map((t, i) => ({ ...t, holmP: adjusted[i]! }))
    .sort((a, b) => names.indexOf(a.strategy) - names.indexOf(b.strategy) || a.seed - b.seed);

  const categoryOf = new Map(questions.map((q) => [q.id, q.category ?? "(none)"]));
  const categories = [...new Set(questions.map((q) => q.category ?? "(none)"))].sort();
  const byCategory = new Map<string, Map<string, number>>();
  for (const strategy of names) {
    const preds = runs.filter((r) => r.strategy === strategy).flatMap((r) => r.predictions);
    byCategory.set(strategy, new Map(categories.map((c) => [c, accuracyOf(preds.filter((p) => categoryOf.get(p.id) === c))])));
  }
  return {
    chance: opts.chance,
    baseline: opts.baseline,
    strategies,
    highest: { strategies: tied, mean: top.mean, timesChance: top.mean / opts.chance },
    tests,
    significant: tests.filter((t) => t.holmP < alpha),
    categories,
    byCategory,
  };
}

/** The summary as the lines `syllabus demo` prints. */
export function formatDemoSummary(s: DemoSummary, n: number): string[] {
  const w = Math.max(...s.strategies.map((x) => x.strategy.length), 10);
  const lines = [`Accuracy on ${n} held-out 4-option questions (chance ${pct(s.chance, 0)}%), per seed and mean:`];
  for (const x of s.strategies) lines.push(`  ${x.strategy.padEnd(w)}  ${x.accuracies.map((a) => `${pct(a, 1)}%`.padStart(6)).join(" ")}   mean ${pct(x.mean, 1)}%`);
  // "best" is a claim and needs a test; this line only describes (the tests follow)
  lines.push(`Highest mean: ${s.highest.strategies.join(" and ")} at ${pct(s.highest.mean, 1)}% = ${s.highest.timesChance.toFixed(1)}× chance (the tests below say which differences are real).`);
  lines.push("");
  lines.push(`Each strategy vs ${s.baseline}, same seed, question by question: exact McNemar test on the discordant questions,`);
  lines.push(`Holm-adjusted over all ${s.tests.length} tests (paired by question: both runs answered the same ${n} questions).`);
  for (const t of s.tests) {
    const sig = t.holmP < 0.05 ? "  significant" : "";
    lines.push(
      `  ${t.strategy.padEnd(w)} seed ${t.seed}  ${signedPct(t.accuracy - t.baselineAccuracy).padStart(7)}  ` +
        `only it right ${String(t.onlyStrategy).padStart(3)}, only ${s.baseline} right ${String(t.onlyBaseline).padStart(3)}  p ${pValue(t.p)}  Holm p ${pValue(t.holmP)}${sig}`,
    );
  }
  lines.push(s.significant.length ? `${s.significant.length} of ${s.tests.length} differences significant after Holm (α 0.05).` : "No significant difference after Holm (α 0.05).");
  lines.push("");
  lines.push(`Accuracy per category (word family), all seeds pooled:`);
  lines.push(`  ${"".padEnd(w)}  ${s.categories.map((c) => c.padStart(8)).join(" ")}`);
  for (const x of s.strategies) {
    const row = s.byCategory.get(x.strategy)!;
    lines.push(`  ${x.strategy.padEnd(w)}  ${s.categories.map((c) => `${pct(row.get(c)!, 0)}%`.padStart(8)).join(" ")}`);
  }
  return lines;
}
