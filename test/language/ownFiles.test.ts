/** `bring_your_own` and `limit` datasets: the check's warning, plan's refusal, and the subset. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyze } from "../../src/language/analyze";
import { missingOwnFiles } from "../../src/core/experiment/ownFiles";
import { planExperiment } from "../../src/core/runs/plan";
import { DataError } from "../../src/core/errors";

const config = (own: string) => `dataset mine {
  format   = medqa
  train    = "mine/train.jsonl"
  test     = "mine/train.jsonl"
${own}  limit    = 3
}

experiment e {
  train_on   = mine
  evaluate   = [mine]
  models     = [study.tiny-random-llama]
  strategies = [random]
  seeds      = [1]
}
`;

test("a missing file of a bring_your_own dataset is a warning saying what to put where, not an error", () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-own-"));
  const file = join(dir, "x.syllabus");
  const plain = analyze(config(""), file);
  assert.ok(plain.diagnostics.some((d) => d.severity === "error" && d.code === "missing-file"));
  const own = analyze(config('  bring_your_own = "the exam CSV from your registrar"\n'), file);
  assert.deepEqual(own.diagnostics.filter((d) => d.severity === "error"), []);
  const warning = own.diagnostics.find((d) => d.code === "own-file-missing")!;
  assert.match(warning.message, new RegExp(`put the exam CSV from your registrar at ${join(dir, "mine/train.jsonl")}`));
  assert.deepEqual(missingOwnFiles(own.config!, "e").map((m) => m.file), [join(dir, "mine/train.jsonl"), join(dir, "mine/train.jsonl")]);
});

test("plan refuses a bring_your_own experiment until the file is there, then plans it on the first `limit` questions", async () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-own-"));
  const file = join(dir, "x.syllabus");
  const a = analyze(config('  bring_your_own = "the exam file"\n'), file);
  await assert.rejects(planExperiment(a.config!, "e"), (err: unknown) => err instanceof DataError && /put the exam file at .*mine\/train\.jsonl/.test((err as Error).message));
  const medqa = readFileSync("data/medqa/us_test_5options.jsonl", "utf8").split("\n").slice(0, 10).join("\n") + "\n";
  const { mkdirSync } = await import("node:fs");
  mkdirSync(join(dir, "mine"));
  writeFileSync(join(dir, "mine/train.jsonl"), medqa);
  const b = analyze(config('  bring_your_own = "the exam file"\n'), file);
  assert.deepEqual(b.diagnostics, []);
  const plan = await planExperiment(b.config!, "e");
  assert.equal(plan.trainCount, 3);
  assert.deepEqual(plan.runs[0]!.order.sort(), ["medqa-1", "medqa-2", "medqa-3"]);
  assert.equal(plan.runs[0]!.evalSets[0]!.questions.length, 3);
});
