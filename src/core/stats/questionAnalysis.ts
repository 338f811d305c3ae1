/**
 * Per-question analysis of an experiment, wherever the runs' predictions exist:
 *  - accuracy of each (model, eval set, strategy) with a bootstrap interval over seeds and questions;
 *  - per-category accuracy with the same interval and its n;
 *  - each run's chance test and answer-letter distribution (chance.ts);
 *  - each strategy's gain over the baseline per (model, eval set): PAIRED BY SEED AND QUESTION — the
 *    strategy's and the baseline's answers to the same question under the same seed — with a paired
 *    bootstrap over seeds and questions (CI and p), Holm-adjusted over the strategies of the cell, and an
 *    exact McNemar test per seed, Holm-adjusted over the strategies of that (cell, seed);
 *  - each strategy's gain over the whole experiment (mean over its cells), the same bootstrap with the
 *    seed draw shared by the eval sets of one model (one adapter scores them all), Holm over strategies.
 * All bootstrap figures of an experiment come from one joint run of the resampling (jointBootstrap.ts).
 * A category's interval resamples the whole eval set and keeps the drawn questions of that category.
 */
import type { McNemarTest } from "./types";
import type { PredictionRecord, RunDiagnostics, RunEvalLabel } from "./chance";
import { diagnoseRun } from "./chance";
import { alignPredictions } from "./predictions";
import { mcnemarExact } from "./mcnemar";
import { holmAdjust } from "./holm";
import { seedInterval, type AccuracyInterval } from "./interval";
import type { CellStats } from "./types";
import { bootstrapPOf, percentilesOf, type ResampleOptions } from "./resample";
import { accuracyDraws, gainDraws, runJointBootstrap, type JointCell, type JointDraws } from "./jointBootstrap";
import { DataError, type DataIssue } from "../errors";

/** One run's predictions on one eval set, labelled like a RunResult. */
export interface RunPredictions extends RunEvalLabel {
  predictions: PredictionRecord[];
}

export interface CellAccuracy {
  experiment: string;
  model: string;
  evalSet: string;
  strategy: string;
  interval: AccuracyInterval;
}

/** A cell's 95% interval, the one the report, the CLI and the editor show: the bootstrap over seeds and
 * questions where its predictions were analysed, else the t over seeds cut to [0, 100]. */
export function cellInterval(c: CellStats, questions: QuestionAnalysis | undefined): AccuracyInterval {
  const analysed = questions?.cells.find((q) => q.experiment === c.experiment && q.model === c.model && q.evalSet === c.evalSet && q.strategy === c.strategy);
  return analysed?.interval ?? seedInterval(c.accuracies, c.n);
}

export interface CategoryAccuracy extends CellAccuracy {
  category: string;
}

export interface BootstrapGain {
  test: "paired bootstrap over seeds and questions";
  /** strategy − baseline, fraction. */
  gain: number;
  ci95: [number, number];
  p: number;
  /** Holm-adjusted p over the strategies compared with the baseline in the same family. */
  holmP: number;
  seeds: number[];
  questions: number;
  resamples: number;
  pairedBy: string;
}

export interface QuestionGain {
  experiment: string;
  model: string;
  evalSet: string;
  strategy: string;
  baseline: string;
  bootstrap: BootstrapGain;
  /** One exact McNemar test per paired seed (onlyA = baseline right only, onlyB = strategy right only). */
  mcnemar: (McNemarTest & { seed: number; holmP: number })[];
  /** Mean over paired seeds of the share of questions the two runs answered differently (for power). */
  discordance: number;
  note?: string;
}

export interface ExperimentGain {
  experiment: string;
  strategy: string;
  baseline: string;
  /** "model/evalSet" cells in the comparison. */
  cells: string[];
  bootstrap: BootstrapGain;
}

export interface QuestionAnalysis {
  cells: CellAccuracy[];
  categories: CategoryAccuracy[];
  diagnostics: RunDiagnostics[];
  gains: QuestionGain[];
  experimentGains: ExperimentGain[];
  resamples: number;
  bootstrapSeed: number;
  /** Gain of strategy a over strategy b across an experiment, from the same resamples (unadjusted p): for "best" against the runner-up. */
  pairwise: (experiment: string, a: string, b: string) => ExperimentGain | undefined;
}

