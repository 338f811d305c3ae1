import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  validateResults, aggregateResults, compareBySeed, compareAcrossGrid, tableFromCells, summarizeCurves,
  alignPredictions, mcnemarExact, pairedBootstrapCI, pairedTTest, holmAdjust, validateEvents, compareRunsByQuestion, type RunResult,
} from "../../../src/core/stats/index";
import { DataError } from "../../../src/core/errors";

function grid(): RunResult[] {
  const out: RunResult[] = [];
  const strategies = ["random", "curriculum", "interleaved"];
  const models = ["tiny", "mistral"];
  const evalSets = ["medqa", "medmcqa"];
  strategies.forEach((s, si) =>
    models.forEach((m, mi) =>
      evalSets.forEach((e, ei) => {
        for (const seed of [1, 2, 3, 4, 5]) out.push({ experiment: "x", model: m, evalSet: e, strategy: s, seed, accuracy: 0.3 + 0.1 * mi + 0.02 * ei + 0.01 * si + 0.003 * ((seed * 7 + si) % 5), n: 1273 });
      }),
    ),
  );
  return out;
}

test("aggregation gives one cell per (experiment, model, eval set, strategy) with mean, sd, CI and n", () => {
  const cells = aggregateResults(validateResults(grid(), { file: "r.json" }));
  assert.equal(cells.length, 3 * 2 * 2);
  const c = cells.find((x) => x.strategy === "curriculum" && x.model === "tiny" && x.evalSet === "medqa")!;
  assert.deepEqual(c.seeds, [1, 2, 3, 4, 5]);
  assert.equal(c.runs, 5);
  assert.equal(c.n, 1273);
  const expected = c.accuracies.reduce((a, b) => a + b) / 5;
  assert.ok(Math.abs(c.mean - expected) < 1e-15);
  assert.ok(c.ci95[0] < c.mean && c.mean < c.ci95[1]);
  assert.ok(c.sd > 0);
});

test("bad results are rejected with file, line, field and fix — every problem at once", () => {
  const rows: unknown[] = [
    { experiment: "x", model: "m", evalSet: "e", strategy: "random", seed: 1, accuracy: 38.2, n: 100 },
    { experiment: "x", model: "m", evalSet: "e", strategy: "random", seed: 2, accuracy: 0.4, n: 0 },
    { experiment: "x", model: "m", evalSet: "e", strategy: "random", seed: 2, accuracy: 0.41, n: 100 },
    { experiment: "x", model: "", evalSet: "e", strategy: "random", seed: 1.5, accuracy: "0.3", n: 100 },
  ];
  try {
    validateResults(rows, { file: "results.json", lineOf: (i) => 10 * (i + 1) });
    assert.fail("should throw");
  } catch (err) {
    assert.ok(err instanceof DataError);
    const text = err.message;
    assert.match(text, /results\.json:10: \[results\[0\]\.accuracy\] accuracy 38\.2 is outside 0\.\.1\. Fix: it looks like a percentage: give 0\.382/);
    assert.match(text, /results\.json:20: \[results\[1\]\.n\]/);
    assert.match(text, /results\.json:30: \[results\[2\]\.seed\] a second result for .*seed 2 \(first: results\[1\], line 20\)/);
    assert.match(text, /results\.json:40: \[results\[3\]\.model\]/);
    assert.match(text, /\[results\[3\]\.seed\]/);
    assert.match(text, /\[results\[3\]\.accuracy\]/);
    assert.equal(err.issues.length, 6);
  }
});

