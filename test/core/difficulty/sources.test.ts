import { test } from "node:test";
import assert from "node:assert/strict";
import { applyDifficulty, applyHumanShare, applyScoresFile, computeEnsemble, correctProbability } from "../../../src/core/difficulty";
import { loadItems, loadQuestions, type ImportedItem } from "../../../src/core/questions";
import { at, fixture, issuesOf, jsonl, REAL } from "../questions/fixtures";

async function threeQuestions(): Promise<ImportedItem[]> {
  const file = fixture(
    "three.jsonl",
    jsonl([
      { id: "q1", question: "One?", options: { A: "a", B: "b", C: "c", D: "d" }, answer: "B" },
      { id: "q2", question: "Two?", options: { A: "a", B: "b", C: "c", D: "d", E: "e" }, answer: "E" },
      { id: "q3", question: "Three?", options: { A: "a", B: "b" }, answer: "A" },
    ]),
  );
  return loadItems(file, { format: "jsonl" });
}

test("scores by row in the published Index,llm_difficulty format", async () => {
  const items = await threeQuestions();
  // Rows in any order: the Index value, not the file position, is the question's position.
  const scores = fixture("llm_difficulty_ok.csv", "Index,llm_difficulty\n2,0.9\n0,0.512932\n1,0.25\n");
  await applyScoresFile(items, scores, { by: "row" });
  assert.deepEqual(items.map((i) => i.difficulty), [0.512932, 0.25, 0.9]);
});

test("scores by row: a length mismatch is an error that says both lengths", async () => {
  const items = await threeQuestions();
  const scores = fixture("llm_difficulty_long.csv", "Index,llm_difficulty\n0,0.1\n1,0.2\n2,0.3\n3,0.4\n");
  const issues = await issuesOf(() => applyScoresFile(items, scores, { by: "row" }));
  assert.ok(issues.some((i) => i.line === 5 && /Index 3 is past the last question .* has 3/.test(i.message)), JSON.stringify(issues));
  const noIndex = fixture("scores_short.csv", "llm_difficulty\n0.1\n0.2\n");
  const short = await issuesOf(() => applyScoresFile(items, noIndex, { by: "row" }));
  assert.match(short[0]!.message, /has 2 rows but .* has 3 questions/);
  assert.ok(items.every((i) => i.difficulty === undefined), "a failed source leaves the items untouched");
});

test("scores by row: a missing and a repeated index are errors", async () => {
  const items = await threeQuestions();
  const scores = fixture("llm_difficulty_gap.csv", "Index,llm_difficulty\n0,0.1\n1,0.2\n1,0.3\n");
  const issues = await issuesOf(() => applyScoresFile(items, scores, { by: "row" }));
  assert.match(at(issues, 4).message, /Index 1 already has a score on line 3/);
  const gap = fixture("llm_difficulty_gap2.csv", "Index,llm_difficulty\n0,0.1\n2,0.3\n");
  const missing = await issuesOf(() => applyScoresFile(items, gap, { by: "row" }));
  assert.ok(missing.some((i) => /2 rows but/.test(i.message)));
});

test("scores by row: a non-numeric score names its line", async () => {
  const items = await threeQuestions();
  const scores = fixture("llm_difficulty_nan.csv", "Index,llm_difficulty\n0,0.1\n1,n/a?\n2,\n");
  const issues = await issuesOf(() => applyScoresFile(items, scores, { by: "row" }));
  assert.equal(at(issues, 3).field, "llm_difficulty");
  assert.match(at(issues, 4).message, /missing/);
});

test("scores by id: joined on id; unknown ids and unscored questions are errors", async () => {
  const items = await threeQuestions();
  await applyScoresFile(items, fixture("by-id.csv", "id,difficulty\nq3,0.3\nq1,0.1\nq2,0.2\n"), { by: "id" });
  assert.deepEqual(items.map((i) => i.difficulty), [0.1, 0.2, 0.3]);
  const fresh = await threeQuestions();
  const issues = await issuesOf(() => applyScoresFile(fresh, fixture("by-id-bad.csv", "id,difficulty\nq1,0.1\nqX,0.5\n"), { by: "id" }));
  assert.match(at(issues, 3).message, /id "qX" is not a question/);
  const missing = await issuesOf(() => applyScoresFile(fresh, fixture("by-id-short.csv", "id,difficulty\nq1,0.1\nq3,0.3\n"), { by: "id" }));
  assert.deepEqual(missing.map((i) => i.message.replace(/ \(.*\)/, "")), ['no score for id "q2"']);
});

