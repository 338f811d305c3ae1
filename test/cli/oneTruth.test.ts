// One truth for results, with REAL runs on the built-in `local` host (the real trainer, tiny random Llama, CPU):
// launch, cancel one run, let the others finish on the host while nothing syncs (the editor's progress was
// cancelled), run again — the finished ones are found "already trained" and their results MUST come home, the
// cancelled one trains again — then `--rerun` the shared experiment over a stale stored result, which the newer
// result must replace. Then the CLI's stats.json, the panels' payloads, the CodeLens and the inlay-hint texts
// must carry identical numbers for every strategy, and the runs shared by two experiments must count in both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDemoWorkspace } from "../../src/core/demo/workspace";
import { experimentRuns, PlanCache } from "../../src/core/runs/experimentRuns";
import { RunStore } from "../../src/core/runs/store";
import { pct } from "../../src/core/stats/format";
import { categoriesPayload, comparisonPayload } from "../../src/core/views/panelData";
import { lensTexts } from "../../src/core/views/progress";
import { strategyHintTexts } from "../../src/core/views/strategyHints";
import { planClaims } from "../../src/core/views/claimTexts";
import { strategyHints } from "../../src/extension/strategyHints";
import { loadConfig } from "../../src/language/load";
import { parse } from "../../src/language/parser";
import { SHARED_SYLLABUS } from "../core/views/fixtures";
import { until } from "../helpers/until";

function syllabus(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { encoding: "utf8", timeout: 900_000, env: { ...process.env, OMP_NUM_THREADS: "1" } });
  return { status: r.status, out: r.stdout + r.stderr };
}

const hasVenv = existsSync(".venv/bin/python");
const CONFIG = SHARED_SYLLABUS
  .replace(/strategies = \[random, blocked.*\]/, "strategies = [random, curriculum]")
  .replace("# Syllabus demo", "# one-truth test");

interface StatsCell { experiment: string; strategy: string; model: string; evalSet: string; mean: number; runs: number }
interface ReportInterval { strategy: string; model: string; evalSet: string; interval: { low?: number; high?: number; method?: string } }

