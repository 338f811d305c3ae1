/**
 * The Experiments tree's model and the panels' payloads, from a real demo config and a real run store on disk
 * (the files a sync writes), without an editor: src/extension/runGrid.ts and panelData.ts import no `vscode`.
 */
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDemoWorkspace } from "../../src/core/demo/workspace";
import type { ResolvedConfig } from "../../src/core/experiment/model";
import { RunStore } from "../../src/core/runs/store";
import { loadConfig } from "../../src/language/load";
import { eta, experimentGrid, formatEta, summarize } from "../../src/extension/runGrid";
import { comparisonPayload, curvesPayload, ordersPayload } from "../../src/extension/panelData";

const T0 = "2026-11-27T00:00:00.000Z";

function result(runId: string, accuracy: number) {
  return JSON.stringify({
    schemaVersion: 1, runId, accuracy: { arithmetic: { accuracy, n: 96, correct: Math.round(accuracy * 96) } },
    trainSeconds: 10, optimizerSteps: 48, peakMemoryBytes: 1, tokensPerSecond: 1, device: "cpu", precisionNote: "float32",
    truncatedPrompts: { train: 0, eval: {} }, versions: { python: "3.11", torch: "2", transformers: "4", peft: "0.1", trainer: "0.1.0" },
    consumedIds: null, finishedAt: T0,
  });
}

function record(store: RunStore, runId: string, strategy: string, seed: number, submittedAt = T0) {
  store.save({ runId, host: "local", launcher: "local", remoteDir: `/tmp/${runId}`, submittedAt, display: { experiment: "demo", strategy, model: "tiny", seed } });
}

describe("experiment grid from the run store", () => {
  let config: ResolvedConfig;
  let store: RunStore;
  before(() => {
    const dir = mkdtempSync(join(tmpdir(), "syllabus-grid-"));
    config = loadConfig(writeDemoWorkspace(dir, { train: 40, test: 20 })).config;
    store = new RunStore(dir);
    // random: both seeds succeeded; curriculum seed 1 training (half way), seed 2 failed, then relaunched
    record(store, "r1", "random", 1); store.appendState("r1", "succeeded"); store.writeResult("r1", result("r1", 0.5));
    record(store, "r2", "random", 2); store.appendState("r2", "succeeded"); store.writeResult("r2", result("r2", 0.6));
    record(store, "c1", "curriculum", 1); store.appendState("c1", "training");
    store.writeStatus("c1", { schemaVersion: 1, state: "training", pid: 1, host: "local", startedAt: T0, heartbeatAt: T0, step: 10, totalSteps: 20 });
    record(store, "c2old", "curriculum", 2, "2026-11-26T00:00:00.000Z"); store.appendState("c2old", "failed");
    record(store, "c2", "curriculum", 2, "2026-11-27T01:00:00.000Z"); store.appendState("c2", "succeeded"); store.writeResult("c2", result("c2", 0.9));
    mkdirSync(store.dir("c2"), { recursive: true });
    const ev = (step: number, loss: number) => JSON.stringify({ time: T0, type: "progress", step, totalSteps: 2, epoch: 0, loss, lr: 1e-4, tokensPerSecond: 1, questionsSeen: step * 4, elapsed: step });
    writeFileSync(join(store.dir("c2"), "events.jsonl"), [ev(1, 2.5), ev(2, 2.0)].join("\n") + "\n");
    // a run of another experiment is not ours
    store.save({ runId: "x1", host: "local", launcher: "local", remoteDir: "/tmp/x1", submittedAt: T0, display: { experiment: "other", strategy: "random", model: "tiny", seed: 1 } });
  });

  it("has one row per strategy × model × seed, in config order, joined with the latest record of each", () => {
    const grid = experimentGrid(config.experiments.demo!, store, new Set(), Date.parse(T0) + 100_000);
    assert.equal(grid.length, 12);
    assert.deepEqual(grid.slice(0, 2).map((r) => [r.strategy, r.seed, r.state, r.accuracy?.arithmetic]), [["random", 1, "succeeded", 0.5], ["random", 2, "succeeded", 0.6]]);
    const c1 = grid.find((r) => r.strategy === "curriculum" && r.seed === 1)!;
    assert.deepEqual([c1.state, c1.step, c1.totalSteps, c1.etaSeconds], ["training", 10, 20, 100]);
    const c2 = grid.find((r) => r.strategy === "curriculum" && r.seed === 2)!;
    assert.equal(c2.runId, "c2", "the relaunch replaces the failed attempt");
    assert.equal(grid.filter((r) => r.state === "not-run").length, 8);
  });

  it("shows a live run of an unreachable host as unreachable, not failed", () => {
    const grid = experimentGrid(config.experiments.demo!, store, new Set(["local"]));
    assert.equal(grid.find((r) => r.runId === "c1")!.state, "unreachable");
    assert.equal(grid.find((r) => r.runId === "r1")!.state, "succeeded");
  });

  it("summarizes counts and the best strategy so far", () => {
    const s = summarize(experimentGrid(config.experiments.demo!, store));
    assert.equal(s.byState.succeeded, 3);
    assert.deepEqual(s.best, { strategy: "curriculum", accuracy: 0.9, evalSet: "arithmetic", runs: 1 });
  });

  it("comparison payload: seed means with t CIs, gains paired by seed", () => {
    const p = comparisonPayload(config, "demo", store);
    assert.equal(p.baseline, "random");
    const random = p.cells.find((c) => c.strategy === "random")!;
    assert.ok(Math.abs(random.mean - 0.55) < 1e-12);
    assert.deepEqual(random.seeds, [{ seed: 1, accuracy: 0.5 }, { seed: 2, accuracy: 0.6 }]);
    assert.ok(random.ciLow! < 0.55 && random.ciHigh! > 0.55);
    const curriculum = p.cells.find((c) => c.strategy === "curriculum")!;
    assert.equal(curriculum.ciLow, undefined, "one seed: no interval");
    assert.ok(Math.abs(curriculum.gain!.mean - 0.35) < 1e-12);
  });

  it("curves payload: the progress events of each run", () => {
    const p = curvesPayload(config, "demo", store);
    assert.deepEqual(p.series, [{ strategy: "curriculum", model: "tiny", seed: 2, steps: [1, 2], loss: [2.5, 2.0], questionsSeen: [4, 8] }]);
  });

  it("orders payload: every strategy × seed over the whole training set, before any run", async () => {
    const p = await ordersPayload(config, "demo");
    assert.equal(p.orders.length, 12);
    assert.ok(p.orders.every((o) => o.difficulty.length === 40 && o.category.every((c) => c >= 0 && c < p.categories.length)));
    const random = p.orders.filter((o) => o.strategy === "random");
    assert.notDeepEqual(random[0]!.difficulty, random[1]!.difficulty, "seeds give different shuffles");
  });

  it("formats ETAs and refuses to guess without progress", () => {
    assert.deepEqual([formatEta(42), formatEta(600), formatEta(3 * 3600 + 5 * 60)], ["42s", "10m", "3h05m"]);
    assert.equal(eta(undefined), undefined);
    assert.equal(eta({ schemaVersion: 1, state: "training", pid: 1, host: "h", startedAt: T0, heartbeatAt: T0, step: 0, totalSteps: 10 }), undefined);
  });
});
