import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syllabus } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "syllabus-cli-inspect-"));

test("inspect MedMCQA dev: counts, detected cop base, categories", () => {
  const r = syllabus("inspect", "--input", "data/medmcqa/dev.json", "--input-format", "medmcqa");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /cop base: 1 \(detected: cop 4 on line \d+\)/);
  assert.match(r.stdout, /questions: 4183 \(options: 4183 with 4\)/);
  assert.match(r.stdout, /categories: 21/);
  assert.match(r.stdout, /Dental\s+1318/);
});

test("inspect --json with a row-joined scores file: histogram, levels and tertiles", () => {
  const scores = join(dir, "llm_difficulty_medqa_test.csv");
  const rows = Array.from({ length: 1273 }, (_, i) => `${i},${((i * 7919) % 1273) / 1273}`);
  writeFileSync(scores, ["Index,llm_difficulty", ...rows].join("\n") + "\n");
  const r = syllabus("inspect", "--input", "data/medqa/us_test_5options.jsonl", "--input-format", "medqa", "--difficulty-scores", scores, "--scores-by", "row", "--json");
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.count, 1273);
  assert.equal(s.difficulty.count, 1273);
  assert.equal(s.difficulty.histogram.reduce((a: number, b: { count: number }) => a + b.count, 0), 1273);
  assert.equal(s.difficulty.levels.easy + s.difficulty.levels.medium + s.difficulty.levels.hard, 1273);
  // Scores are a permutation of i/1273, so the tertiles are close to 1/3 and 2/3.
  assert.ok(Math.abs(s.difficulty.suggestedThresholds.easy - 1 / 3) < 0.01);
  assert.ok(Math.abs(s.difficulty.suggestedThresholds.medium - 2 / 3) < 0.01);
});

test("inspect with a scores file of the wrong length fails with both lengths", () => {
  const scores = join(dir, "short.csv");
  writeFileSync(scores, "Index,llm_difficulty\n0,0.5\n1,0.5\n");
  const r = syllabus("inspect", "--input", "data/medqa/us_test_5options.jsonl", "--input-format", "medqa", "--difficulty-scores", scores);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /has 2 rows but .* has 1273 questions/);
});

test("inspect: two difficulty sources at once is a usage error", () => {
  const r = syllabus("inspect", "--input", "test/fixtures/golden/orders/input.csv", "--difficulty-column", "difficulty", "--difficulty-human");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /one difficulty source/);
});

test("inspect --help", () => {
  const r = syllabus("inspect", "--help");
  assert.equal(r.status, 0);
  assert.match(r.stdout, /suggested curriculum thresholds/);
});

test("inspect: thresholds for a target split and how many difficulties tie", () => {
  const r = syllabus("inspect", "--input", "test/fixtures/golden/orders/input.csv", "--difficulty-column", "difficulty", "--category-column", "category", "--split", "25,50,25");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /suggested thresholds for 25% \/ 50% \/ 25%: --easy [\d.]+ --medium [\d.]+ → easy 15 \(25%\) · medium 30 \(50%\) · hard 15 \(25%\)/);
  assert.match(r.stdout, /ties: 9 of 60 difficulties equal another's \(55 distinct values; most common 0\.5 × 3\)/);
  const j = JSON.parse(syllabus("inspect", "--input", "test/fixtures/golden/orders/input.csv", "--difficulty-column", "difficulty", "--json").stdout);
  assert.deepEqual([j.suggestedSplit.split.easy, j.suggestedSplit.split.medium, j.suggestedSplit.split.hard], [20, 20, 20]);
  assert.equal(j.ties.tiedQuestions, 9);
  const bad = syllabus("inspect", "--input", "test/fixtures/golden/orders/input.csv", "--difficulty-column", "difficulty", "--split", "1,2");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /three non-negative shares/);
});