test("strategy vs baseline is paired by seed: only common seeds pair, the others are reported", () => {
  const rows = grid().filter((r) => !(r.strategy === "random" && r.model === "tiny" && r.evalSet === "medqa" && r.seed === 5));
  const cmp = compareBySeed(aggregateResults(rows), "random");
  const c = cmp.find((x) => x.strategy === "curriculum" && x.model === "tiny" && x.evalSet === "medqa")!;
  assert.deepEqual(c.pairedSeeds, [1, 2, 3, 4]);
  assert.deepEqual(c.unpairedSeeds, [5]);
  assert.equal(c.tTest!.n, 4);
  assert.equal(c.wilcoxon!.n, 4);
  assert.match(c.tTest!.pairedBy, /4 seed\(s\) \(1, 2, 3, 4\) of curriculum vs random on tiny \/ medqa/);
  assert.match(c.note!, /seed\(s\) 5 present on one side only/);
  // The t-test equals a hand-built paired test on the four common seeds.
  const cells = aggregateResults(rows);
  const base = cells.find((x) => x.strategy === "random" && x.model === "tiny" && x.evalSet === "medqa")!;
  const cur = cells.find((x) => x.strategy === "curriculum" && x.model === "tiny" && x.evalSet === "medqa")!;
  assert.equal(c.tTest!.p, pairedTTest(base.accuracies, cur.accuracies.slice(0, 4), "").p);
  // Holm over the two strategies of that cell.
  const family = cmp.filter((x) => x.model === "tiny" && x.evalSet === "medqa");
  assert.equal(family.length, 2);
  assert.deepEqual(family.map((f) => f.tHolmP), holmAdjust(family.map((f) => f.tTest!.p)));
  assert.ok(family.every((f) => f.tHolmP >= f.tTest!.p));
});

test("a missing baseline is a clear error naming the strategies present", () => {
  assert.throws(() => compareBySeed(aggregateResults(grid()), "blocked"), /baseline strategy 'blocked' has no results \(strategies: random, curriculum, interleaved\).*--baseline random/s);
});

test("across the grid: paired by (model, eval set) cell means, n = cells", () => {
  const cells = aggregateResults(grid());
  const g = compareAcrossGrid(cells, "random");
  assert.equal(g.length, 2);
  const cur = g.find((x) => x.strategy === "curriculum")!;
  assert.equal(cur.tTest.n, 4);
  assert.deepEqual(cur.cells.sort(), ["mistral/medmcqa", "mistral/medqa", "tiny/medmcqa", "tiny/medqa"]);
  assert.match(cur.tTest.pairedBy, /4 \(model, eval set\) cell means of curriculum vs random/);
  assert.ok(cur.meanGain > 0);
});

test("the study table from cells: marginals, Mean, and missing cells shown as missing (never a biased mean)", () => {
  const rows = grid().filter((r) => !(r.strategy === "interleaved" && r.model === "mistral" && r.evalSet === "medqa"));
  const t = tableFromCells(aggregateResults(rows), "x");
  assert.deepEqual(t.strategies, ["random", "interleaved", "curriculum"]);
  assert.deepEqual(t.missing, ["interleaved: mistral / medqa"]);
  const i = t.strategies.indexOf("interleaved");
  assert.ok(Number.isNaN(t.byModel[i]![1]!));
  assert.ok(Number.isNaN(t.byEvalSet[i]![0]!));
  assert.ok(Number.isNaN(t.mean[i]!));
  assert.ok(Number.isFinite(t.byModel[i]![0]!));
  const r = t.strategies.indexOf("random");
  const all = grid().filter((x) => x.strategy === "random");
  assert.ok(Math.abs(t.mean[r]! - all.reduce((a, b) => a + b.accuracy, 0) / all.length) < 1e-12);
});

test("learning curves: mean ± sd per step over seeds; a step logged twice is an error", () => {
  const ev = [1, 2, 3].flatMap((seed) => [0, 1, 2].map((step) => ({ experiment: "x", model: "m", strategy: "random", seed, step, loss: 2 - step * 0.5 + seed * 0.1 })));
  const [c] = summarizeCurves(validateEvents(ev, { file: "events" }));
  assert.deepEqual(c!.steps, [0, 1, 2]);
  assert.ok(Math.abs(c!.mean[0]! - 2.2) < 1e-12);
  assert.ok(Math.abs(c!.sd[1]! - 0.1) < 1e-12);
  assert.deepEqual(c!.count, [3, 3, 3]);
  assert.throws(() => summarizeCurves([...ev, { ...ev[0]! }], "events.jsonl"), /events\.jsonl: \[step\] step 0 of random \/ m seed 1 is logged twice/);
  assert.throws(() => validateEvents([{ ...ev[0]!, loss: Number.NaN }], { file: "e" }), /\[events\[0\]\.loss\]/);
});

