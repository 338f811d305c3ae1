/**
 * The panels' payloads (src/core/charts/payloads.ts) from a plan and the run store, through the one join
 * (planResults → experimentRuns) and the project's statistics (seed aggregation; the intervals, tests and
 * claims of core/views/claimTexts), so the panels show the numbers `syllabus report` and `syllabus status` show. Pure over its inputs:
 * tested without an editor.
 */
import type { ResolvedConfig } from "../experiment/model";
import { orderItems } from "../ordering/index";
import { readPredictionLines } from "../runs/bundle";
import { loadDataset } from "../runs/datasets";
import { experimentRuns } from "../runs/experimentRuns";
import { orderSpecOf, type Plan } from "../runs/plan";
import { planResults } from "../runs/results";
import type { RunStore } from "../runs/store";
import { aggregateResults } from "../stats/aggregate";
import { compareBySeed } from "../stats/compare";
import type { CategoriesPayload, ComparisonPayload, CurvesPayload, OrdersPayload } from "../charts/payloads";

import { gainClaim } from "../stats/claims";
import { intervalKey, intervalLabel } from "../stats/interval";
import { analyzeQuestions, type RunPredictions } from "../stats/questionAnalysis";
import { predictionRecord } from "../runs/predictions";
import { VIEW_RESAMPLES, planClaims } from "./claimTexts";

const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : undefined);

export function comparisonPayload(plan: Plan, store: RunStore): ComparisonPayload {
  const exp = plan.experiment;
  const joined = planResults(plan, store);
  const cells = aggregateResults(joined.results);
  const hasBaseline = cells.some((c) => c.strategy === exp.baseline);
  const comparisons = hasBaseline ? compareBySeed(cells, exp.baseline) : [];
  // Claims, intervals and chance from the same core path as the report (core/views/claimTexts.ts).
  const claims = planClaims(plan, store, joined.runs);
  const chance: Record<string, number> = {};
  for (const d of claims.questions?.diagnostics ?? []) chance[d.evalSet] = d.chance.chance;
  return {
    experiment: exp.name,
    baseline: exp.baseline,
    ...(claims.evidence ? { claim: claims.evidence.claim.text, pairedBy: claims.evidence.source } : {}),
    chance,
    cells: cells.map((c) => {
      const cmp = comparisons.find((x) => x.model === c.model && x.evalSet === c.evalSet && x.strategy === c.strategy);
      const gainMean = finite(cmp?.gain);
      const tested = claims.evidence?.perCell.find((g) => g.model === c.model && g.evalSet === c.evalSet && g.strategy === c.strategy);
      // the report's and the CLI's intervals: per-question bootstrap where predictions exist, else t over seeds in [0, 100]
      const interval = claims.intervals.get(intervalKey(c.model, c.evalSet, c.strategy));
      const questionGain = claims.questions?.gains.find((g) => g.model === c.model && g.evalSet === c.evalSet && g.strategy === c.strategy);
      const gainCi = questionGain && Number.isFinite(questionGain.bootstrap.ci95[0]) ? questionGain.bootstrap.ci95 : cmp?.tTest?.ci95;
      return {
        strategy: c.strategy,
        model: c.model,
        evalSet: c.evalSet,
        mean: c.mean,
        ciLow: finite(interval?.low),
        ciHigh: finite(interval?.high),
        seeds: c.seeds.map((seed, i) => ({ seed, accuracy: c.accuracies[i]! })),
        gain: c.strategy !== exp.baseline && gainMean !== undefined ? { mean: gainMean, ciLow: finite(gainCi?.[0]), ciHigh: finite(gainCi?.[1]) } : undefined,
        ...(interval?.method ? { ciMethod: interval.method } : {}),
        // the p the claims use: the experiment's test (per-question bootstrap when predictions exist)
        pValue: finite(tested ? tested.p : cmp?.tTest?.p),
        ...(tested ? { test: tested.test } : cmp?.tTest ? { test: "paired t over seeds" } : {}),
        intervalLabel: interval ? intervalLabel(interval) : "",
        ...(tested ? { gainClaim: gainClaim(tested).text } : {}),
      };
    }),
  };
}

