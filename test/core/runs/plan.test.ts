import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { whichOptionQuestions, toCsv } from "../../../src/core/demo/whichOption";
import { ResolvedConfig, type ResolvedConfig as Config } from "../../../src/core/experiment/model";
import { DataError } from "../../../src/core/errors";
import { orderIds } from "../../../src/core/ordering/index";
import { planExperiment } from "../../../src/core/runs/plan";
import { writeBundle } from "../../../src/core/runs/writeBundle";
import { QuestionLine, RunSpec } from "../../../src/core/runs/bundle";
import { loadDataset } from "../../../src/core/runs/datasets";

function fixture(): { dir: string; config: Config } {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-plan-"));
  writeFileSync(join(dir, "train.csv"), toCsv(whichOptionQuestions({ count: 40, seed: 1, prefix: "tr", optionCounts: [2, 3, 4] })));
  writeFileSync(join(dir, "test.csv"), toCsv(whichOptionQuestions({ count: 12, seed: 2, prefix: "te", optionCounts: [4] })));
  const config = ResolvedConfig.parse({
    file: join(dir, "demo.syllabus"),
    hosts: {},
    datasets: {
      arith: {
        name: "arith", format: "csv", train: join(dir, "train.csv"), test: join(dir, "test.csv"),
        category: { column: "category" }, difficulty: { kind: "column", column: "difficulty" },
      },
    },
    models: {
      tiny: {
        name: "tiny", hf: "tiny-random-llama", quantize: "none", lora: { r: 4, alpha: 8, dropout: 0 }, maxLength: 128,
        optim: { lr: 1e-3, batch: 4, accumulate: 1, schedule: "linear", warmup: 0, weightDecay: 0, gradClip: 1, epochs: 1, optimizer: "adamw" },
      },
    },
    experiments: {
      demo: {
        name: "demo", trainOn: "arith", evaluate: ["arith"], models: ["tiny"],
        strategies: ["random", "blocked", "interleaved", "curriculum", "blocked_curriculum", "interleaved_curriculum"],
        curriculum: { mode: "buckets", easy: 0.4, medium: 0.7 }, seeds: [1, 2], host: "local",
      },
    },
  });
  return { dir, config };
}

test("plan expands model × strategy × seed with the exact orders and stable content ids", async () => {
  const { config } = fixture();
  const plan = await planExperiment(config, "demo");
  assert.equal(plan.runs.length, 12);
  assert.equal(plan.trainCount, 40);
  const again = await planExperiment(config, "demo");
  assert.deepEqual(again.runs.map((r) => r.runId), plan.runs.map((r) => r.runId));
  assert.equal(new Set(plan.runs.map((r) => r.runId)).size, 12, "different orders or seeds give different ids");
  const train = await loadDataset(config.datasets.arith!, "train");
  for (const run of plan.runs) {
    const expected = orderIds(train, {
      strategy: run.strategy, seed: run.seed, curriculum: "buckets", thresholds: { easy: 0.4, medium: 0.7 }, categoryOrder: "sorted", categorySeed: 0, reference: false,
    });
    assert.deepEqual(run.order, expected, `${run.strategy}/${run.seed}`);
    assert.deepEqual(run.trainJsonl.trim().split("\n").map((l) => JSON.parse(l).id), expected);
  }
});

test("the run id follows what determines the result, not the labels", async () => {
  const { config } = fixture();
  const base = (await planExperiment(config, "demo")).runs[0]!;
  const renamed = structuredClone(config);
  renamed.experiments.other = { ...renamed.experiments.demo!, name: "other" };
  assert.equal((await planExperiment(renamed, "other")).runs[0]!.runId, base.runId);
  const lr = structuredClone(config);
  lr.models.tiny!.optim.lr = 2e-3;
  assert.notEqual((await planExperiment(lr, "demo")).runs[0]!.runId, base.runId);
});

test("bundles are written whole and satisfy the trainer contract", async () => {
  const { dir, config } = fixture();
  const run = (await planExperiment(config, "demo")).runs[3]!;
  const bundle = writeBundle(join(dir, "runs"), run);
  const spec = RunSpec.parse(JSON.parse(readFileSync(join(bundle, "run.json"), "utf8")));
  assert.equal(spec.runId, run.runId);
  const lines = readFileSync(join(bundle, "train.jsonl"), "utf8").trim().split("\n");
  assert.deepEqual(lines.map((l) => QuestionLine.parse(JSON.parse(l)).id), run.order);
  assert.equal(readFileSync(join(bundle, "eval/arith.jsonl"), "utf8"), run.evalSets[0]!.jsonl);
  assert.equal(writeBundle(join(dir, "runs"), run), bundle, "an existing bundle is kept");
});

test("a curriculum on data without difficulty is an error naming the rows", async () => {
  const { dir, config } = fixture();
  const csv = readFileSync(join(dir, "train.csv"), "utf8").split("\n");
  csv[3] = csv[3]!.replace(/,[0-9.]+$/, ",");
  writeFileSync(join(dir, "train.csv"), csv.join("\n"));
  await assert.rejects(planExperiment(config, "demo"), (err: unknown) => err instanceof DataError && /train\.csv:4/.test(err.message));
});
