// A run whose training order did not match its plan is visible as invalid in `syllabus status` and left out of
// the numbers `status` and `report` print (the store as a sync leaves it; no training needed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { PlanCache } from "../../src/core/runs/experimentRuns";
import { recordRun, sharedWorkspace } from "../core/views/fixtures";
import { syllabus } from "./run-cli";

test("status shows an invalid run as INVALID with the reason, and the summary leaves it out", async () => {
  const { file, config, store, dir } = sharedWorkspace();
  const plan = await new PlanCache().get(config, "pair");
  const [random, curriculum] = [plan.runs.find((r) => r.strategy === "random")!, plan.runs.find((r) => r.strategy === "curriculum")!];
  recordRun(store, random.runId, {}, "succeeded", 0.4);
  recordRun(store, curriculum.runId, {}, "succeeded", 0.9);
  store.setInvalid(curriculum.runId, "not trained in the planned order: the trainer consumed 3 questions, train.jsonl × 1 epoch(s) has 40");

  const status = syllabus("status", file, "--experiment", "pair", "--no-sync");
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`${curriculum.runId}.*succeeded INVALID \\(not trained in the planned order`));
  assert.match(status.stdout, /INVALID .*left out of the statistics/);
  assert.match(status.stdout, /random\s+40\.00%/);
  assert.doesNotMatch(status.stdout, /curriculum\s+90\.00%/);

  const report = syllabus("report", file, "--experiment", "pair", "--out", join(dir, "report"), "--no-png");
  assert.equal(report.status, 0, report.stderr);
  assert.match(report.stderr, new RegExp(`run ${curriculum.runId} \\(curriculum, seed 1\\) is left out`));
});
