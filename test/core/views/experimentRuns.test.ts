/**
 * The one join (experiment → runs BY RUN ID through the plan) and the views built on it — tree texts, CodeLens,
 * inlay-hint texts, panel payloads — from a real demo config and a real run store on disk, without an editor.
 */
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedConfig } from "../../../src/core/experiment/model";
import { eta, experimentRuns, PlanCache } from "../../../src/core/runs/experimentRuns";
import type { Plan } from "../../../src/core/runs/plan";
import { planResults } from "../../../src/core/runs/results";
import type { RunStore } from "../../../src/core/runs/store";
import { categoriesPayload, comparisonPayload, curvesPayload, ordersPayload } from "../../../src/core/views/panelData";
import { formatEta, lensTexts, runDescription, summarizeRuns } from "../../../src/core/views/progress";
import { strategyHintTexts } from "../../../src/core/views/strategyHints";
import { planClaims } from "../../../src/core/views/claimTexts";
import { recordRun, sharedWorkspace, T0 } from "./fixtures";

describe("experiment → runs, by run id through the plan", () => {
  let config: ResolvedConfig;
  let store: RunStore;
  let demo: Plan;
  let pair: Plan;
  const id = (plan: Plan, strategy: string, seed: number) => plan.runs.find((r) => r.strategy === strategy && r.seed === seed)!.runId;

  before(async () => {
    ({ config, store } = sharedWorkspace());
    const plans = new PlanCache();
    demo = await plans.get(config, "demo");
    pair = await plans.get(config, "pair");
    // Launched from `pair` first, so the store's display labels say "pair" — the join must not care.
    recordRun(store, id(demo, "random", 1), { experiment: "pair", strategy: "random", model: "smollm2", seed: 1 }, "succeeded", 0.5);
    recordRun(store, id(demo, "random", 2), { experiment: "demo", strategy: "random", model: "smollm2", seed: 2 }, "succeeded", 0.6);
    recordRun(store, id(demo, "curriculum", 1), { experiment: "pair", strategy: "curriculum", model: "smollm2", seed: 1 }, "training");
    store.writeStatus(id(demo, "curriculum", 1), { schemaVersion: 1, state: "training", pid: 1, host: "local", startedAt: T0, heartbeatAt: T0, step: 10, totalSteps: 20 });
    const c2 = id(demo, "curriculum", 2);
    recordRun(store, c2, { experiment: "demo", strategy: "curriculum", model: "smollm2", seed: 2 }, "succeeded", 0.9);
    const ev = (step: number, loss: number) => JSON.stringify({ time: T0, type: "progress", step, totalSteps: 2, epoch: 0, loss, lr: 1e-4, tokensPerSecond: 1, questionsSeen: step * 4, elapsed: step });
    writeFileSync(join(store.dir(c2), "events.jsonl"), [ev(1, 2.5), ev(2, 2.0)].join("\n") + "\n");
    // A stale run whose LABELS match demo/blocked/seed 1 but whose id is not in the plan (an older config):
    recordRun(store, "stale0000000000000000", { experiment: "demo", strategy: "blocked", model: "smollm2", seed: 1 }, "succeeded", 0.99);
  });

  it("has one row per planned run, joined by id; labels come from the plan", () => {
    const runs = experimentRuns(demo, store, { now: Date.parse(T0) + 100_000 });
    assert.equal(runs.length, 12);
    const r1 = runs.find((r) => r.strategy === "random" && r.seed === 1)!;
    assert.deepEqual([r1.experiment, r1.state, r1.accuracy?.which_option?.accuracy], ["demo", "succeeded", 0.5]);
    const c1 = runs.find((r) => r.strategy === "curriculum" && r.seed === 1)!;
    assert.deepEqual([c1.state, c1.step, c1.totalSteps, c1.etaSeconds], ["training", 10, 20, 100]);
    const blocked = runs.find((r) => r.strategy === "blocked" && r.seed === 1)!;
    assert.equal(blocked.state, "not-run", "a stale run with matching labels is not this experiment's run");
    assert.equal(runs.filter((r) => r.state === "not-run").length, 8);
  });

  it("a run shared by two experiments appears in both", () => {
    const inPair = experimentRuns(pair, store).find((r) => r.strategy === "random")!;
    const inDemo = experimentRuns(demo, store).find((r) => r.strategy === "random" && r.seed === 1)!;
    assert.equal(inPair.runId, inDemo.runId);
    assert.deepEqual([inPair.experiment, inPair.accuracy?.which_option?.accuracy], ["pair", 0.5]);
    assert.equal(comparisonPayload(pair, store).cells.find((c) => c.strategy === "random")!.mean, 0.5);
    assert.deepEqual(planResults(pair, store).results.map((r) => [r.experiment, r.strategy, r.accuracy]), [["pair", "random", 0.5]]);
  });

  it("shows a live run of an unreachable host as unreachable, not failed", () => {
    const runs = experimentRuns(demo, store, { unreachableHosts: new Set(["local"]) });
    assert.equal(runs.find((r) => r.strategy === "curriculum" && r.seed === 1)!.state, "unreachable");
    assert.equal(runs.find((r) => r.strategy === "random" && r.seed === 1)!.state, "succeeded");
  });

  it("progress, best strategy, CodeLens and tree texts", () => {
    const runs = experimentRuns(demo, store);
    const s = summarizeRuns(runs);
    assert.equal(s.byState.succeeded, 3);
    assert.deepEqual(s.best, { strategy: "curriculum", accuracy: 0.9, evalSet: "which_option", runs: 1 });
    // Without its test the highest mean is never called "best"; with the claim (planClaims) the lens says what the test says.
    assert.deepEqual(lensTexts(runs), { progress: "3/12 done, 1 running", best: "highest mean: curriculum 90.0% on which_option (untested)" });
    const claims = planClaims(demo, store, runs);
    assert.match(claims.lens!, /^no significant difference \(p = —\); highest Curriculum 90\.0%$/, "curriculum has one seed, the baseline two: no paired test");
    assert.equal(lensTexts(runs, claims.lens).best, claims.lens);
    assert.equal(runDescription(runs.find((r) => r.strategy === "random" && r.seed === 2)!), "succeeded · which_option 60.0%");
  });

  it("a run marked invalid shows as such and is left out of every statistic", () => {
    const c2 = id(demo, "curriculum", 2);
    store.setInvalid(c2, "not trained in the planned order: test");
    try {
      const runs = experimentRuns(demo, store);
      const run = runs.find((r) => r.runId === c2)!;
      assert.equal(run.accuracy, undefined);
      assert.match(runDescription(run), /^invalid · not trained in the planned order/);
      assert.equal(summarizeRuns(runs).best?.strategy, "random");
      assert.equal(lensTexts(runs).progress, "2/12 done, 1 running, 1 invalid");
      assert.equal(comparisonPayload(demo, store).cells.some((c) => c.strategy === "curriculum"), false);
      assert.deepEqual(planResults(demo, store).invalid.map((r) => r.runId), [c2]);
    } finally {
      store.setInvalid(c2, undefined);
    }
  });

  it("comparison payload: seed means with the labelled interval (t over seeds, cut to [0, 100]), gains paired by seed", () => {
    const p = comparisonPayload(demo, store);
    assert.equal(p.baseline, "random");
    const random = p.cells.find((c) => c.strategy === "random")!;
    assert.ok(Math.abs(random.mean - 0.55) < 1e-12);
    assert.deepEqual(random.seeds, [{ seed: 1, accuracy: 0.5 }, { seed: 2, accuracy: 0.6 }]);
    const curriculum = p.cells.find((c) => c.strategy === "curriculum")!;
    assert.equal(curriculum.ciLow, undefined, "one seed: no interval");
    assert.ok(Math.abs(curriculum.gain!.mean - 0.35) < 1e-12, "0.9 − the baseline mean 0.55");
    // Claims only with a test: curriculum is highest, but one seed against two gives no paired test.
    assert.match(p.claim!, /^highest mean: Curriculum 90\.0% — /);
    assert.doesNotMatch(p.claim!, /best/);
    assert.equal(curriculum.intervalLabel, "90.0% (1 seed × 20 questions: no interval from a single seed)");
    assert.match(random.intervalLabel!, /^55\.0% \(95% CI \d+\.\d–\d+\.\d, t over seeds, (clipped to \[0, 100\], )?tiny n; 2 seeds × 20 questions\)$/);
    // the error bar IS the labelled interval: 2 seeds (t = 12.7) reach past 0 and 100, and are cut there, never drawn below 0%
    assert.equal(random.ciMethod, "t over seeds");
    assert.deepEqual([random.ciLow, random.ciHigh], [0, 1]);
    assert.match(random.intervalLabel!, /95% CI 0\.0–100\.0, t over seeds, clipped to \[0, 100\]/);
  });

  it("inlay-hint texts carry the same means as the comparison payload", () => {
    const hints = strategyHintTexts(demo, store);
    assert.deepEqual(hints.map((h) => h.strategy), ["random", "curriculum"]);
    assert.equal(hints[0]!.label, "55.0% ±7.1 sd/2 seeds");
    assert.equal(hints[1]!.label, "90.0% (1 seed: no sd) (+35.0 pp, untested)");
  });

  it("categories payload: each category's accuracy with its interval and n from the runs' predictions", () => {
    const questions = demo.runs[0]!.evalSets.find((e) => e.name === "which_option")!.questions;
    for (const [seed, k] of [[1, 2], [2, 3]] as const) {
      store.writePredictions(id(demo, "random", seed), "which_option", questions.map((q, i) => JSON.stringify({ id: q.id, gold: q.answer, predicted: i % k === 0 ? q.answer : q.answer === "A" ? "B" : "A", logprobs: { A: -1, B: -1.5, C: -2, D: -3 }, optionCount: 4 })).join("\n") + "\n");
    }
    const p = categoriesPayload(demo, store);
    const random = p.strategies.find((s) => s.strategy === "random")!;
    assert.equal(random.interval!.length, p.categories.length);
    random.interval!.forEach((label, i) => {
      if (random.n[i] === 0) return assert.equal(label, null);
      assert.match(label!, new RegExp(`^\\d+\\.\\d% \\(95% CI \\d+\\.\\d–\\d+\\.\\d, bootstrap over seeds and questions; 2 seeds × ${random.n[i]} questions?\\)$`));
    });
  });

  it("curves payload: the progress events of each run", () => {
    assert.deepEqual(curvesPayload(demo, store).series, [{ strategy: "curriculum", model: "smollm2", seed: 2, steps: [1, 2], loss: [2.5, 2.0], questionsSeen: [4, 8] }]);
  });

  it("orders payload: every strategy × seed over the whole training set, before any run", async () => {
    const p = await ordersPayload(config, "demo");
    assert.equal(p.orders.length, 12);
    assert.ok(p.orders.every((o) => o.difficulty.length === 40 && o.category.every((c) => c >= 0 && c < p.categories.length)));
  });

  it("plans are cached per config version", async () => {
    const cache = new PlanCache();
    const a = await cache.get(config, "demo");
    assert.equal(await cache.get(config, "demo"), a, "same version: the same plan");
    const edited = { ...config, experiments: { ...config.experiments, demo: { ...config.experiments.demo!, seeds: [1] } } };
    const b = await cache.get(edited, "demo");
    assert.notEqual(b, a);
    assert.equal(b.runs.length, 6);
  });

  it("formats ETAs and refuses to guess without progress", () => {
    assert.deepEqual([formatEta(42), formatEta(600), formatEta(3 * 3600 + 5 * 60)], ["42s", "10m", "3h05m"]);
    assert.equal(eta(undefined), undefined);
    assert.equal(eta({ schemaVersion: 1, state: "training", pid: 1, host: "h", startedAt: T0, heartbeatAt: T0, step: 0, totalSteps: 10 }), undefined);
  });
});
