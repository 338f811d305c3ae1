// The summary `syllabus run` / `status` end with, on the demo's failure (a four-way tie of always-"A" runs):
// no winner, every run flagged, the chance level stated, each "±" labelled, each interval with its n.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { printSummary } from "../../src/cli/summary";
import { RunStore } from "../../src/core/runs/store";
import type { Plan } from "../../src/core/runs/plan";
import { demoTie } from "../fixtures/craftedRuns";

test("the run summary on a four-way tie at chance: no winner, flags, chance level, labelled ± and n", () => {
  const { predictions } = demoTie();
  const store = new RunStore(mkdtempSync(join(tmpdir(), "syllabus-summary-")));
  for (const r of predictions) {
    const runId = r.runId!;
    store.save({ runId, host: "local", launcher: "local", remoteDir: `/tmp/${runId}`, submittedAt: "2026-12-01T00:00:00.000Z", display: { experiment: "demo", strategy: r.strategy, model: r.model, seed: r.seed } });
    store.appendState(runId, "succeeded");
    const correct = r.predictions.filter((p) => p.predicted === p.gold).length;
    store.writeResult(runId, JSON.stringify({
      schemaVersion: 1, runId, accuracy: { medqa: { accuracy: correct / 96, n: 96, correct } }, trainSeconds: 1, optimizerSteps: 1, peakMemoryBytes: 1, tokensPerSecond: 1,
      device: "cpu", precisionNote: "float32", truncatedPrompts: { train: 0, eval: {} }, versions: { python: "3", torch: "2", transformers: "4", peft: "0", trainer: "0.1.0" }, consumedIds: null, finishedAt: "2026-12-01T00:00:00.000Z",
    }));
    store.writePredictions(runId, "medqa", r.predictions.map((p) => JSON.stringify({ id: p.id, gold: p.gold, predicted: p.predicted, logprobs: { A: -1, B: -2, C: -3, D: -4 }, optionCount: 4 })).join("\n") + "\n");
  }
  // The summary reads the plan's labelled runs and the store; nothing else of the plan.
  const plan = { experiment: { name: "demo", baseline: "random" }, runs: predictions.map((r) => ({ runId: r.runId!, experiment: "demo", model: r.model, strategy: r.strategy, seed: r.seed })) } as unknown as Plan;
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    assert.equal(printSummary(plan, store), 0);
  } finally {
    console.log = log;
  }
  const out = lines.join("\n");
  assert.match(out, /tiny on medqa \(mean over seeds, 95% CI; ± = sd over seeds; gain vs random: paired bootstrap over seeds and questions.*\); chance level 25\.0%/);
  assert.match(out, /blocked\s+27\.08% \(95% CI \d+\.\d\d–\d+\.\d\d, bootstrap over seeds and questions; 3 seeds × 96 questions\)  ±\d\.\d sd over 3 seeds  no significant difference from Random Shuffle \(p = 1\.000\)/);
  assert.match(out, /12 of 12 runs flagged:/);
  assert.match(out, /blocked seed 2 on medqa: indistinguishable from chance: .*; degenerate: always "A" \(92 of 96 answers/);
  assert.match(out, /\nno winner: Random Shuffle, Blocked, Interleaved, Blocked Curriculum tied at 27\.08%/);
  assert.doesNotMatch(out, /best:|beats/);
});

test("the demo's durations and ETA round to whole seconds before splitting minutes (never '11 min 60 s')", async () => {
  const { seconds, eta } = await import("../../src/cli/commands/demo");
  assert.equal(seconds(719.6), "12 min 00 s");
  assert.equal(seconds(359.5), "6 min 00 s");
  assert.equal(seconds(89.4), "89 s");
  assert.equal(seconds(258.5), "4 min 19 s");
  assert.equal(eta(0.5, 60), ", ~60 s left");
  assert.equal(eta(0.01, 60), "");
});
