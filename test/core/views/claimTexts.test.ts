// The editor's texts (CodeLens, inlay label, hover) on crafted results: a four-way tie gives no "best"
// lens; every "±" says it is an sd over how many seeds; hovers carry intervals with n, tests and flags.
import { test } from "node:test";
import assert from "node:assert/strict";
import { experimentClaims } from "../../../src/core/views/claimTexts";
import { clearWinner, demoTie } from "../../fixtures/craftedRuns";

test("a four-way tie: the CodeLens text names no best, and inlay/hover texts carry their labels and flags", () => {
  const { results, predictions } = demoTie();
  const c = experimentClaims("demo", "random", results, predictions, { resamples: 500, seed: 0 });
  assert.match(c.lens!, /^no winner: 4-way tie at 27\.1%; p = /);
  assert.doesNotMatch(c.lens!, /best/);
  const blocked = c.hints.get("blocked")!;
  assert.match(blocked.label, /^27\.1% ±\d+\.\d sd\/3 seeds \(\+?0\.0 pp, p = 1\.000 n\.s\.\)$/);
  assert.match(blocked.markdown, /tiny on medqa: 27\.1% \(95% CI \d+\.\d–\d+\.\d, bootstrap over seeds and questions; 3 seeds × 96 questions\)/);
  assert.match(blocked.markdown, /no significant difference from Random Shuffle/);
  assert.match(blocked.markdown, /⚠ seed 1: indistinguishable from chance.*degenerate: always "A"/);
  assert.match(blocked.markdown, /Experiment claim: no winner/);
});

test("results only, one seed: no sd, and the label says so", () => {
  const { results } = demoTie();
  const c = experimentClaims("demo", "random", results.filter((r) => r.seed === 1));
  assert.match(c.hints.get("interleaved")!.label, /^27\.1% \(1 seed: no sd\)/);
  assert.match(c.hints.get("interleaved")!.markdown, /no interval from a single seed/);
  assert.match(c.lens!, /no winner/);
});

test("a real winner: the CodeLens says best, with its p", () => {
  const { results, predictions } = clearWinner();
  const c = experimentClaims("clear", "random", results, predictions, { resamples: 500, seed: 0 });
  assert.match(c.lens!, /^best: Curriculum 80\.0% \(p = \S+ vs Random Shuffle, \S+ vs Blocked\)$/);
});

test("predictions that do not line up: the texts fall back to the results and say why (the views stay up)", () => {
  const { results, predictions } = demoTie();
  const broken = structuredClone(predictions);
  broken[4]!.predictions[0]!.gold = "D"; // blocked seed 2 scored against another answer key
  const c = experimentClaims("demo", "random", results, broken, { resamples: 200, seed: 0 });
  assert.match(c.predictionsProblem!, /question 'q0' has gold 'D' here but 'A'/);
  assert.match(c.lens!, /no winner/);
  assert.match(c.hints.get("blocked")!.markdown, /Per-question predictions not used: .*gold 'D'/);
  assert.match(c.hints.get("blocked")!.markdown, /t over seeds|no seed-to-seed spread/);
});
