/**
 * The slurm launcher against a real single-node Slurm (slurm-harness.ts) with the REAL trainer:
 * one job array per grid through `bash -lc sbatch --parsable`, states polled to completion from
 * squeue/scontrol + status.json, and scancel → cancelled.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { HostModel } from "../../src/core/experiment/model";
import { RemoteSession, ttyPrompter } from "../../src/remote/index";
import { tinyBundle } from "./bundles";
import { slurmSkipReason, startSlurm, type SlurmCluster } from "./slurm-harness";
import { until as waitUntil } from "../helpers/until";

const PYTHON = join(import.meta.dirname, "..", "..", ".venv", "bin", "python");
const skip = slurmSkipReason() || (existsSync(PYTHON) ? false : `${PYTHON} is missing: npm run setup:python`);
let slurm: SlurmCluster;
const savedConf = process.env.SLURM_CONF;

before(async () => {
  if (skip) return;
  slurm = await startSlurm();
  process.env.SLURM_CONF = slurm.conf; // the local Exec (and its `bash -lc`) inherit it
});
after(async () => {
  if (savedConf === undefined) delete process.env.SLURM_CONF;
  else process.env.SLURM_CONF = savedConf;
  await slurm?.stop();
});

const until = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 300_000) => waitUntil(what, fn, timeoutMs);

const silent = new Writable({ write: (_c, _e, cb) => cb() });

test("slurm: a job array runs to completion, is synced, and scancel cancels", { skip, timeout: 600_000 }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), "syllabus-ws-"));
  const host: HostModel = { name: "cluster", kind: "local", scheduler: { type: "slurm", partition: "gpu", maxConcurrent: 2 }, python: PYTHON, workdir: join(workspace, "scratch dir") };
  const s = new RemoteSession({ workspaceRoot: workspace, prompter: ttyPrompter({ acceptNewHostKey: false, output: silent }), env: { OMP_NUM_THREADS: "1", SYLLABUS_DEVICE: "cpu" } });
  const bundles = [1, 2].map((seed) => tinyBundle(join(workspace, "bundles"), `slurm-${seed}`, { seed }));
  const launched = await s.launchRuns(host, bundles, { name: "grid" });
  const jobIds = launched.map((o) => o.handle.jobId!);
  assert.match(jobIds[0]!, /^\d+_0$/);
  assert.equal(jobIds[1], jobIds[0]!.replace(/_0$/, "_1"), "one array for the grid");
  assert.equal(s.store.get("slurm-1")!.launcher, "slurm");

  const outcomes = await until("the array to finish", async () => {
    const o = await s.syncRuns({ cluster: host });
    return o.every((r) => r.state === "succeeded" || r.state === "failed") ? o : undefined;
  });
  const runDir = (id: string) => join(host.workdir!, "runs", id);
  assert.deepEqual(outcomes.map((o) => o.state), ["succeeded", "succeeded"], readFileSync(join(runDir("slurm-1"), "launcher.log"), "utf8").slice(-1500));
  for (const id of ["slurm-1", "slurm-2"]) {
    assert.equal(s.store.result(id)!.accuracy.medqa!.n, 6);
    assert.equal(readFileSync(join(runDir(id), "slurm_job"), "utf8").trim(), s.store.get(id)!.jobId);
  }
  // The array's own --output files exist where the script said.
  assert.ok(existsSync(join(host.workdir!, "slurm", `${jobIds[0]!.replace("_", "_")}.out`)));

  // scancel: a long run, cancelled while running.
  const long = tinyBundle(join(workspace, "bundles"), "slurm-long", { train: 64, epochs: 50 });
  await s.launchRuns(host, [long], { name: "long" });
  await until("the long run to train", async () => ((await s.syncRun({ cluster: host }, "slurm-long")).state === "training" ? true : undefined));
  assert.equal((await s.cancelRun(host, "slurm-long")).state, "cancelled");
  const final = await until("Slurm to see the job end", async () => {
    const o = await s.syncRun({ cluster: host }, "slurm-long");
    const st = s.store.status("slurm-long")?.state;
    return st === "cancelled" || st === "failed" ? o : undefined;
  }, 120_000);
  assert.equal(final.state, "cancelled");
  assert.equal(s.store.status("slurm-long")?.state, "cancelled", "the trainer got scancel's SIGTERM and recorded it");
  await s.close();
});
