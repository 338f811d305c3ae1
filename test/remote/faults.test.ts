/**
 * States that do not lie and host inputs that cannot inject, on this machine's real shell, ps and
 * squeue: a reused pid is never signalled or believed; a job id from the store or a run folder that is
 * not a job id never reaches a shell; a failing squeue (a controller that does not answer, for real)
 * never marks a run failed; a run with no trace is failed only after several polls agree; Slurm fields
 * that would smuggle in options are refused.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunStore } from "../../src/core/runs/store";
import { LocalExec } from "../../src/remote/exec";
import { combineState, HEARTBEAT_STALE_MS } from "../../src/remote/launchers/combine";
import { DirectLauncher } from "../../src/remote/launchers/direct";
import { SlurmLauncher } from "../../src/remote/launchers/slurm";
import { slurmScript } from "../../src/remote/launchers/slurmScript";
import type { HostLayout } from "../../src/remote/launchers/types";
import { MISSES_BEFORE_FAILED, syncRunFiles } from "../../src/remote/sync";
import type { RunStatus } from "../../src/core/runs/bundle";
import { alive } from "../helpers/process";

function layoutIn(dir: string, env?: NodeJS.ProcessEnv): HostLayout {
  return { exec: new LocalExec("local", env ?? process.env), workdir: dir, python: "python3", trainerPath: dir };
}


const status = (state: RunStatus["state"], heartbeatAgoMs: number): RunStatus => ({
  schemaVersion: 1,
  state,
  pid: 4242,
  host: "h",
  startedAt: new Date(Date.now() - 3_600_000).toISOString(),
  heartbeatAt: new Date(Date.now() - heartbeatAgoMs).toISOString(),
  step: 3,
  totalSteps: 10,
});

test("a reused pid (another process, other start time) is never signalled nor reported alive", async () => {
  const work = mkdtempSync(join(tmpdir(), "syllabus-pid-"));
  const dir = join(work, "runs", "r1");
  mkdirSync(dir, { recursive: true });
  // An unrelated process now owns the pid the run folder names.
  const stranger = spawn("sleep", ["60"], { stdio: "ignore", detached: true });
  try {
    writeFileSync(join(dir, "pid"), `${stranger.pid}\n`);
    writeFileSync(join(dir, "pid_start"), "Thu Jan  1 00:00:00 1970\n");
    writeFileSync(join(dir, "status.json"), JSON.stringify(status("training", 3_600_000)));
    const launcher = new DirectLauncher("local", layoutIn(work), { maxConcurrent: 1 });
    const [polled] = await launcher.poll([{ runId: "r1", dir, pid: stranger.pid }]);
    assert.equal(polled!.state, "failed", "the run's process is gone: the pid belongs to someone else");
    await launcher.cancel({ runId: "r1", dir, pid: stranger.pid });
    assert.ok(existsSync(join(dir, "cancelled")), "the cancel marker is written");
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(alive(stranger.pid!), "the unrelated process was not signalled");

    // Without a recorded start time, a process whose command line does not name the run is not the run's either.
    writeFileSync(join(dir, "pid_start"), "");
    await launcher.cancel({ runId: "r1", dir, pid: stranger.pid });
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(alive(stranger.pid!), "still not signalled");

    // The real start time makes it the run's: then (and only then) cancel signals it.
    writeFileSync(join(dir, "pid_start"), spawnSync("ps", ["-o", "lstart=", "-p", String(stranger.pid)], { encoding: "utf8" }).stdout);
    const [live] = await launcher.poll([{ runId: "r1", dir }]);
    assert.equal(live!.state, "training");
    await launcher.cancel({ runId: "r1", dir });
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!alive(stranger.pid!), "identified, it was signalled");
  } finally {
    try {
      process.kill(stranger.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }
});

test("a job id that is not a job id never reaches a shell (store record or the run folder's files)", async () => {
  const work = mkdtempSync(join(tmpdir(), "syllabus-jid-"));
  const marker = join(work, "pwned");
  const dirA = join(work, "runs", "a");
  const dirB = join(work, "runs", "b");
  mkdirSync(dirA, { recursive: true });
  mkdirSync(dirB, { recursive: true });
  writeFileSync(join(dirB, "slurm_job"), `1; touch ${marker}\n`);
  const launcher = new SlurmLauncher(layoutIn(work), { config: { type: "slurm" }, name: "x" });
  const polled = await launcher.poll([
    { runId: "a", dir: dirA, jobId: `1 $(touch ${marker})` },
    { runId: "b", dir: dirB },
  ]);
  assert.ok(!existsSync(marker), "nothing ran");
  for (const p of polled) assert.match(p.detail ?? "", /not a Slurm job id/);
  await assert.rejects(launcher.cancel({ runId: "a", dir: dirA, jobId: `1;touch ${marker}` }), /not a Slurm job id/);
  assert.ok(!existsSync(marker));
});

test("a failing squeue (no controller answers) never marks a run failed; absence fails a run only after several polls", { timeout: 60_000 }, async (t) => {
  if (!existsSync("/usr/bin/squeue")) return t.skip("squeue is not installed (apt-get install slurm-client)");
  const work = mkdtempSync(join(tmpdir(), "syllabus-sq-"));
  // A real squeue against a controller that is not there: it fails, as on a cluster whose slurmctld times out.
  const conf = join(work, "slurm.conf");
  writeFileSync(conf, "ClusterName=gone\nSlurmctldHost=localhost\nSlurmctldPort=1\nAuthType=auth/munge\nNodeName=localhost CPUs=1\nPartitionName=p Nodes=localhost\n");
  const dir = join(work, "runs", "r1");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "status.json"), JSON.stringify(status("training", HEARTBEAT_STALE_MS * 2)));
  const layout = layoutIn(work, { ...process.env, SLURM_CONF: conf });
  const launcher = new SlurmLauncher(layout, { config: { type: "slurm" }, name: "x" });
  const [polled] = await launcher.poll([{ runId: "r1", dir, jobId: "77_0" }]);
  assert.equal(polled!.hold, true, JSON.stringify(polled));
  assert.notEqual(polled!.state, "failed");

  const store = new RunStore(mkdtempSync(join(tmpdir(), "syllabus-ws-")));
  store.save({ runId: "r1", host: "c", launcher: "slurm", remoteDir: dir, submittedAt: new Date().toISOString(), display: {} });
  store.appendState("r1", "training");
  for (let i = 0; i < 5; i++) await syncRunFiles(layout.exec, store, "r1", dir, polled!);
  assert.equal(store.state("r1"), "training", "five unanswered polls later, still what the trainer last said");

  // The scheduler answers but knows no job, and the heartbeat is stale: failed only after MISSES_BEFORE_FAILED polls.
  const gone = combineState("r1", { kind: "unknown" }, status("training", HEARTBEAT_STALE_MS * 2));
  assert.equal(gone.unsure, true);
  for (let i = 1; i < MISSES_BEFORE_FAILED; i++) {
    await syncRunFiles(layout.exec, store, "r1", dir, gone);
    assert.equal(store.state("r1"), "training", `after ${i} miss(es)`);
  }
  await syncRunFiles(layout.exec, store, "r1", dir, gone);
  assert.equal(store.state("r1"), "failed");
  // A fresh heartbeat outweighs an unknown job.
  assert.equal(combineState("r1", { kind: "unknown" }, status("training", 1000)).state, "training");
});

test("Slurm fields are validated one by one: nothing can become a second #SBATCH option", () => {
  const base = { name: "x", dirs: ["/w/runs/a"], workdir: "/w", python: "python3", trainerPath: "/w/t" };
  const bad: [string, Record<string, string>][] = [
    ["partition", { partition: "gpu --output=/x --chdir=/" }],
    ["partition", { partition: "-gpu" }],
    ["gres", { gres: "gpu:1 --chdir=/" }],
    ["time", { time: "04:00:00 --wrap=x" }],
    ["account", { account: "lab\n#SBATCH --chdir=/" }],
    ["qos", { qos: "normal --chdir=/" }],
  ];
  for (const [field, cfg] of bad) {
    assert.throws(() => slurmScript({ ...base, config: { type: "slurm", ...cfg } }), new RegExp(`slurm › ${field}`), JSON.stringify(cfg));
  }
  // Extra options only from the explicit list, each with a value of its shape.
  for (const o of ["--chdir=/", "--output=/x", "--wrap=id", "--mem=32G --chdir=/", "--mem", "-p gpu", "--array=0-9"]) {
    assert.throws(() => slurmScript({ ...base, config: { type: "slurm", options: [o] } }), /slurm › options/, o);
  }
  const ok = slurmScript({ ...base, config: { type: "slurm", partition: "gpu,gpu2", gres: "gpu:a100:2", time: "1-12:00:00", account: "proj_1", qos: "high", options: ["--mem=32G", "--constraint=a100|h100"] } });
  assert.match(ok, /^#SBATCH --partition=gpu,gpu2$/m);
  assert.match(ok, /^#SBATCH --mem=32G$/m);
  assert.match(ok, /^#SBATCH --constraint=a100\|h100$/m);
  assert.equal(spawnSync("bash", ["-n"], { input: ok }).status, 0);
});

test("two clients syncing one run at once (a terminal and VS Code) never crash and end with a byte-exact copy", async () => {
  const work = mkdtempSync(join(tmpdir(), "syllabus-2sync-"));
  const dir = join(work, "runs", "r1");
  mkdirSync(dir, { recursive: true });
  const events = join(dir, "events.jsonl");
  writeFileSync(events, "");
  const ws = mkdtempSync(join(tmpdir(), "syllabus-ws-"));
  const [a, b] = [new RunStore(ws), new RunStore(ws)];
  a.save({ runId: "r1", host: "local", launcher: "local", remoteDir: dir, submittedAt: new Date().toISOString(), display: {} });
  const exec = new LocalExec();
  const polled = { runId: "r1", state: "training" as const };
  let n = 0;
  // The trainer keeps appending while both clients sync.
  const writer = setInterval(() => appendFileSync(events, `{"time":"2026-01-01T00:00:00Z","type":"note","message":"event ${n++}"}\n`), 2);
  try {
    for (let round = 0; round < 40; round++) await Promise.all([syncRunFiles(exec, a, "r1", dir, polled), syncRunFiles(exec, b, "r1", dir, polled)]);
  } finally {
    clearInterval(writer);
  }
  await syncRunFiles(exec, a, "r1", dir, polled);
  assert.deepEqual(readFileSync(join(a.dir("r1"), "events.jsonl")), readFileSync(events), "the local copy is the remote file, byte for byte");
  assert.equal(a.events("r1").length, n);
});