const SEP = "\u0000";
const cellKey = (r: { experiment: string; model: string; evalSet: string }) => [r.experiment, r.model, r.evalSet].join(SEP);

interface Cell {
  experiment: string;
  model: string;
  evalSet: string;
  ids: string[];
  /** strategy → seed → correctness per question (in `ids` order). */
  correct: Map<string, Map<number, Uint8Array>>;
  categories: (string | undefined)[];
  /** The run the others are aligned to (its question order is `ids`). */
  first: RunPredictions;
}

/** Groups runs by (experiment, model, eval set) and checks that every run there answered the same questions. */
function buildCells(runs: readonly RunPredictions[]): Cell[] {
  const cells = new Map<string, Cell>();
  const issues: DataIssue[] = [];
  for (const run of runs) {
    const key = cellKey(run);
    let cell = cells.get(key);
    const name = `${run.strategy} seed ${run.seed} (${run.model} / ${run.evalSet})`;
    if (!cell) {
      const ids = run.predictions.map((p) => p.id);
      cell = { experiment: run.experiment, model: run.model, evalSet: run.evalSet, ids, correct: new Map(), categories: run.predictions.map((p) => p.category), first: run };
      cells.set(key, cell);
    }
    const first = cell.first;
    // Same questions, same gold answers, no duplicates: alignPredictions throws a DataError naming the difference.
    const aligned = alignPredictions(first.predictions, run.predictions, { a: `${first.strategy} seed ${first.seed} (${first.model} / ${first.evalSet})`, b: name });
    const correct = new Uint8Array(cell.ids.length);
    const pos = new Map(aligned.ids.map((id, i) => [id, i]));
    cell.ids.forEach((id, i) => (correct[i] = aligned.correctB[pos.get(id)!]!));
    const bySeed = cell.correct.get(run.strategy) ?? new Map<number, Uint8Array>();
    if (bySeed.has(run.seed)) issues.push({ file: name, line: 0, field: "seed", message: `two prediction sets for ${name}`, fix: "keep one run per (strategy, seed)" });
    bySeed.set(run.seed, correct);
    cell.correct.set(run.strategy, bySeed);
  }
  if (issues.length) throw new DataError(issues);
  return [...cells.values()];
}

const sortedSeeds = (m: Map<number, unknown>) => [...m.keys()].sort((x, y) => x - y);

function bootstrapGain(draws: Float64Array, estimate: number, seeds: number[], questions: number, pairedBy: string, resamples: number): BootstrapGain {
  return { test: "paired bootstrap over seeds and questions", gain: estimate, ci95: percentilesOf(draws), p: bootstrapPOf(draws), holmP: Number.NaN, seeds, questions, resamples, pairedBy };
}

function intervalFrom(estimate: number, draws: Float64Array, seeds: number, questions: number, resamples: number): AccuracyInterval {
  const base = { estimate, seeds, questions, clipped: false, tinyN: false };
  if (questions < 2) return { ...base, note: `${questions} question: no interval` };
  const [low, high] = percentilesOf(draws);
  const note = seeds === 1 ? "1 seed: the interval covers question sampling only, not seed-to-seed variation" : undefined;
  return { ...base, low, high, method: "bootstrap over seeds and questions", resamples, ...(note ? { note } : {}) };
}

/** Mean of the rows (seeds) over the given questions (all when `subset` is absent). */
function meanOf(bySeed: Map<number, Uint8Array>, seeds: readonly number[], subset?: readonly number[]): number {
  let t = 0;
  let n = 0;
  for (const s of seeds) {
    const row = bySeed.get(s)!;
    if (subset) for (const i of subset) { t += row[i]!; n++; }
    else { for (let i = 0; i < row.length; i++) t += row[i]!; n += row.length; }
  }
  return n ? t / n : Number.NaN;
}

