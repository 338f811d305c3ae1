import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DataError } from "../../../src/core/errors";
import {
  TRAINER_VERSION,
  parseRunSpec,
  parseJsonLines,
  parseQuestionLines,
  parseRunStatus,
  parseRunEvents,
  parseScoreLines,
  serializeRunSpec,
  consumedIdsHash,
  TrainerResult,
  QuestionLine,
  type RunSpecInput,
} from "../../../src/core/runs/bundle";

const spec: RunSpecInput = {
  schemaVersion: 1,
  runId: "r-abc123",
  model: { hf: "tiny-random-llama", quantize: "nf4", lora: { r: 16, alpha: 64, dropout: 0.1 }, maxLength: 512 },
  optim: { lr: 5e-4, batch: 4, accumulate: 2, schedule: "linear", warmup: 0, weightDecay: 0, gradClip: 1, epochs: 1, optimizer: "paged_adamw_8bit" },
  seed: 42,
  eval: [{ name: "medqa", file: "eval/medqa.jsonl" }],
  checkpointEvery: 50,
};

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    return e.issues;
  }
  assert.fail("expected a DataError");
}

test("TRAINER_VERSION agrees with python/syllabus_trainer/__init__.py", () => {
  const init = readFileSync(new URL("../../../python/syllabus_trainer/__init__.py", import.meta.url), "utf8");
  const m = init.match(/^__version__ = "([^"]+)"/m);
  assert.ok(m, "__version__ not found");
  assert.equal(TRAINER_VERSION, m[1]);
});

test("run.json round-trips with defaults filled in", () => {
  const text = serializeRunSpec(spec);
  const parsed = parseRunSpec(text);
  assert.equal(parsed.train, "train.jsonl");
  assert.equal(parsed.logEvery, 1);
  assert.deepEqual(parsed.display, {});
  assert.equal(parsed.optim.accumulate, 2);
});

test("an unknown schemaVersion is refused with a clear message", () => {
  const issues = issuesOf(() => parseRunSpec(JSON.stringify({ ...spec, schemaVersion: 2 }), "runs/x/run.json"));
  assert.equal(issues[0]!.file, "runs/x/run.json");
  assert.equal(issues[0]!.field, "schemaVersion");
  assert.match(issues[0]!.message, /schemaVersion 2 is not supported.*reads bundle schema 1/);
});

test("run.json errors name every bad field", () => {
  const bad = { ...spec, optim: { ...spec.optim, batch: 0, warmup: 2.5 }, eval: [{ name: "../x", file: "/abs.jsonl" }] };
  const fields = issuesOf(() => parseRunSpec(JSON.stringify(bad))).map((i) => i.field);
  assert.deepEqual(fields.sort(), ["eval.0.file", "eval.0.name", "optim.batch", "optim.warmup"]);
});

test("question lines: options contiguous from A, answer among them, ids unique, line numbers", () => {
  const good = { id: "q1", question: "?", options: { A: "a", B: "b", C: "c", D: "d" }, answer: "D" };
  const text = [
    JSON.stringify(good),
    JSON.stringify({ ...good, id: "q2", answer: "E" }),
    JSON.stringify({ ...good, id: "q3", options: { A: "a", C: "c" }, answer: "A" }),
    "{not json",
    JSON.stringify(good),
  ].join("\n");
  const issues = issuesOf(() => parseQuestionLines(text, "train.jsonl"));
  assert.deepEqual(issues.map((i) => [i.line, i.field]), [[2, "answer"], [3, "options"], [4, undefined]]);
  const dup = issuesOf(() => parseQuestionLines([JSON.stringify(good), JSON.stringify(good)].join("\n"), "t"));
  assert.equal(dup[0]!.line, 2);
  assert.match(dup[0]!.message, /repeats line 1/);
  assert.equal(parseJsonLines(QuestionLine, JSON.stringify(good) + "\n\n", "t").length, 1);
});

test("status.json and events.jsonl as the trainer writes them", () => {
  const status = parseRunStatus(JSON.stringify({
    schemaVersion: 1, state: "training", pid: 123, host: "gpu1", startedAt: "2026-01-01T00:00:00.000+00:00",
    heartbeatAt: "2026-01-01T00:00:05.000+00:00", step: 3, totalSteps: 10,
  }));
  assert.equal(status.state, "training");
  const events = parseRunEvents([
    JSON.stringify({ type: "state", time: "2026-01-01T00:00:00+00:00", state: "training" }),
    JSON.stringify({ type: "progress", time: "2026-01-01T00:00:01+00:00", step: 1, totalSteps: 10, epoch: 0, loss: 1.5, lr: 1e-4, tokensPerSecond: 10, questionsSeen: 8, elapsed: 1 }),
    '{"type": "progress", "ti', // being appended right now
  ].join("\n"));
  assert.equal(events.length, 2);
  assert.throws(() => parseRunEvents('{"type":"bogus","time":"2026-01-01T00:00:00Z"}\n'), DataError);
});

test("score lines must sum to 1 over the option letters", () => {
  const ok = parseScoreLines('{"id":"q1","probs":{"A":0.25,"B":0.75}}\n', "s.jsonl");
  assert.equal(ok[0]!.probs.B, 0.75);
  const issues = issuesOf(() => parseScoreLines('{"id":"q1","probs":{"A":0.2,"B":0.2}}\n{"id":"q2","probs":{"F":1}}', "s.jsonl"));
  assert.equal(issues.length, 2);
  assert.match(issues[0]!.message, /sum to 0.4/);
});

test("consumed ids hash is sha256 over id+newline", async () => {
  // printf 'a\nb\n' | sha256sum
  assert.equal(await consumedIdsHash(["a", "b"]), "911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2");
  assert.notEqual(await consumedIdsHash(["a", "b"]), await consumedIdsHash(["b", "a"]));
});

test("result.json schema accepts an evaluate-only result", () => {
  const r = TrainerResult.parse({
    schemaVersion: 1, runId: "r", accuracy: { medqa: { accuracy: 0.5, n: 2, correct: 1 } }, trainSeconds: null, optimizerSteps: null,
    peakMemoryBytes: 1, tokensPerSecond: null, device: "cpu", precisionNote: "float32", truncatedPrompts: { train: 0, eval: { medqa: 0 } },
    versions: { python: "3.11", torch: "2", transformers: "5", peft: "0.2", trainer: "0.1.0" }, consumedIds: null, finishedAt: "2026-01-01T00:00:00Z",
  });
  assert.equal(r.accuracy.medqa!.correct, 1);
});