test("per question: McNemar counts the discordant questions; mismatched runs are errors", () => {
  const a = [
    { id: "q1", gold: "A", predicted: "A" },
    { id: "q2", gold: "B", predicted: "C" },
    { id: "q3", gold: "C", predicted: "C" },
    { id: "q4", gold: "D", predicted: "A" },
  ];
  const b = [
    { id: "q4", gold: "D", predicted: "D" },
    { id: "q3", gold: "C", predicted: "A" },
    { id: "q2", gold: "B", predicted: "B" },
    { id: "q1", gold: "A", predicted: "A" },
  ];
  const m = mcnemarExact(alignPredictions(a, b), "4 questions");
  assert.deepEqual([m.n, m.onlyA, m.onlyB], [4, 1, 2]);
  assert.equal(m.p, 1);
  assert.throws(() => alignPredictions(a, b.slice(0, 3), { a: "runA/predictions/medqa.jsonl", b: "runB/predictions/medqa.jsonl" }), /runB\/predictions\/medqa\.jsonl: \[id\] 1 question\(s\) of runA\/predictions\/medqa\.jsonl have no prediction here: q1/);
  assert.throws(() => alignPredictions(a, [...b.slice(0, 3), { id: "q1", gold: "B", predicted: "A" }]), /question 'q1' has gold 'B' here but 'A'/);
  assert.throws(() => alignPredictions([...a, a[0]!], b), /question id 'q1' appears twice/);
});

test("the paired bootstrap is reproducible from its seed and brackets the observed difference", () => {
  const n = 400;
  const correctA = Uint8Array.from({ length: n }, (_, i) => (i % 5 < 2 ? 1 : 0));
  const correctB = Uint8Array.from({ length: n }, (_, i) => (i % 7 < 3 ? 1 : 0));
  const o = { ids: Array.from({ length: n }, (_, i) => `q${i}`), correctA, correctB };
  const x = pairedBootstrapCI(o, "400 questions", { seed: 11, resamples: 2000 });
  const y = pairedBootstrapCI(o, "400 questions", { seed: 11, resamples: 2000 });
  const z = pairedBootstrapCI(o, "400 questions", { seed: 12, resamples: 2000 });
  assert.deepEqual(x.ci95, y.ci95);
  assert.notDeepEqual(x.ci95, z.ci95);
  assert.ok(x.ci95[0] < x.difference && x.difference < x.ci95[1]);
  // Width ≈ 2·1.96·SE of a paired mean difference.
  const d = Array.from(correctB, (v, i) => v - correctA[i]!);
  const m = d.reduce((s, v) => s + v, 0) / n;
  const se = Math.sqrt(d.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1) / n);
  assert.ok(Math.abs(x.ci95[1] - x.ci95[0] - 2 * 1.96 * se) < 0.15 * 2 * 1.96 * se);
});

test("two runs compared by question on the real MedQA ids: McNemar and bootstrap agree on the sign", () => {
  const lines = readFileSync(join(__dirname, "../../../data/medqa/us_test_5options.jsonl"), "utf8").trim().split("\n");
  const gold = lines.map((l: string, i: number) => ({ id: `medqa-${i}`, gold: JSON.parse(l).answer_idx as string }));
  assert.equal(gold.length, 1273);
  // Run A right on every 3rd question, run B on every 3rd plus every 10th: B strictly better.
  const wrong = (g: string) => (g === "A" ? "B" : "A");
  const a = gold.map((q: { id: string; gold: string }, i: number) => ({ ...q, predicted: i % 3 === 0 ? q.gold : wrong(q.gold) }));
  const b = gold.map((q: { id: string; gold: string }, i: number) => ({ ...q, predicted: i % 3 === 0 || i % 10 === 0 ? q.gold : wrong(q.gold) }));
  const c = compareRunsByQuestion(a, b, { names: { a: "random/seed1", b: "curriculum/seed1" }, seed: 1, resamples: 2000 });
  assert.equal(c.n, 1273);
  assert.equal(c.mcnemar.onlyA, 0);
  assert.equal(c.mcnemar.onlyB, gold.filter((_: unknown, i: number) => i % 10 === 0 && i % 3 !== 0).length);
  assert.ok(c.mcnemar.p < 1e-10);
  assert.ok(Math.abs(c.bootstrap.difference - (c.accuracyB - c.accuracyA)) < 1e-12);
  assert.ok(c.bootstrap.ci95[0] > 0, "the CI excludes 0");
  assert.match(c.mcnemar.pairedBy, /1273 questions answered by both random\/seed1 and curriculum\/seed1/);
});
