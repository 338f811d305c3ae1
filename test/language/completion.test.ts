import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../src/language/analyze";
import { complete } from "../../src/language/completion";

/** Completion labels at the `|` in `source`. */
const at = (source: string) => {
  const offset = source.indexOf("|");
  const text = source.replace("|", "");
  return complete(analyze(text, "/tmp/completion/x.syllabus", { fileExists: () => true }), offset, { sshAliases: () => [], listDir: () => [] }).map((i) => i.label);
};

test("keys: only those valid in the enclosing block and not yet written", () => {
  assert.deepEqual(at("experiment e {\n  train_on = d\n  |\n}").includes("train_on"), false);
  assert.deepEqual(at("model m {\n  lora { | }\n}"), ["r", "alpha", "dropout", "top_layers"]);
  assert.deepEqual(at('host h {\n  scheduler = slurm { partition = "gpu"  | }\n}'), ["gres", "time", "account", "qos", "options", "max_concurrent"]);
  assert.deepEqual(at("experiment e {\n  curriculum = buckets { | }\n}"), ["easy", "medium"]);
  assert.deepEqual(at('dataset d {\n  difficulty = scores("x.csv", |)\n}'), ["by"]);
});

test("values: enums, variants, booleans, references, presets", () => {
  assert.deepEqual(at('dataset d {\n  difficulty = scores("x.csv", by = |)\n}'), ["id", "row"]);
  assert.deepEqual(at("dataset d {\n  difficulty = |\n}"), ["column", "scores", "human_answer_share", "llm_ensemble"]);
  assert.deepEqual(at("experiment e {\n  curriculum = |\n  seeds = [1]\n}"), ["strict", "buckets"]);
  assert.deepEqual(at("experiment e { reference = | }"), ["true", "false"]);
  assert.deepEqual(at("model m {\n  preset = |\n}"), ["m", "tinyllama", "llama2-7b", "llama2-13b", "mistral-7b", "tiny-random-llama", "smollm2-135m"]);
  assert.deepEqual(at('host gpu { ssh = "x" }\nexperiment e {\n  host = |\n}'), ["gpu", "local"]);
});

test("inside a list still being typed, without what the list already holds", () => {
  assert.deepEqual(at("experiment e {\n  strategies = [random, curriculum, |\n}"), ["blocked", "interleaved", "blocked_curriculum", "interleaved_curriculum"]);
  assert.deepEqual(at('model a { hf = "x" }\nmodel b { hf = "y" }\nexperiment e {\n  models = [a, |]\n}').slice(0, 2), ["b", "study.tinyllama"]);
});

test("top level: block keywords, as snippets with the required keys", () => {
  assert.deepEqual(at("|"), ["host", "dataset", "model", "experiment", "study"]);
  const a = analyze("", "/tmp/x.syllabus");
  const exp = complete(a, 0).find((i) => i.label === "experiment")!;
  assert.match(exp.insertText!, /train_on = \$\{2:lek\}/);
  assert.match(exp.insertText!, /seeds = \$\{\d:\[1, 2, 3, 4, 5\]\}/);
});
