// Results come home on every transition, through one import that checks the training order: real run folders
// on this machine (LocalExec, the `local` host's transport), the real store, the contract's consumed-order check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consumedIdsHash } from "../../src/core/runs/bundle";
import { RunStore } from "../../src/core/runs/store";
import { LocalExec } from "../../src/remote/exec";
import { syncRunFiles } from "../../src/remote/sync";
import { tinyBundle } from "./bundles";

async function result(runId: string, ids: string[], accuracy: number, finishedAt: string) {
  return JSON.stringify({
    schemaVersion: 1, runId, accuracy: { medqa: { accuracy, n: 6, correct: Math.round(accuracy * 6) } },
    trainSeconds: 1, optimizerSteps: 4, peakMemoryBytes: 1, tokensPerSecond: 1, device: "cpu", precisionNote: "float32",
    truncatedPrompts: { train: 0, eval: {} }, versions: { python: "3.11", torch: "2", transformers: "4", peft: "0.1", trainer: "0.1.0" },
    consumedIds: { count: ids.length, sha256: await consumedIdsHash(ids) }, finishedAt,
  });
}

test("a finished run is imported; a newer result replaces it; a wrong consumed order marks it invalid", async () => {
  const root = mkdtempSync(join(tmpdir(), "syllabus-import-"));
  const bundle = tinyBundle(join(root, "host"), "run-1", { train: 5, epochs: 2 });
  const ids = readFileSync(join(bundle.dir, "train.jsonl"), "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { id: string }).id);
  const store = new RunStore(join(root, "ws"));
  store.save({ runId: "run-1", host: "local", launcher: "local", remoteDir: bundle.dir, submittedAt: "2026-12-01T00:00:00.000Z", display: {} });
  const exec = new LocalExec("local");
  mkdirSync(join(bundle.dir, "predictions"), { recursive: true });
  const pred = (id: string) => JSON.stringify({ id, gold: "A", predicted: "A", logprobs: { A: -0.1, B: -2 } }) + "\n";

  // not ended: nothing imported
  writeFileSync(join(bundle.dir, "result.json"), await result("run-1", [...ids, ...ids], 0.5, "2026-12-01T01:00:00.000Z"));
  writeFileSync(join(bundle.dir, "predictions", "medqa.jsonl"), pred("q1"));
  writeFileSync(join(bundle.dir, "predictions", "old.jsonl"), pred("q1"));
  let s = await syncRunFiles(exec, store, "run-1", bundle.dir, { runId: "run-1", state: "training" });
  assert.equal(s.fetchedResult, false);
  assert.equal(store.result("run-1"), undefined);

  // ended, trained train.jsonl × 2 epochs in order: imported and valid
  s = await syncRunFiles(exec, store, "run-1", bundle.dir, { runId: "run-1", state: "succeeded" });
  assert.equal(s.fetchedResult, true);
  assert.equal(s.invalid, undefined);
  assert.equal(store.result("run-1")!.accuracy.medqa!.accuracy, 0.5);
  assert.deepEqual(store.predictionSets("run-1"), ["medqa", "old"]);
  assert.equal(store.invalid("run-1"), undefined);

  // seen again unchanged: nothing rewritten
  s = await syncRunFiles(exec, store, "run-1", bundle.dir, { runId: "run-1", state: "succeeded" });
  assert.equal(s.fetchedResult, false);

  // a rerun's newer result, trained in ANOTHER order: replaces the old one, with its predictions, and is invalid
  writeFileSync(join(bundle.dir, "result.json"), await result("run-1", [...ids].reverse().concat(ids), 0.75, "2026-12-01T02:00:00.000Z"));
  rmSync(join(bundle.dir, "predictions", "old.jsonl"));
  writeFileSync(join(bundle.dir, "predictions", "medqa.jsonl"), pred("q2"));
  s = await syncRunFiles(exec, store, "run-1", bundle.dir, { runId: "run-1", state: "succeeded" });
  assert.equal(s.fetchedResult, true);
  assert.match(s.invalid ?? "", /not trained in the planned order: .*different order than train\.jsonl/);
  assert.equal(store.result("run-1")!.accuracy.medqa!.accuracy, 0.75, "the newer result");
  assert.deepEqual(store.predictionSets("run-1"), ["medqa"], "the old run's predictions are gone");
  assert.match(readFileSync(store.predictionsPath("run-1", "medqa"), "utf8"), /q2/);
  assert.match(store.invalid("run-1")!.reason, /different order/);

  // one epoch fewer than planned is invalid too; a correct rerun clears the mark
  writeFileSync(join(bundle.dir, "result.json"), await result("run-1", ids, 0.6, "2026-12-01T03:00:00.000Z"));
  s = await syncRunFiles(exec, store, "run-1", bundle.dir, { runId: "run-1", state: "succeeded" });
  assert.match(s.invalid ?? "", /consumed 5 questions, train\.jsonl × 2 epoch\(s\) has 10/);
  writeFileSync(join(bundle.dir, "result.json"), await result("run-1", [...ids, ...ids], 0.7, "2026-12-01T04:00:00.000Z"));
  s = await syncRunFiles(exec, store, "run-1", bundle.dir, { runId: "run-1", state: "succeeded" });
  assert.equal(s.invalid, undefined);
  assert.equal(store.invalid("run-1"), undefined);
});