test("CLI stats.json, panel payloads, CodeLens and inlay hints agree after cancel → run again → --rerun, on real runs", { skip: !hasVenv && process.env.CI !== "true" ? "no .venv (npm run setup:python)" : false, timeout: 1_800_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-one-truth-"));
  const file = writeDemoWorkspace(dir, { train: 16, test: 8 });
  writeFileSync(file, CONFIG);
  const config = loadConfig(file).config!;
  const plans = new PlanCache();
  const demo = await plans.get(config, "demo");
  const pair = await plans.get(config, "pair");
  assert.equal(demo.runs.length, 4);
  const id = (strategy: string, seed: number) => demo.runs.find((r) => r.strategy === strategy && r.seed === seed)!.runId;
  assert.deepEqual(pair.runs.map((r) => r.runId).sort(), [id("random", 1), id("curriculum", 1)].sort(), "pair's runs are demo's");
  const store = new RunStore(dir);

  // 1. launch without following, and cancel one run straight away
  const detached = syllabus("run", file, "--experiment", "demo", "--detach");
  assert.equal(detached.status, 0, detached.out);
  assert.match(detached.out, /4 launched on local/);
  const cancelled = id("curriculum", 2);
  const cancel = syllabus("cancel", file, "--experiment", "demo", "--run", cancelled);
  assert.equal(cancel.status, 0, cancel.out);
  assert.equal(store.state(cancelled), "cancelled");

  // 2. the other three finish ON THE HOST while nothing syncs the store
  const others = demo.runs.map((r) => r.runId).filter((r) => r !== cancelled);
  await until("three runs to finish on the host", async () => (others.every((r) => existsSync(join(store.get(r)!.remoteDir, "result.json"))) ? true : undefined), 900_000);
  for (const r of others) assert.equal(store.result(r), undefined, "not synced yet");

  // 3. run again: three are found already trained (their results come home), the cancelled one trains again
  const again = syllabus("run", file, "--experiment", "demo");
  assert.equal(again.status, 0, again.out);
  for (const r of demo.runs) {
    assert.equal(store.state(r.runId), "succeeded", `${r.strategy} seed ${r.seed}: ${again.out}`);
    assert.ok(store.result(r.runId), `${r.strategy} seed ${r.seed} has its result in the store`);
    assert.deepEqual(store.predictionSets(r.runId), ["which_option"]);
    assert.equal(store.invalid(r.runId), undefined, "trained in the planned order");
  }
  assert.match(store.states(others[0]!).map((s) => s.message ?? "").join("\n"), /already trained on this host/);

  // 4. a stale stored result (an older run's numbers) must be replaced by the newer result of a --rerun
  const shared = id("random", 1);
  const before = JSON.parse(store.resultText(shared)!);
  const stale = { ...before, accuracy: { which_option: { accuracy: 0.125, n: 8, correct: 1 } }, finishedAt: "2020-01-01T00:00:00.000Z" };
  writeFileSync(join(store.dir(shared), "result.json"), JSON.stringify(stale));
  const rerun = syllabus("run", file, "--experiment", "pair", "--rerun");
  assert.equal(rerun.status, 0, rerun.out);
  assert.match(rerun.out, /2 launched on local/);
  const hostResult = readFileSync(join(store.get(shared)!.remoteDir, "result.json"), "utf8");
  assert.equal(store.resultText(shared), hostResult, "the store holds the rerun's result exactly");
  assert.ok(JSON.parse(hostResult).finishedAt > before.finishedAt, "the rerun's result is newer");
  assert.equal(store.result(shared)!.finishedAt, JSON.parse(hostResult).finishedAt, "the stale result is gone");

  // 5. every view carries the same numbers, for both experiments
  const text = readFileSync(file, "utf8");
  const hints = await strategyHints(parse(text), config, store, plans);
  for (const plan of [demo, pair]) {
    const name = plan.experiment.name;
    const report = syllabus("report", file, "--experiment", name, "--out", join(dir, `report-${name}`), "--no-png");
    assert.equal(report.status, 0, report.out);
    const stats = JSON.parse(readFileSync(join(dir, `report-${name}`, "stats.json"), "utf8")) as { cells: StatsCell[]; sections: { intervals: ReportInterval[] }[] };
    const payload = comparisonPayload(plan, store);
    const texts = strategyHintTexts(plan, store);
    assert.deepEqual(stats.cells.map((c) => c.strategy).sort(), ["curriculum", "random"], `${name}: every strategy reported`);
    for (const cell of stats.cells) {
      const seeds = name === "demo" ? 2 : 1;
      assert.equal(cell.runs, seeds, `${name}/${cell.strategy}: n = ${seeds} runs (shared runs count in both experiments)`);
      const panel = payload.cells.find((c) => c.strategy === cell.strategy && c.model === cell.model && c.evalSet === cell.evalSet)!;
      assert.equal(panel.mean, cell.mean, `${name}/${cell.strategy}: panel = stats.json`);
      assert.equal(panel.seeds.length, cell.runs);
      // the panel's error bar is the report's interval: the same method, resamples and bootstrap seed
      const reported = stats.sections.flatMap((s) => s.intervals).find((i) => i.strategy === cell.strategy && i.model === cell.model && i.evalSet === cell.evalSet)!;
      assert.equal(panel.ciMethod, reported.interval.method, `${name}/${cell.strategy}: interval method`);
      assert.deepEqual([panel.ciLow, panel.ciHigh], [reported.interval.low, reported.interval.high], `${name}/${cell.strategy}: panel CI = report CI`);
      const hint = texts.find((t) => t.strategy === cell.strategy)!;
      assert.ok(hint.label.startsWith(`${pct(cell.mean, 1)}%`), `${name}/${cell.strategy}: hint ${hint.label} vs ${cell.mean}`);
      assert.match(hint.markdown, new RegExp(`${pct(cell.mean, 1).replace(".", "\\.")}%`), "the hover states the same mean");
      // the editor places exactly these texts
      const placed = hints.find((h) => h.experiment === name && h.strategy === cell.strategy)!;
      assert.equal(placed.label, hint.label);
      assert.equal(text.slice(placed.start, placed.end), cell.strategy);
    }
    // per-category accuracy (from the runs' predictions) weighted by category size is the same accuracy
    const categories = categoriesPayload(plan, store);
    for (const cell of stats.cells) {
      const row = categories.strategies.find((s) => s.strategy === cell.strategy)!;
      const total = row.n.reduce((a, b) => a + b, 0);
      const weighted = row.accuracy.reduce<number>((a, acc, i) => a + (acc ?? 0) * row.n[i]!, 0) / total;
      assert.ok(Math.abs(weighted - cell.mean) < 1e-12, `${name}/${cell.strategy}: categories ${weighted} vs ${cell.mean}`);
    }
    const best = stats.cells.reduce((a, b) => (b.mean > a.mean ? b : a));
    const lens = lensTexts(experimentRuns(plan, store));
    assert.equal(lens.progress, `${plan.runs.length}/${plan.runs.length} done`);
    assert.equal(lens.best, `highest mean: ${best.strategy} ${(best.mean * 100).toFixed(1)}% on which_option (untested)`);
    // the CodeLens shows the claim with its test instead: never "best" without one
    const claims = planClaims(plan, store);
    assert.equal(lensTexts(experimentRuns(plan, store), claims.lens).best, claims.lens);
    assert.ok(claims.lens && (!/^best:/.test(claims.lens) || /p = /.test(claims.lens)), claims.lens);
    // the CLI's own table says the same
    const status = syllabus("status", file, "--experiment", name, "--no-sync");
    assert.equal(status.status, 0, status.out);
    for (const cell of stats.cells) assert.match(status.out, new RegExp(`${cell.strategy}\\s+${pct(cell.mean).replace(".", "\\.")}%`));
  }
});