function jointCell(c: Cell): JointCell & { categoryNames: string[] } {
  const categoryNames = [...new Set(c.categories.filter((x): x is string => x !== undefined))].sort();
  const index = new Map(categoryNames.map((name, i) => [name, i]));
  // Questions without a category share one extra index, so the category totals still add up to the cell.
  const none = categoryNames.length;
  const category = Int32Array.from(c.categories, (x) => (x === undefined ? none : index.get(x)!));
  const categoryCount = categoryNames.length + (c.categories.some((x) => x === undefined) ? 1 : 0);
  return { model: c.model, evalSet: c.evalSet, n: c.ids.length, strategies: [...c.correct.keys()], correct: c.correct, category, categoryCount: Math.max(1, categoryCount), categoryNames };
}

/** Per model, the seeds both strategies have on EVERY eval set of that model (they share the seed draw). */
function experimentPairs(cells: readonly Cell[], a: string, b: string): { model: string; evalSet: string; seeds: number[]; n: number }[] {
  const mine = cells.filter((c) => c.correct.has(a) && c.correct.has(b));
  return [...new Set(mine.map((c) => c.model))].flatMap((model) => {
    const ofModel = mine.filter((c) => c.model === model);
    const seeds = sortedSeeds(ofModel[0]!.correct.get(a)!).filter((s) => ofModel.every((c) => c.correct.get(a)!.has(s) && c.correct.get(b)!.has(s)));
    return seeds.length ? ofModel.map((c) => ({ model, evalSet: c.evalSet, seeds, n: c.ids.length })) : [];
  });
}

function experimentGainOf(joint: JointDraws, cells: readonly Cell[], experiment: string, a: string, b: string): ExperimentGain | undefined {
  const pairs = experimentPairs(cells, a, b);
  if (pairs.length === 0) return undefined;
  const used = pairs.map((p) => `${p.model}/${p.evalSet}`);
  const estimate = pairs.reduce((sum, p) => {
    const c = cells.find((x) => x.model === p.model && x.evalSet === p.evalSet)!;
    return sum + meanOf(c.correct.get(a)!, p.seeds) - meanOf(c.correct.get(b)!, p.seeds);
  }, 0) / pairs.length;
  const seeds = [...new Set(pairs.flatMap((p) => p.seeds))].sort((x, y) => x - y);
  const pairedBy = `${a} vs ${b}, same seed and question, over ${used.length} (model, eval set) cell(s): ${used.join(", ")}`;
  const draws = gainDraws(joint, pairs, a, b);
  return { experiment, strategy: a, baseline: b, cells: used, bootstrap: bootstrapGain(draws, estimate, seeds, Math.min(...pairs.map((p) => p.n)), pairedBy, draws.length) };
}