export function curvesPayload(plan: Plan, store: RunStore): CurvesPayload {
  const series: CurvesPayload["series"] = [];
  for (const run of experimentRuns(plan, store)) {
    if (run.state === "not-run" || run.invalid) continue;
    const progress = store.events(run.runId).flatMap((e) => (e.type === "progress" ? [e] : []));
    if (progress.length === 0) continue;
    series.push({ strategy: run.strategy, model: run.model, seed: run.seed, steps: progress.map((e) => e.step), loss: progress.map((e) => e.loss), questionsSeen: progress.map((e) => e.questionsSeen) });
  }
  return { experiment: plan.experiment.name, series };
}

/** The training orders of every strategy × seed — computed from the config alone, before any run. */
export async function ordersPayload(config: ResolvedConfig, name: string): Promise<OrdersPayload> {
  const exp = config.experiments[name];
  if (!exp) throw new Error(`experiment '${name}' is not in ${config.file}`);
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

/**
 * Accuracy per question category on one eval set, averaged over seeds, from the valid runs' predictions
 * (the store says where they are). The categories come from the eval set as the plan wrote it. Under
 * cross-validation a seed's fold runs pool into one (each held-out fold scored once), as planResults pools
 * accuracy; a seed with a fold missing is left out rather than shown on part of the set.
 */
export function categoriesPayload(plan: Plan, store: RunStore, pick: { model?: string; evalSet?: string } = {}): CategoriesPayload {
  const exp = plan.experiment;
  const model = pick.model ?? exp.models[0]!;
  const evalSet = pick.evalSet ?? exp.evaluate[0]!;
  const categoryOf = new Map<string, string>();
  for (const r of plan.runs) for (const q of r.evalSets.find((e) => e.name === evalSet)?.questions ?? []) categoryOf.set(q.id, q.category ?? "(none)");
  const foldsPerSeed = exp.crossValidation?.folds ?? 1;
  const categories = [...new Set(categoryOf.values())].sort();
  const runs = experimentRuns(plan, store).filter((r) => r.model === model && r.accuracy?.[evalSet] !== undefined);
  const strategies: CategoriesPayload["strategies"] = [];
  const runPreds: RunPredictions[] = [];
  for (const strategy of exp.strategies) {
    const bySeed = new Map<number, { counts: Map<string, { correct: number; n: number }>; runs: number }>();
    for (const run of runs) {
      if (run.strategy !== strategy || !store.predictionSets(run.runId).includes(evalSet)) continue;
      const seed = bySeed.get(run.seed) ?? { counts: new Map<string, { correct: number; n: number }>(), runs: 0 };
      seed.runs++;
      bySeed.set(run.seed, seed);
      const counts = seed.counts;
      const lines = readPredictionLines(store.predictionsPath(run.runId, evalSet));
      // Per-question intervals pair a seed's questions once: a cross-validation fold holds only part of them.
      if (foldsPerSeed === 1) runPreds.push({ experiment: exp.name, model, evalSet, strategy, seed: run.seed, predictions: lines.map((p) => predictionRecord(p, categoryOf.get(p.id) ?? "(none)")) });
      for (const p of lines) {
        const c = categoryOf.get(p.id) ?? "(none)";
        const cur = counts.get(c) ?? { correct: 0, n: 0 };
        cur.n++;
        if (p.predicted === p.gold) cur.correct++;
        counts.set(c, cur);
      }
    }
    const perSeed = [...bySeed.values()].filter((g) => g.runs === foldsPerSeed).map((g) => g.counts);
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
  // Each category's accuracy with its interval and n, in words, from the same bootstrap as the report.
  const analysis = runPreds.length ? analyzeQuestions(runPreds, exp.baseline, { resamples: VIEW_RESAMPLES, seed: 0 }) : undefined;
  for (const s of strategies) {
    s.interval = categories.map((c) => {
      const found = analysis?.categories.find((x) => x.strategy === s.strategy && x.category === c);
      return found ? intervalLabel(found.interval) : null;
    });
  }
  return { experiment: exp.name, model, evalSet, categories, strategies };
}
