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

test("each strategy with results gets mean ±sd (labelled) and its gain with p after its name, and a hover with interval, n and tests", async () => {
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
  // mean 37.0, sd of (35, 39) = 2.83, gain +6.0; one cell, no predictions: the seed-paired t (2 pairs), not significant
  assert.equal(cur.label, "37.0% ±2.8 sd/2 seeds (+6.0 pp, p = 0.105 n.s.)");
  assert.match(cur.markdown, /smollm2 on which_option: 37\.0% \(95% CI \d+\.\d–\d+\.\d, t over seeds, (clipped to \[0, 100\], )?tiny n; 2 seeds × 100 questions\); ±2\.8 sd over 2 seeds/);
  assert.match(cur.markdown, /Curriculum: no significant difference from Random Shuffle \(\+6\.00 pp, p = 0\.105, paired t over seeds, Holm over 1 strategy; n = 2 seeds\)/);
  assert.match(cur.markdown, /Experiment claim: highest mean: Curriculum 37\.0% — no significant difference/);
  assert.equal(hints.find((h) => h.strategy === "random")!.label, "31.0% ±1.4 sd/2 seeds", "the baseline has no gain");
});
