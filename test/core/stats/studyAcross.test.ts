/** A study table across experiments and two tables compared per strategy (pure logic; the CLI test runs it on real runs). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compareTables, studyResults } from "../../../src/core/stats/studyAcross";
import { aggregateResults } from "../../../src/core/stats/aggregate";
import { tableFromCells } from "../../../src/core/stats/studyTable";
import { DataError } from "../../../src/core/errors";
import type { RunResult } from "../../../src/core/stats/types";

const r = (experiment: string, evalSet: string, strategy: string, seed: number, accuracy: number, model = "m"): RunResult => ({ experiment, model, evalSet, strategy, seed, accuracy, n: 100, runId: `${experiment}-${evalSet}-${strategy}-${seed}` });

test("columns come from the experiment that evaluates them; one table in the study's layout", () => {
  const cv = [r("cv", "lek", "random", 1, 0.4), r("cv", "lek", "random", 2, 0.42), r("cv", "lek", "curriculum", 1, 0.45), r("cv", "lek", "curriculum", 2, 0.47)];
  const full = [r("full", "medqa", "random", 1, 0.3), r("full", "medqa", "random", 2, 0.32), r("full", "medqa", "curriculum", 1, 0.31), r("full", "medqa", "curriculum", 2, 0.29)];
  const results = studyResults({ name: "t1", columns: ["cv", "full"] }, new Map([["cv", cv], ["full", full]]));
  assert.ok(results.every((x) => x.experiment === "t1" && x.runId === undefined));
  const table = tableFromCells(aggregateResults(results), "t1");
  assert.deepEqual(table.evalSets, ["lek", "medqa"]);
  assert.deepEqual(table.strategies, ["random", "curriculum"]);
  assert.ok(Math.abs(table.byEvalSet[0]![0]! - 0.41) < 1e-12 && Math.abs(table.byEvalSet[0]![1]! - 0.31) < 1e-12);
  assert.ok(Math.abs(table.mean[1]! - (0.46 + 0.30) / 2) < 1e-12);
  assert.deepEqual(studyResults({ name: "t1", columns: ["cv", "full"], strategies: ["curriculum"] }, new Map([["cv", cv], ["full", full]])).map((x) => x.strategy), ["curriculum", "curriculum", "curriculum", "curriculum"]);
  assert.throws(() => studyResults({ name: "t1", columns: ["cv", "again"] }, new Map([["cv", cv], ["again", cv.map((x) => ({ ...x, experiment: "again" }))]])), (e: unknown) => e instanceof DataError && /eval set 'lek' comes from both 'cv' and 'again'/.test(e.message));
});

test("two tables compared per strategy: paired over shared cells, significant only below alpha", () => {
  const cells = (name: string, shift: number, noise: number[]) =>
    aggregateResults(["a", "b", "c", "d"].flatMap((m, i) => [r(name, "lek", "curriculum", 1, 0.4 + shift + noise[i]!, m), r(name, "lek", "random", 1, 0.4, m)]));
  const human = cells("human", 0, [0, 0.01, -0.01, 0.02]);
  const llm = cells("llm", 0.02, [0.001, 0.012, -0.009, 0.019]);
  const c = compareTables({ name: "human", cells: human }, { name: "llm", cells: llm }, { alpha: 0.1 });
  const cur = c.rows.find((x) => x.strategy === "curriculum")!;
  assert.equal(cur.test.n, 4);
  assert.ok(Math.abs(cur.test.meanDifference - 0.02075) < 1e-9);
  assert.ok(cur.significant && cur.test.p < 0.001);
  const rnd = c.rows.find((x) => x.strategy === "random")!;
  assert.equal(rnd.test.meanDifference, 0);
  assert.equal(rnd.significant, false, "no variation: nothing to claim");
  // Fewer shared cells than two: no test, never a claim.
  const one = compareTables({ name: "h", cells: human.filter((x) => x.model === "a") }, { name: "l", cells: llm }, { alpha: 0.1, strategies: ["curriculum"] });
  assert.equal(one.rows[0]!.test.n, 1);
  assert.equal(one.rows[0]!.significant, false);
  const none = compareTables({ name: "h", cells: human.filter((x) => x.strategy === "random") }, { name: "l", cells: llm }, { alpha: 0.1 });
  assert.deepEqual(none.notCompared, ["curriculum"]);
});