export function analyzeQuestions(runs: readonly RunPredictions[], baseline: string, options: ResampleOptions & { alpha?: number } = {}): QuestionAnalysis {
  const resamples = options.resamples ?? 10_000;
  const cells = buildCells(runs);
  const joints = new Map<string, JointDraws>();
  const out: QuestionAnalysis = {
    cells: [], categories: [], diagnostics: [], gains: [], experimentGains: [], resamples, bootstrapSeed: options.seed ?? 0,
    pairwise: (experiment, a, b) => {
      const joint = joints.get(experiment);
      return joint ? experimentGainOf(joint, cells.filter((c) => c.experiment === experiment), experiment, a, b) : undefined;
    },
  };
  for (const run of runs) {
    out.diagnostics.push(diagnoseRun({ experiment: run.experiment, model: run.model, evalSet: run.evalSet, strategy: run.strategy, seed: run.seed, ...(run.runId ? { runId: run.runId } : {}) }, run.predictions, options.alpha));
  }
  for (const experiment of [...new Set(cells.map((c) => c.experiment))]) {
    const mine = cells.filter((c) => c.experiment === experiment);
    const inputs = mine.map(jointCell);
    const joint = runJointBootstrap(inputs, { resamples, seed: options.seed ?? 0 });
    joints.set(experiment, joint);
    mine.forEach((cell, ci) => {
      const label = { experiment: cell.experiment, model: cell.model, evalSet: cell.evalSet };
      const input = inputs[ci]!;
      for (const [strategy, bySeed] of cell.correct) {
        const seeds = sortedSeeds(bySeed);
        const draws = accuracyDraws(joint, cell.model, cell.evalSet, strategy);
        out.cells.push({ ...label, strategy, interval: intervalFrom(meanOf(bySeed, seeds), draws, seeds.length, cell.ids.length, draws.length) });
        input.categoryNames.forEach((category, k) => {
          const subset = cell.categories.flatMap((c, i) => (c === category ? [i] : []));
          const catDraws = input.categoryCount > 1 ? accuracyDraws(joint, cell.model, cell.evalSet, strategy, k) : draws;
          out.categories.push({ ...label, strategy, category, interval: intervalFrom(meanOf(bySeed, seeds, subset), catDraws, seeds.length, subset.length, catDraws.length) });
        });
      }
      const base = cell.correct.get(baseline);
      const family: QuestionGain[] = [];
      for (const [strategy, bySeed] of cell.correct) {
        if (strategy === baseline) continue;
        const seeds = base ? sortedSeeds(bySeed).filter((s) => base.has(s)) : [];
        const gain: QuestionGain = {
          ...label, strategy, baseline,
          bootstrap: { test: "paired bootstrap over seeds and questions", gain: Number.NaN, ci95: [Number.NaN, Number.NaN], p: Number.NaN, holmP: Number.NaN, seeds, questions: cell.ids.length, resamples: 0, pairedBy: "" },
          mcnemar: [], discordance: Number.NaN,
        };
        if (!base || seeds.length === 0) {
          gain.note = `no ${baseline} predictions on the same seeds for ${cell.model} / ${cell.evalSet}: no per-question test`;
        } else {
          const pairedBy = `${strategy} vs ${baseline} on ${cell.model} / ${cell.evalSet}: same seed (${seeds.join(", ")}) and same question (${cell.ids.length})`;
          const draws = gainDraws(joint, [{ model: cell.model, evalSet: cell.evalSet, seeds }], strategy, baseline);
          gain.bootstrap = bootstrapGain(draws, meanOf(bySeed, seeds) - meanOf(base, seeds), seeds, cell.ids.length, pairedBy, draws.length);
          const ids = cell.ids;
          gain.mcnemar = seeds.map((seed) => ({
            ...mcnemarExact({ ids, correctA: base.get(seed)!, correctB: bySeed.get(seed)! }, `${ids.length} questions, ${baseline} vs ${strategy}, seed ${seed}`),
            seed, holmP: Number.NaN,
          }));
          gain.discordance = gain.mcnemar.reduce((s, m) => s + (m.onlyA + m.onlyB) / m.n, 0) / gain.mcnemar.length;
          const unpaired = sortedSeeds(bySeed).filter((s) => !base.has(s));
          if (unpaired.length) gain.note = `seed(s) ${unpaired.join(", ")} have no ${baseline} run: not paired`;
        }
        family.push(gain);
      }
      holmAdjust(family.map((g) => g.bootstrap.p)).forEach((p, i) => (family[i]!.bootstrap.holmP = p));
      // McNemar: one family per seed — the strategies tested against the baseline on that seed.
      for (const seed of [...new Set(family.flatMap((g) => g.mcnemar.map((m) => m.seed)))]) {
        const tests = family.flatMap((g) => g.mcnemar.filter((m) => m.seed === seed));
        holmAdjust(tests.map((t) => t.p)).forEach((p, i) => (tests[i]!.holmP = p));
      }
      out.gains.push(...family);
    });
    const strategies = [...new Set(mine.flatMap((c) => [...c.correct.keys()]))].filter((s) => s !== baseline);
    const family = strategies.flatMap((s) => experimentGainOf(joint, mine, experiment, s, baseline) ?? []);
    holmAdjust(family.map((g) => g.bootstrap.p)).forEach((p, i) => (family[i]!.bootstrap.holmP = p));
    out.experimentGains.push(...family);
  }
  return out;
}
