/**
 * At a scale the 60-row golden set cannot reach: 3,000 MedMCQA-style questions (real question text with
 * quotes, commas and unicode; ties in difficulty; 21 uneven categories) read by our CSV reader and by
 * pandas, ordered by both — all ten published orders equal id for id. Uses the benchmark's generator.
 * Needs /usr/bin/python3 with pandas (Debian python3-pandas); skipped, loudly, without it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { runOrderingBench } from "../../../bench/ordering";

const hasPandas = spawnSync("/usr/bin/python3", ["-c", "import pandas"]).status === 0;

test("ten reference orders equal pandas' on 3,000 generated questions", { skip: hasPandas ? false : "/usr/bin/python3 has no pandas (apt install python3-pandas)" }, () => {
  const r = runOrderingBench(3000, 1);
  assert.equal(r.note, undefined);
  assert.equal(r.rows, 3000);
  assert.equal(r.matchesPandas, true);
});
