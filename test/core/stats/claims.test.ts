// Honest statistics on crafted results: no claim without its test, chance and degenerate runs flagged,
// intervals inside [0, 100] with n, n = 1 labelled, MDE = the normal-approximation formula.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  aggregateResults, analyzeQuestions, bestClaim, compareAcrossGrid, compareBySeed, experimentEvidence, intervalLabel,
  minimalDetectableEffect, questionInterval, seedInterval, spreadLabel, chanceLevel, letterDistribution, diagnoseRun,
} from "../../../src/core/stats/index";
import { clearWinner, demoTie } from "../../fixtures/craftedRuns";

const FAST = { resamples: 2000, seed: 1 };

test("a four-way tie at chance yields no winner claim, and says why with its p", () => {
  const { results, predictions } = demoTie();
  const cells = aggregateResults(results);
  const questions = analyzeQuestions(predictions, "random", FAST);
  const ev = experimentEvidence(cells, "demo", "random", { bySeed: compareBySeed(cells, "random"), grid: compareAcrossGrid(cells, "random"), questions });
  assert.equal(ev.source, "paired bootstrap over seeds and questions");
  assert.equal(ev.claim.kind, "none");
  assert.match(ev.claim.text, /no winner/);
  assert.match(ev.claim.short, /4-way tie/);
  assert.doesNotMatch(ev.claim.text + ev.claim.short, /best:|beats/);
  assert.deepEqual(ev.beatsEverywhere, []);
  for (const c of ev.gainClaims) assert.match(c.text, /no significant difference from Random Shuffle \(\+?0\.00 pp, p = 1\.000/);
});

test("without predictions the tie is still no claim (seed-paired t on one cell)", () => {
  const { results } = demoTie();
  const cells = aggregateResults(results);
  const ev = experimentEvidence(cells, "demo", "random", { bySeed: compareBySeed(cells, "random"), grid: compareAcrossGrid(cells, "random") });
  assert.equal(ev.source, "paired t over seeds");
  assert.equal(ev.claim.kind, "none");
  assert.match(ev.claim.text, /no winner/);
});

test("a real winner is claimed with its test and Holm-adjusted p; the runner-up is tested too", () => {
  const { results, predictions } = clearWinner();
  const cells = aggregateResults(results);
  const questions = analyzeQuestions(predictions, "random", FAST);
  const ev = experimentEvidence(cells, "clear", "random", { questions });
  assert.equal(ev.claim.kind, "best");
  assert.equal(ev.claim.strategy, "curriculum");
  assert.match(ev.claim.text, /^best: Curriculum 80\.0% beats Random Shuffle \(\+55\.00 pp, p = .*paired bootstrap over seeds and questions, 2,000 resamples, Holm over 2 strategies; n = 5 seeds × 400 questions × 1 cell\), and Blocked \(p = /);
  assert.deepEqual(ev.beatsEverywhere.map((b) => b.strategy).sort(), ["blocked", "curriculum"]);
});

test("best needs the runner-up test: significant over the baseline but not over the runner-up is 'beats', not 'best'", () => {
  const means = [{ strategy: "random", mean: 0.5 }, { strategy: "a", mean: 0.6 }, { strategy: "b", mean: 0.59 }];
  const gains = [
    { strategy: "a", baseline: "random", gain: 0.1, p: 0.001, test: "t", n: "5 seeds" },
    { strategy: "b", baseline: "random", gain: 0.09, p: 0.002, test: "t", n: "5 seeds" },
  ];
  const c = bestClaim({ means, baseline: "random", gains, pairwise: () => ({ p: 0.4, test: "t" }) });
  assert.equal(c.kind, "beats");
  assert.match(c.text, /no significant difference from b \(p = 0\.400\), so no single best/);
  assert.equal(bestClaim({ means, baseline: "random", gains }).kind, "beats");
  assert.equal(bestClaim({ means, baseline: "random", gains, pairwise: () => ({ p: 0.01, test: "t" }) }).kind, "best");
  assert.equal(bestClaim({ means, baseline: "random", gains: gains.map((g) => ({ ...g, p: 0.2 })) }).kind, "none");
});

test("chance-level and always-'A' runs are flagged, with the gold share of that letter", () => {
  const { predictions } = demoTie();
  const q = analyzeQuestions(predictions, "random", FAST);
  assert.equal(q.diagnostics.length, 12);
  for (const d of q.diagnostics) {
    assert.equal(d.chance.chance, 0.25);
    assert.ok(d.chance.indistinguishable, `${d.strategy} ${d.seed}`);
    assert.equal(d.letters.degenerate?.letter, "A");
    assert.ok(d.flags.some((f) => /^indistinguishable from chance: 27\.1% vs chance 25\.0% \(exact binomial p = 0\.6\d\d, n = 96 questions\)$/.test(f)), d.flags.join(" | "));
    assert.ok(d.flags.some((f) => /^degenerate: always "A" \(9[26] of 96 answers; "A" is gold for 27\.1% of the questions\)$/.test(f)), d.flags.join(" | "));
  }
  const good = analyzeQuestions(clearWinner().predictions, "random", FAST).diagnostics.find((d) => d.strategy === "curriculum")!;
  assert.deepEqual(good.flags, []);
});

test("chance level is the mean of 1/options; letters are counted against the gold letters", () => {
  assert.equal(chanceLevel([4, 4, 5, 5]), (0.25 + 0.25 + 0.2 + 0.2) / 4);
  assert.ok(Number.isNaN(chanceLevel([undefined])));
  const d = letterDistribution([{ id: "1", gold: "A", predicted: "B" }, { id: "2", gold: "B", predicted: "" }]);
  assert.deepEqual(d.predicted, { B: 1, none: 1 });
  assert.equal(d.degenerate, undefined);
});

test("every interval stays inside [0, 100], carries n, and n = 1 says there is none", () => {
  // The t CI of [−5.5, 60.7]: 2 seeds far apart.
  const t = seedInterval([0.05, 0.5], 96);
  assert.ok(t.low! >= 0 && t.high! <= 1 && t.clipped && t.tinyN);
  assert.match(intervalLabel(t), /^27\.5% \(95% CI 0\.0–100\.0, t over seeds, clipped to \[0, 100\], tiny n; 2 seeds × 96 questions\)$/);
  const one = seedInterval([0.271], 96);
  assert.equal(one.low, undefined);
  assert.equal(intervalLabel(one), "27.1% (1 seed × 96 questions: no interval from a single seed)");
  const same = seedInterval([0.271, 0.271, 0.271], 96);
  assert.equal(same.low, undefined, "identical seeds: no zero-width interval");
  assert.match(intervalLabel(same), /no seed-to-seed spread/);
  assert.equal(spreadLabel(0.007, 5), "±0.7 sd over 5 seeds");
  assert.equal(spreadLabel(Number.NaN, 1), "(1 seed: no sd)");
  const { predictions } = demoTie();
  const q = analyzeQuestions(predictions, "random", FAST);
  for (const c of [...q.cells, ...q.categories]) {
    const i = c.interval;
    assert.ok(i.low !== undefined && i.high !== undefined && i.low >= 0 && i.high <= 1 && i.low <= i.estimate && i.estimate <= i.high, JSON.stringify(i));
    assert.ok(i.high - i.low > 0.05, "questions vary even when seeds agree: not zero width");
    assert.ok(i.seeds === 3 && i.questions > 0);
  }
  assert.equal(q.categories.length, 4 * 2);
  assert.equal(q.categories[0]!.interval.questions, 48);
  const single = questionInterval([Uint8Array.from([1, 0, 0, 1])], FAST);
  assert.match(intervalLabel(single), /1 seed × 4 questions/);
  assert.match(single.note!, /question sampling only/);
});

test("MDE = (z₀.₉₇₅ + z₀.₈)·√(ψ/m) with m = k·N (optimistic) and N (conservative)", () => {
  const m = minimalDetectableEffect({ questions: 1273, seeds: 5, discordance: 0.2 });
  const z = 1.959963984540054 + 0.8416212335729143;
  assert.ok(Math.abs(m.optimistic - z * Math.sqrt(0.2 / (5 * 1273))) < 1e-9);
  assert.ok(Math.abs(m.conservative - z * Math.sqrt(0.2 / 1273)) < 1e-9);
  assert.equal(m.discordanceSource, "measured");
  // 1.57–3.51 pp: a 1-point gain on MedQA cannot be detected with 5 seeds.
  assert.equal((m.optimistic * 100).toFixed(2), "1.57");
  assert.equal((m.conservative * 100).toFixed(2), "3.51");
  assert.equal(minimalDetectableEffect({ questions: 100, seeds: 1 }).discordanceSource, "assumed");
});

test("a strategy missing a seed: its interval and gains use the seeds it has, said in n and pairedBy", () => {
  const { predictions } = clearWinner();
  const q = analyzeQuestions(predictions.filter((r) => !(r.strategy === "blocked" && r.seed === 3)), "random", FAST);
  const cell = q.cells.find((c) => c.strategy === "blocked")!;
  assert.equal(cell.interval.seeds, 4);
  assert.ok(cell.interval.low! < cell.interval.estimate && cell.interval.estimate < cell.interval.high!);
  const g = q.gains.find((x) => x.strategy === "blocked")!;
  assert.deepEqual(g.bootstrap.seeds, [1, 2, 4, 5]);
  assert.match(g.bootstrap.pairedBy, /same seed \(1, 2, 4, 5\)/);
  assert.equal(g.mcnemar.length, 4);
  assert.ok(g.bootstrap.resamples > 0.9 * 2000, "resamples that drew none of the strategy's seeds are few and left out");
  assert.ok(g.bootstrap.ci95[0] > 0, "blocked (33%) is above random (25%) on 400 questions");
});

test("a run significantly below chance is flagged as such", () => {
  const preds = Array.from({ length: 200 }, (_, i) => ({ id: `q${i}`, gold: "ABCD"[i % 4]!, predicted: "ABCD"[(i + 1) % 4]!, options: 4 }));
  const d = diagnoseRun({ experiment: "x", model: "m", evalSet: "e", strategy: "s", seed: 1 }, preds);
  assert.equal(d.chance.indistinguishable, false);
  assert.match(d.flags.join(" "), /^below chance: 0\.0% vs chance 25\.0% \(exact binomial p = .*, n = 200 questions\) — check the answer key/);
});

test("tied leaders that each beat the baseline say so (with the weakest p), not 'no claim over the baseline'", () => {
  const means = [{ strategy: "random", mean: 0.275 }, { strategy: "a", mean: 0.90625 }, { strategy: "b", mean: 0.90625 }];
  const gains = [
    { strategy: "a", baseline: "random", gain: 0.63, p: 0.001, test: "t", n: "2 seeds" },
    { strategy: "b", baseline: "random", gain: 0.63, p: 0.004, test: "t", n: "2 seeds" },
  ];
  const c = bestClaim({ means, baseline: "random", gains });
  assert.equal(c.kind, "beats");
  assert.match(c.text, /^a, b tied at 90\.63%, each beats Random Shuffle \(p ≤ 0\.004, t; n = 2 seeds\), so no single best$/);
  assert.doesNotMatch(c.text, /no claim/);
  // one of the tied leaders not significant: no claim, and the text says so
  const weak = bestClaim({ means, baseline: "random", gains: [gains[0]!, { ...gains[1]!, p: 0.2 }] });
  assert.equal(weak.kind, "none");
  assert.match(weak.text, /^no winner: a, b tied/);
});