test("human answer share: difficulty = 1 − share of the keyed option (LEK % are percentages)", async () => {
  const file = fixture("lek-share.csv", ",prompt,A,B,C,D,E,Answer,Category,%A,%B,%C,%D,%E\n0,Q1?,a,b,c,d,e,C,ID,10,5,70.5,10,4.5\n1,Q2?,a,b,c,d,e,A,PD,91,2,3,2,2\n");
  const qs = await loadQuestions(file, { format: "lek" });
  applyHumanShare(qs);
  assert.ok(Math.abs(qs[0]!.difficulty! - 0.295) < 1e-12);
  assert.ok(Math.abs(qs[1]!.difficulty! - 0.09) < 1e-12);
  const noShare = fixture("lek-noshare.csv", ",prompt,A,B,Answer,%A,%B\n0,Q?,a,b,B,50,\n");
  const nq = await loadQuestions(noShare, { format: "lek" });
  const issue = at(await issuesOf(async () => applyHumanShare(nq)), 2);
  assert.equal(issue.field, "%B");
});

test("LLM ensemble: per-model P(correct) renormalised over the question's letters, hand-computed", async () => {
  const items = await threeQuestions();
  // q1 (A..D, answer B). Model 1 also gave E (not an option of q1): ignored, 0.3 / (0.1+0.3+0.1+0.1) = 0.5.
  // Model 2 in log-probs: exp(-1.6094) ≈ 0.2 for A and B, 0.1 for C and D → 0.2 / 0.6 = 1/3.
  const m1 = fixture(
    "model1.jsonl",
    jsonl([
      { id: "q1", probs: { A: 0.1, B: 0.3, C: 0.1, D: 0.1, E: 0.4 } },
      { id: "q2", probs: { A: 1, B: 1, C: 1, D: 1, E: 4 } }, // unnormalised scale: 4/8 = 0.5
      { id: "q3", probs: { A: 0.9, B: 0.1 } },
    ]),
  );
  const m2 = fixture(
    "model2.jsonl",
    jsonl([
      { id: "q3", logprobs: { A: Math.log(0.6), B: Math.log(0.2), C: Math.log(0.2) } }, // C ignored → 0.75
      { id: "q1", logprobs: { A: Math.log(0.2), B: Math.log(0.2), C: Math.log(0.1), D: Math.log(0.1) } },
      { id: "q2", logprobs: { A: Math.log(0.1), B: Math.log(0.1), C: Math.log(0.1), D: Math.log(0.1), E: Math.log(0.6) } },
    ]),
  );
  const { difficulty, perModel } = await computeEnsemble(items, [m1, m2]);
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
  close(perModel[0]!.pCorrect[0]!, 0.5);
  close(perModel[1]!.pCorrect[0]!, 1 / 3);
  close(difficulty[0]!, 1 - (0.5 + 1 / 3) / 2);
  close(difficulty[1]!, 1 - (0.5 + 0.6) / 2);
  close(difficulty[2]!, 1 - (0.9 + 0.75) / 2);
  await applyDifficulty(items, { kind: "llm_ensemble", files: [m1, m2] });
  close(items[0]!.difficulty!, 1 - (0.5 + 1 / 3) / 2);
});

test("LLM ensemble: a question missing from a model's file, a missing letter, a bad line are errors", async () => {
  const items = await threeQuestions();
  const partial = fixture("partial.jsonl", jsonl([{ id: "q1", probs: { A: 0.1, B: 0.3, C: 0.1 } }, { id: "q2", probs: { A: 0.5, B: 0.5, C: 0, D: 0, E: 0 } }, { id: "q2", probs: { A: 1, B: 1 } }, { id: "q3", probability: 1 }]));
  const issues = await issuesOf(() => computeEnsemble(items, [partial]));
  assert.match(at(issues, 1).message, /no value for option D/);
  assert.match(at(issues, 3).message, /already scored on line 2/);
  assert.match(at(issues, 4).message, /exactly one of "probs" or "logprobs"/);
  const missing = issues.filter((i) => i.line === 0);
  assert.equal(missing.length, 1);
  assert.match(missing[0]!.message, /question "q3" \(.*three.jsonl:3\) has no line in this model's file/);
});

test("correctProbability: a zero total over the question's letters is an explained error", () => {
  const q = { options: { A: "a", B: "b" }, answer: "A" as const };
  assert.match(String(correctProbability(q, { id: "x", probs: { A: 0, B: 0, C: 1 } })), /sum to 0/);
});

test("column source: every question needs a value", async () => {
  const items = await loadItems(REAL.golden, { format: "csv" });
  await applyDifficulty(items, { kind: "column", column: "difficulty" });
  const file = fixture("col.csv", "id,category,difficulty\na,x,0.1\nb,x,\n");
  const partial = await loadItems(file, { format: "csv" });
  const issue = at(await issuesOf(() => applyDifficulty(partial, { kind: "column", column: "difficulty" })), 3);
  assert.equal(issue.field, "difficulty");
});
