/**
 * Which test backs an experiment's claims, chosen once here so every view says the same thing:
 *  1. per-question predictions for the experiment → the paired bootstrap over seeds and questions
 *     (questionAnalysis.ts), Holm over the strategies;
 *  2. otherwise, ≥ 2 (model, eval set) cells → the paired t over cell means (compare.ts compareAcrossGrid),
 *     Holm over the strategies — Syllabus's choice of pairing: the paper does not state its pairing;
 *  3. otherwise (one cell) → the paired t over seeds of that cell, Holm over the strategies.
 * Per cell ("beats the baseline everywhere"): the cell's bootstrap when predictions exist, else its
 * seed-paired t.
 */
import type { CellStats } from "./types";
import type { GridComparison, SeedComparison } from "./compare";
import type { ExperimentGain, QuestionAnalysis, QuestionGain } from "./questionAnalysis";
import { pairedTTest } from "./pairedT";
import { mean } from "./descriptive";
import { beatsEverywhere, bestClaim, gainClaim, type Claim, type TestedGain } from "./claims";

export type EvidenceSource = "paired bootstrap over seeds and questions" | "paired t over (model, eval set) cell means" | "paired t over seeds" | "none";

export interface ExperimentEvidence {
  experiment: string;
  baseline: string;
  source: EvidenceSource;
  /** Mean accuracy per strategy over the experiment's cells (the study table's Mean column). */
  means: { strategy: string; mean: number }[];
  gains: TestedGain[];
  perCell: (TestedGain & { model: string; evalSet: string })[];
  claim: Claim;
  gainClaims: Claim[];
  /** Strategies significantly above the baseline in every (model, eval set) cell. */
  beatsEverywhere: { strategy: string; cells: number }[];
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
const nStrategies = (n: number) => `${n} ${n === 1 ? "strategy" : "strategies"}`;

export function bootstrapTested(g: ExperimentGain | QuestionGain, family: number): TestedGain {
  const b = g.bootstrap;
  return { strategy: g.strategy, baseline: g.baseline, gain: b.gain, p: b.holmP, test: `${b.test}, ${b.resamples.toLocaleString("en-US")} resamples, Holm over ${nStrategies(family)}`, n: `${plural(b.seeds.length, "seed")} × ${plural(b.questions, "question")}${"cells" in g ? ` × ${plural(g.cells.length, "cell")}` : ""}` };
}

function seedTested(c: SeedComparison, family: number): TestedGain {
  return { strategy: c.strategy, baseline: c.baseline, gain: c.gain, p: c.tHolmP, test: `paired t over seeds, Holm over ${nStrategies(family)}`, n: plural(c.pairedSeeds.length, "seed") };
}

export function experimentEvidence(
  cells: readonly CellStats[],
  experiment: string,
  baseline: string,
  inputs: { grid?: readonly GridComparison[]; bySeed?: readonly SeedComparison[]; questions?: QuestionAnalysis } = {},
): ExperimentEvidence {
  const mine = cells.filter((c) => c.experiment === experiment);
  const strategies = [...new Set(mine.map((c) => c.strategy))];
  const cellNames = [...new Set(mine.map((c) => `${c.model}\u0000${c.evalSet}`))];
  const means = strategies.map((s) => {
    const vals = cellNames.map((k) => mine.find((c) => c.strategy === s && `${c.model}\u0000${c.evalSet}` === k)?.mean ?? Number.NaN);
    return { strategy: s, mean: mean(vals) };
  });
  const qGains = inputs.questions?.experimentGains.filter((g) => g.experiment === experiment) ?? [];
  const grid = (inputs.grid ?? []).filter((g) => g.experiment === experiment && g.tTest.n >= 2);
  const seedCmp = (inputs.bySeed ?? []).filter((c) => c.experiment === experiment);
  let source: EvidenceSource = "none";
  let gains: TestedGain[] = [];
  let pairwise: ((a: string, b: string) => { p: number; test: string } | undefined) | undefined;
  if (qGains.length) {
    source = "paired bootstrap over seeds and questions";
    gains = qGains.map((g) => bootstrapTested(g, qGains.length));
    const questions = inputs.questions!;
    pairwise = (a, b) => {
      const g = questions.pairwise(experiment, a, b);
      return g ? { p: g.bootstrap.p, test: `${g.bootstrap.test}, ${a} vs ${b}` } : undefined;
    };
  } else if (grid.length) {
    source = "paired t over (model, eval set) cell means";
    gains = grid.map((g) => ({ strategy: g.strategy, baseline: g.baseline, gain: g.meanGain, p: g.holmP, test: `paired t over (model, eval set) cell means (Syllabus's choice of pairing; the paper does not state its pairing), Holm over ${nStrategies(grid.length)}`, n: plural(g.tTest.n, "cell") }));
    pairwise = (a, b) => {
      const key = (c: CellStats) => `${c.model}\u0000${c.evalSet}`;
      const bm = new Map(mine.filter((c) => c.strategy === b).map((c) => [key(c), c.mean]));
      const pairs = mine.filter((c) => c.strategy === a && bm.has(key(c)));
      if (pairs.length < 2) return undefined;
      const t = pairedTTest(pairs.map((c) => bm.get(key(c))!), pairs.map((c) => c.mean), `${a} vs ${b} cell means`);
      return { p: t.p, test: `paired t over ${pairs.length} cell means, ${a} vs ${b}` };
    };
  } else if (cellNames.length === 1 && seedCmp.length) {
    source = "paired t over seeds";
    gains = seedCmp.map((c) => seedTested(c, seedCmp.length));
  }
  const cellQ = inputs.questions?.gains.filter((g) => g.experiment === experiment) ?? [];
  const perCell = cellQ.length
    ? cellQ.map((g) => ({ ...bootstrapTested(g, cellQ.filter((x) => x.model === g.model && x.evalSet === g.evalSet).length), model: g.model, evalSet: g.evalSet }))
    : seedCmp.map((c) => ({ ...seedTested(c, seedCmp.filter((x) => x.model === c.model && x.evalSet === c.evalSet).length), model: c.model, evalSet: c.evalSet }));
  return {
    experiment, baseline, source, means, gains, perCell,
    claim: bestClaim({ means, baseline, gains, ...(pairwise ? { pairwise } : {}) }),
    gainClaims: gains.map((g) => gainClaim(g)),
    beatsEverywhere: beatsEverywhere(perCell),
  };
}
