import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "../../src/language/parser";
import type { Value } from "../../src/language/ast";
import { VALID } from "./fixtures";

const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test("exact ranges for blocks, keys, values, list items, calls, named arguments, nested blocks", () => {
  const f = parse(VALID);
  assert.deepEqual(f.errors, []);
  assert.deepEqual(f.blocks.map((b) => `${b.keyword.text} ${b.name!.text}`), ["host cluster", "dataset lek", "dataset medqa", "model tiny", "model big", "experiment lek_to_medqa"]);
  const host = f.blocks[0]!;
  assert.equal(slice(VALID, host), VALID.slice(VALID.indexOf("host cluster"), VALID.indexOf("}\n\ndataset lek") + 1));
  const sched = host.body!.items[1]!;
  assert.equal(slice(VALID, sched.key), "scheduler");
  assert.equal(slice(VALID, sched.value!), 'slurm { partition = "gpu"  gres = "gpu:a100:1"  time = "1-04:00:00" }');
  const lek = f.blocks[1]!;
  const diff = lek.body!.items[3]!.value as Extract<Value, { type: "call" }>;
  assert.equal(slice(VALID, diff), 'scores("data/lek/llm_difficulty.csv", by = row)');
  assert.equal(slice(VALID, diff.args[1]!), "by = row");
  assert.equal(slice(VALID, diff.args[1]!.name!), "by");
  const exp = f.blocks[5]!;
  const models = exp.body!.items[2]!.value as Extract<Value, { type: "list" }>;
  assert.deepEqual(models.items.map((i) => slice(VALID, i)), ["tiny", "big", "study.mistral-7b"]);
  const study = models.items[2] as Extract<Value, { type: "name" }>;
  assert.deepEqual(study.parts.map((p) => p.text), ["study", "mistral-7b"]);
  const lora = f.blocks[4]!.body!.items[2]!;
  assert.equal(lora.eq, undefined);
  assert.equal(slice(VALID, lora), "lora     { r = 16  alpha = 64  dropout = 0.1 }");
  assert.equal(f.comments.length, 2);
});

test("numbers: decimals, exponents, negatives; names with dashes", () => {
  const f = parse("model m { a = 5e-4  b = -1.5  c = .5  d = 1E+3  e = tiny-random-llama }");
  const vals = f.blocks[0]!.body!.items.map((a) => a.value!);
  assert.deepEqual(vals.map((v) => (v.type === "number" ? v.value : v.type === "name" ? v.text : null)), [5e-4, -1.5, 0.5, 1000, "tiny-random-llama"]);
});

test("recovery: a missing value, a missing `=`, and a stray token each leave the rest intact", () => {
  const text = "model a {\n  lr =\n  batch 4\n  ) quantize = nf4\n}\nmodel b { hf = \"x\" }";
  const f = parse(text);
  assert.deepEqual(f.errors.map((e) => e.message), ["missing value for `lr`", "expected `=` after `batch`", "expected a key, found `4`", "expected a key, found `)`"]);
  assert.deepEqual(f.blocks[0]!.body!.items.map((i) => i.key.text), ["lr", "batch", "quantize"]);
  assert.equal(f.blocks[1]!.name!.text, "b");
});

test("recovery: a block that lost its `}` ends where the next block starts", () => {
  const text = "host h {\n  ssh = \"x\"\n\nmodel m { preset = tinyllama }\n";
  const f = parse(text);
  assert.equal(f.blocks.length, 2);
  assert.match(f.errors[0]!.message, /unclosed `\{`/);
  assert.equal(slice(text, f.errors[0]!), "{");
  assert.equal(f.blocks[1]!.body!.items[0]!.key.text, "preset");
});

test("recovery: an unclosed list ends at the next key", () => {
  const text = "experiment e {\n  seeds = [1, 2\n  host = local\n}";
  const f = parse(text);
  assert.match(f.errors[0]!.message, /unclosed `\[`/);
  assert.deepEqual(f.blocks[0]!.body!.items.map((i) => i.key.text), ["seeds", "host"]);
});

test("unterminated strings end at the line's end and are reported once", () => {
  const text = 'host h {\n  ssh = "oops\n  python = "p"\n}';
  const f = parse(text);
  assert.deepEqual(f.errors.map((e) => e.message), ['unterminated string: add the closing `"`']);
  assert.equal(slice(text, f.errors[0]!), '"oops');
});
