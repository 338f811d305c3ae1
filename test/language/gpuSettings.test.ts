/** The GPU settings of the language: a host's `gpus`/`gpu_memory`, a model's `gradient_checkpointing` (into run.json, not the run id). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../src/language/analyze";
import { ResolvedConfig } from "../../src/core/experiment/model";
import { planExperiment } from "../../src/core/runs/plan";
import { RunSpec } from "../../src/core/runs/bundle";
import { makeWorkspace } from "./fixtures";

const ws = makeWorkspace();
const text = (extraHost: string, extraModel: string) => `host box {
  ssh = "me@gpu-box"
  ${extraHost}
}
dataset d { format = medqa  test = "data/medqa/test.jsonl"  train = "data/medqa/test.jsonl" }
model m {
  preset = tiny-random-llama
  ${extraModel}
}
experiment e { train_on = d  evaluate = [d]  models = [m]  strategies = [random]  seeds = [0]  host = box }`;

test("a host declares its GPUs and their memory; the model its gradient checkpointing", () => {
  const a = analyze(text("gpus = 4\n  gpu_memory = 80", "gradient_checkpointing = false"), ws.file);
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === "error"), []);
  const c = ResolvedConfig.parse(a.config);
  assert.equal(c.hosts.box!.gpus, 4);
  assert.equal(c.hosts.box!.gpuMemoryGiB, 80);
  assert.equal(c.models.m!.gradientCheckpointing, false);
  const plain = ResolvedConfig.parse(analyze(text("", ""), ws.file).config);
  assert.equal(plain.hosts.box!.gpus, undefined);
  assert.equal(plain.models.m!.gradientCheckpointing, undefined);
});

test("bad GPU settings are errors naming the key", () => {
  const errors = (t: string) => analyze(t, ws.file).diagnostics.filter((d) => d.severity === "error").map((d) => d.message).join(" | ");
  assert.match(errors(text("gpus = 1.5", "")), /whole number/);
  assert.match(errors(text("gpus = -1", "")), /at least 0/);
  assert.match(errors(text("", "gradient_checkpointing = 1")), /gradient_checkpointing/);
});

test("gradient checkpointing reaches run.json but not the run id (it changes speed, not results)", async () => {
  const off = ResolvedConfig.parse(analyze(text("", "gradient_checkpointing = false"), ws.file).config);
  const unset = ResolvedConfig.parse(analyze(text("", ""), ws.file).config);
  const [a] = (await planExperiment(off, "e")).runs;
  const [b] = (await planExperiment(unset, "e")).runs;
  assert.equal(RunSpec.parse(a!.spec).model.gradientCheckpointing, false);
  assert.equal("gradientCheckpointing" in b!.spec.model, false);
  assert.equal(a!.runId, b!.runId);
});
