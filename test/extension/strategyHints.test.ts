/** Results inline in the config: labels and hover text per strategy, from a real config and a real run store. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDemoWorkspace } from "../../src/core/demo/workspace";
import { RunStore } from "../../src/core/runs/store";
import { loadConfig } from "../../src/language/load";
import { parse } from "../../src/language/parser";
import { strategyHints } from "../../src/extension/strategyHints";
import { PlanCache } from "../../src/core/runs/experimentRuns";

function result(runId: string, accuracy: number) {
  return JSON.stringify({
    schemaVersion: 1, runId, accuracy: { which_option: { accuracy, n: 100, correct: Math.round(accuracy * 100) } },
    trainSeconds: 1, optimizerSteps: 1, peakMemoryBytes: 1, tokensPerSecond: 1, device: "cpu", precisionNote: "float32",
    truncatedPrompts: { train: 0, eval: {} }, versions: { python: "3.11", torch: "2", transformers: "4", peft: "0.1", trainer: "0.1.0" },
    consumedIds: null, finishedAt: "2026-11-27T00:00:00.000Z",
  });
}

test("each strategy with results gets mean ±sd (gain) after its name, and a hover with CI, n and paired tests", async () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-hints-"));
  const file = writeDemoWorkspace(dir, { train: 20, test: 10 });
  const { config } = loadConfig(file);
  const store = new RunStore(dir);
  const plans = new PlanCache();
  const plan = await plans.get(config!, "demo");
  const id = (strategy: string, seed: number) => plan.runs.find((r) => r.strategy === strategy && r.seed === seed)!.runId;
  const runs: [string, string, number, number][] = [[id("random", 1), "random", 1, 0.3], [id("random", 2), "random", 2, 0.32], [id("curriculum", 1), "curriculum", 1, 0.35], [id("curriculum", 2), "curriculum", 2, 0.39]];
  for (const [id, strategy, seed, acc] of runs) {
    store.save({ runId: id, host: "local", launcher: "local", remoteDir: `/tmp/${id}`, submittedAt: "2026-11-27T00:00:00.000Z", display: { experiment: "demo", strategy, model: "smollm2", seed } });
    store.appendState(id, "succeeded");
    store.writeResult(id, result(id, acc));
  }
  const text = readFileSync(file, "utf8");
  const hints = await strategyHints(parse(text), config!, store, plans);
  assert.deepEqual(hints.map((h) => h.strategy), ["random", "curriculum"], "only strategies with results");
  const cur = hints.find((h) => h.strategy === "curriculum")!;
  assert.equal(text.slice(cur.start, cur.end), "curriculum");
  // mean 37.0, sd of (35, 39) = 2.83, gain 37.0 − 31.0 = +6.0
  assert.equal(cur.label, "37.0% ±2.8 (+6.0)");
  assert.match(cur.markdown, /smollm2 on which_option: 37\.00% \[/);
  assert.match(cur.markdown, /n = 2 seeds × 100 questions/);
  assert.match(cur.markdown, /vs random: \+6\.00 points, paired by seed \(n = 2\); paired t p = /);
  assert.equal(hints.find((h) => h.strategy === "random")!.label, "31.0% ±1.4", "the baseline has no gain");
});
