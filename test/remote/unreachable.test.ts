/** An unreachable host is a view state: reconcile reports it and the run store is left untouched. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HostModel } from "../../src/core/experiment/model";
import { RemoteSession } from "../../src/remote/index";
import { refusingPrompter } from "../../src/remote/prompter";

test("reconcile with a host that cannot be reached: state 'unreachable', history unchanged, never 'failed'", { timeout: 60_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), "syllabus-ws-"));
  const s = new RemoteSession({ workspaceRoot: ws, prompter: refusingPrompter, sshConfigFile: "/nonexistent", trainerSource: join(import.meta.dirname, "..", "..", "python", "syllabus_trainer") });
  const host: HostModel = { name: "gpu", kind: "ssh", ssh: "root@127.0.0.1:1", scheduler: { type: "direct", maxConcurrent: 1 }, workdir: "/w" };
  s.store.save({ runId: "r1", host: "gpu", launcher: "direct", remoteDir: "/w/runs/r1", submittedAt: new Date().toISOString(), pid: 123, display: {} });
  s.store.appendState("r1", "training");
  s.store.save({ runId: "r2", host: "gpu", launcher: "direct", remoteDir: "/w/runs/r2", submittedAt: new Date().toISOString(), display: {} });
  s.store.appendState("r2", "succeeded");
  const before = readFileSync(join(s.store.dir("r1"), "states.jsonl"), "utf8");
  const out = await s.reconcile({ gpu: host });
  assert.deepEqual(out.map((o) => [o.runId, o.state]), [["r1", "unreachable"]], "only non-terminal runs are reconciled");
  assert.match(out[0]!.message!, /unreachable/);
  assert.equal(readFileSync(join(s.store.dir("r1"), "states.jsonl"), "utf8"), before);
  assert.equal(s.store.state("r1"), "training");
  const all = await s.syncRuns({ gpu: host });
  assert.deepEqual(all.map((o) => o.state), ["unreachable", "succeeded"]);
  await s.close();
});
