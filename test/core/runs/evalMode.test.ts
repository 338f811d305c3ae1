// The evaluation protocol in the contract: `eval = generate` reaches run.json as evalMode, is part of the
// run id (loglik ids unchanged), and generate-mode prediction lines (no log-probs, maybe no letter) parse.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runIdOf } from "../../../src/core/runs/plan";
import { PredictionLine } from "../../../src/core/runs/bundle";
import { analyze } from "../../../src/language/analyze";

test("eval = generate in a config reaches the experiment model; the default is loglik", () => {
  const text = (extra: string) => `dataset d { format = medqa train = "t.jsonl" test = "t.jsonl" }\nexperiment e {\n  train_on = d\n  evaluate = [d]\n  models = [study.tinyllama]\n  strategies = [random]\n  seeds = [1]\n${extra}}\n`;
  const gen = analyze(text("  eval = generate\n"), "/tmp/x.syllabus", { fileExists: () => true });
  assert.equal(gen.config?.experiments.e?.evalMode, "generate");
  assert.equal(analyze(text(""), "/tmp/x.syllabus", { fileExists: () => true }).config?.experiments.e?.evalMode, "loglik");
  const bad = analyze(text("  eval = sample\n"), "/tmp/x.syllabus", { fileExists: () => true });
  assert.ok(bad.diagnostics.some((d) => /sample/.test(d.message) && /loglik|generate/.test(d.message)), bad.diagnostics.map((d) => d.message).join("\n"));
});

test("the run id changes with eval = generate and stays the same for the default", () => {
  const parts = { model: { hf: "x", quantize: "none" as const, lora: { r: 4, alpha: 8, dropout: 0 }, maxLength: 64 }, optim: { lr: 1e-3, batch: 1, accumulate: 1, schedule: "linear" as const, warmup: 0, weightDecay: 0, gradClip: 1, epochs: 1, optimizer: "adamw" as const }, seed: 1, trainSha256: "a", evals: [] };
  assert.equal(runIdOf({ ...parts, evalMode: "loglik" }), runIdOf(parts));
  assert.notEqual(runIdOf({ ...parts, evalMode: "generate" }), runIdOf(parts));
});

test("prediction lines of both protocols parse, bad ones are refused", () => {
  const line = (o: object) => PredictionLine.safeParse({ id: "q1", gold: "A", ...o });
  assert.ok(line({ predicted: "B", logprobs: { A: -2, B: -1 }, optionCount: 2 }).success);
  assert.ok(line({ predicted: null, output: "I am not sure", optionCount: 4 }).success, "generate: no letter = wrong, still a valid line");
  assert.ok(line({ predicted: "C", output: " C) ..." }).success);
  assert.ok(!line({ predicted: "B" }).success, "neither log-probs nor output");
  assert.ok(!line({ predicted: null, logprobs: { A: -1, B: -2 } }).success, "loglik always has a letter");
  assert.ok(!line({ predicted: "C", logprobs: { A: -1, B: -2 } }).success);
});
