/**
 * Builds the panels' payloads (src/webview/messages.ts) from the config and the local run store, reusing the
 * project's statistics (src/core/stats: seed aggregation, t-based CIs, seed-paired tests) so the panels show
 * the same numbers as `syllabus report`. Pure (no `vscode`): unit-tested without an editor.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedConfig } from "../core/experiment/model";
import { orderItems } from "../core/ordering/index";
import { readPredictionLines } from "../core/runs/bundle";
import { loadDataset } from "../core/runs/datasets";
import { orderSpecOf } from "../core/runs/plan";
import type { RunStore } from "../core/runs/store";
import { aggregateResults } from "../core/stats/aggregate";
import { compareBySeed } from "../core/stats/compare";
import type { RunResult } from "../core/stats/types";
import type { CategoriesPayload, ComparisonPayload, CurvesPayload, OrdersPayload } from "../webview/messages";
import { experimentGrid } from "./runGrid";

function experimentOf(config: ResolvedConfig, name: string) {
  const exp = config.experiments[name];
  if (!exp) throw new Error(`experiment '${name}' is not in ${config.file}`);
  return exp;
}

const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : undefined);

/** Finished runs of the experiment as the statistics module's records (one per eval set). */
export function experimentResults(config: ResolvedConfig, name: string, store: RunStore): RunResult[] {
  const exp = experimentOf(config, name);
  const out: RunResult[] = [];
  for (const run of experimentGrid(exp, store)) {
    if (run.state !== "succeeded" || !run.runId) continue;
    const result = store.result(run.runId);
    for (const [evalSet, score] of Object.entries(result?.accuracy ?? {})) {
      out.push({ experiment: name, model: run.model, evalSet, strategy: run.strategy, seed: run.seed, accuracy: score.accuracy, n: score.n, runId: run.runId });
    }
  }
  return out;
}

export function comparisonPayload(config: ResolvedConfig, name: string, store: RunStore): ComparisonPayload {
  const exp = experimentOf(config, name);
  const cells = aggregateResults(experimentResults(config, name, store));
  const hasBaseline = cells.some((c) => c.strategy === exp.baseline);
  const comparisons = hasBaseline ? compareBySeed(cells, exp.baseline) : [];
  return {
    experiment: name,
    baseline: exp.baseline,
    cells: cells.map((c) => {
      const cmp = comparisons.find((x) => x.model === c.model && x.evalSet === c.evalSet && x.strategy === c.strategy);
      const gainMean = finite(cmp?.gain);
      return {
        strategy: c.strategy,
        model: c.model,
        evalSet: c.evalSet,
        mean: c.mean,
        ciLow: finite(c.ci95[0]),
        ciHigh: finite(c.ci95[1]),
        seeds: c.seeds.map((seed, i) => ({ seed, accuracy: c.accuracies[i]! })),
        gain: c.strategy !== exp.baseline && gainMean !== undefined ? { mean: gainMean, ciLow: finite(cmp?.tTest?.ci95[0]), ciHigh: finite(cmp?.tTest?.ci95[1]) } : undefined,
        pValue: finite(cmp?.tTest?.p),
      };
    }),
  };
}

export function curvesPayload(config: ResolvedConfig, name: string, store: RunStore): CurvesPayload {
  const exp = experimentOf(config, name);
  const series: CurvesPayload["series"] = [];
  for (const run of experimentGrid(exp, store)) {
    if (!run.runId) continue;
    const progress = store.events(run.runId).flatMap((e) => (e.type === "progress" ? [e] : []));
    if (progress.length === 0) continue;
    series.push({
      strategy: run.strategy,
      model: run.model,
      seed: run.seed,
      steps: progress.map((e) => e.step),
      loss: progress.map((e) => e.loss),
      questionsSeen: progress.map((e) => e.questionsSeen),
    });
  }
  return { experiment: name, series };
}

/** The training orders of every strategy × seed — computed from the config alone, before any run. */
export async function ordersPayload(config: ResolvedConfig, name: string): Promise<OrdersPayload> {
  const exp = experimentOf(config, name);
  const dataset = config.datasets[exp.trainOn];
  if (!dataset) throw new Error(`dataset '${exp.trainOn}' is not in ${config.file}`);
  const questions = await loadDataset(dataset, "train");
  const categories = [...new Set(questions.flatMap((q) => (q.category === undefined ? [] : [q.category])))].sort();
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  const orders: OrdersPayload["orders"] = [];
  for (const strategy of exp.strategies) for (const seed of exp.seeds) {
    const spec = orderSpecOf(exp, strategy, seed);
    const order = Array.from(orderItems(questions, spec), (i) => questions[i]!);
    orders.push({
      strategy,
      seed,
      difficulty: order.map((q) => (q.difficulty !== undefined && Number.isFinite(q.difficulty) ? q.difficulty : null)),
      category: order.map((q) => (q.category === undefined ? -1 : categoryIndex.get(q.category) ?? -1)),
    });
  }
  const thresholds = exp.curriculum.mode === "buckets" ? { easy: exp.curriculum.easy, medium: exp.curriculum.medium } : undefined;
  return thresholds ? { experiment: name, dataset: exp.trainOn, categories, thresholds, orders } : { experiment: name, dataset: exp.trainOn, categories, orders };
}

/** Accuracy per question category on one eval set, averaged over seeds, from the runs' predictions. */
export async function categoriesPayload(config: ResolvedConfig, name: string, store: RunStore, pick: { model?: string; evalSet?: string } = {}): Promise<CategoriesPayload> {
  const exp = experimentOf(config, name);
  const model = pick.model ?? exp.models[0]!;
  const evalSet = pick.evalSet ?? exp.evaluate[0]!;
  const dataset = config.datasets[evalSet];
  if (!dataset) throw new Error(`dataset '${evalSet}' is not in ${config.file}`);
  const categoryOf = new Map((await loadDataset(dataset, "test")).map((q) => [q.id, q.category ?? "(none)"]));
  const categories = [...new Set(categoryOf.values())].sort();
  const strategies: CategoriesPayload["strategies"] = [];
  for (const strategy of exp.strategies) {
    const perSeed: Map<string, { correct: number; n: number }>[] = [];
    for (const run of experimentGrid(exp, store)) {
      if (run.strategy !== strategy || run.model !== model || run.state !== "succeeded" || !run.runId) continue;
      const file = join(store.dir(run.runId), "predictions", `${evalSet}.jsonl`);
      if (!existsSync(file)) continue;
      const counts = new Map<string, { correct: number; n: number }>();
      for (const p of readPredictionLines(file)) {
        const c = categoryOf.get(p.id) ?? "(none)";
        const cur = counts.get(c) ?? { correct: 0, n: 0 };
        cur.n++;
        if (p.predicted === p.gold) cur.correct++;
        counts.set(c, cur);
      }
      perSeed.push(counts);
    }
    if (perSeed.length === 0) continue;
    strategies.push({
      strategy,
      accuracy: categories.map((c) => {
        const accs = perSeed.flatMap((m) => { const x = m.get(c); return x && x.n > 0 ? [x.correct / x.n] : []; });
        return accs.length ? accs.reduce((a, b) => a + b, 0) / accs.length : null;
      }),
      n: categories.map((c) => perSeed[0]!.get(c)?.n ?? 0),
    });
  }
  return { experiment: name, model, evalSet, categories, strategies };
}
