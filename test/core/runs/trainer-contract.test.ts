// The contract from both sides at once: a bundle written by bundle.ts is trained and scored by the REAL
// Python trainer (tiny random Llama, CPU), and everything the trainer writes back passes the zod schemas.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  QuestionLine,
  checkConsumedOrder,
  consumedIdsHash,
  predictionsFile,
  readPredictionLines,
  readRunEvents,
  readTrainerResult,
  readRunStatus,
  readScoreLines,
  serializeJsonLines,
  serializeRunSpec,
  type QuestionLine as Q,
} from "../../../src/core/runs/bundle";

const root = new URL("../../../", import.meta.url).pathname;
const python = join(root, ".venv/bin/python");
const skip = !existsSync(python) && process.env.CI !== "true" ? "no .venv (npm run setup:python)" : false;

function medmcqa(n: number, from = 0): Q[] {
  const lines = readFileSync(join(root, "data/medmcqa/dev.json"), "utf8").split("\n").slice(from, from + n);
  return lines.map((l) => {
    const d = JSON.parse(l);
    return { id: d.id, question: d.question, options: { A: d.opa, B: d.opb, C: d.opc, D: d.opd }, answer: "ABCD"[d.cop - 1] as Q["answer"] };
  });
}

function trainer(args: string[]) {
  const r = spawnSync(python, ["-m", "syllabus_trainer", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PYTHONPATH: join(root, "python"), SYLLABUS_DEVICE: "cpu", OMP_NUM_THREADS: "1" },
    timeout: 300_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test("Python trains a TypeScript-written bundle and its outputs pass the zod schemas", { skip, timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-bundle-"));
  const train = medmcqa(6);
  const evalSet = medmcqa(4, 6);
  writeFileSync(join(dir, "run.json"), serializeRunSpec({
    schemaVersion: 1,
    runId: "contract-1",
    model: { hf: "tiny-random-llama", quantize: "nf4", lora: { r: 4, alpha: 16, dropout: 0.1 }, maxLength: 384 },
    optim: { lr: 1e-3, batch: 2, accumulate: 2, schedule: "linear", warmup: 0, weightDecay: 0, gradClip: 1, epochs: 1, optimizer: "paged_adamw_8bit" },
    seed: 7,
    eval: [{ name: "medmcqa", file: "eval/medmcqa.jsonl" }],
    checkpointEvery: 1,
    display: { experiment: "contract", strategy: "random", seed: 7 },
  }));
  writeFileSync(join(dir, "train.jsonl"), serializeJsonLines(QuestionLine, train));
  mkdirSync(join(dir, "eval"));
  writeFileSync(join(dir, "eval/medmcqa.jsonl"), serializeJsonLines(QuestionLine, evalSet));

  const run = trainer(["train", dir]);
  assert.equal(run.status, 0, run.output.slice(-3000));

  const status = readRunStatus(join(dir, "status.json"));
  assert.equal(status.state, "succeeded");
  assert.equal(status.step, 2); // 6 questions, batch 2 × accumulate 2: the short last group still steps
  const events = readRunEvents(join(dir, "events.jsonl"));
  assert.deepEqual(events.filter((e) => e.type === "state").map((e) => e.type === "state" && e.state), ["preparing", "training", "evaluating", "succeeded"]);
  assert.ok(events.some((e) => e.type === "note" && /float32 LoRA on CPU/.test(e.message)));
  const result = readTrainerResult(join(dir, "result.json"));
  assert.equal(result.runId, "contract-1");
  assert.equal(result.accuracy.medmcqa!.n, 4);
  assert.deepEqual(result.consumedIds, { count: 6, sha256: await consumedIdsHash(train.map((q) => q.id)) });
  assert.equal(await checkConsumedOrder(result, train.map((q) => q.id), 1), null);
  assert.match((await checkConsumedOrder(result, train.map((q) => q.id).reverse(), 1)) ?? "", /different order/);
  assert.match((await checkConsumedOrder(result, train.map((q) => q.id), 2)) ?? "", /consumed 6 questions, train.jsonl × 2 epoch\(s\) has 12/);
  const preds = readPredictionLines(join(dir, predictionsFile("medmcqa")));
  assert.deepEqual(preds.map((p) => p.id), evalSet.map((q) => q.id));
  assert.equal(preds.filter((p) => p.predicted === p.gold).length, result.accuracy.medmcqa!.correct);
});

test("Python refuses a bundle schema it does not know, and says so in status.json", { skip, timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-bundle-"));
  writeFileSync(join(dir, "run.json"), JSON.stringify({ schemaVersion: 99, runId: "x" }));
  const run = trainer(["train", dir]);
  assert.equal(run.status, 2);
  const status = readRunStatus(join(dir, "status.json"));
  assert.equal(status.state, "failed");
  assert.match(status.error ?? "", /schemaVersion 99 is not supported/);
});

test("score output is valid ScoreLine JSONL", { skip, timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-score-"));
  const qs = medmcqa(3, 20);
  writeFileSync(join(dir, "questions.jsonl"), serializeJsonLines(QuestionLine, qs));
  writeFileSync(join(dir, "score.json"), JSON.stringify({ schemaVersion: 1, model: { hf: "tiny-random-llama" }, questions: "questions.jsonl", output: "scores.jsonl" }));
  const run = trainer(["score", dir]);
  assert.equal(run.status, 0, run.output.slice(-3000));
  const lines = readScoreLines(join(dir, "scores.jsonl"));
  assert.deepEqual(lines.map((l) => l.id), qs.map((q) => q.id));
  assert.ok(lines.every((l) => Object.keys(l.probs).join("") === "ABCD"));
});
