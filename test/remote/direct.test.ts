/**
 * `direct` over a real sshd and `local` on this machine, with the REAL trainer (python/syllabus_trainer,
 * tiny-random-llama on CPU): launched runs survive the connection closing, the per-host limit holds,
 * sync brings state, events, result and predictions into the store; cancel kills the process group; 50 runs
 * launched at once share one connection.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { HostModel } from "../../src/core/experiment/model";
import { RemoteSession, ttyPrompter } from "../../src/remote/index";
import { tinyBundle } from "./bundles";
import { skipReason, startSshd, trustLine, type Sshd } from "./sshd-harness";
import { until as waitUntil } from "../helpers/until";
import { alive } from "../helpers/process";

const PYTHON = join(import.meta.dirname, "..", "..", ".venv", "bin", "python");
const skip = skipReason() || (existsSync(PYTHON) ? false : `${PYTHON} is missing: npm run setup:python`);
const silent = new Writable({ write: (_c, _e, cb) => cb() });
const ENV = { OMP_NUM_THREADS: "1", SYLLABUS_DEVICE: "cpu" };
let sshd: Sshd;

before(async () => {
  if (!skip) {
    sshd = await startSshd();
    writeFileSync(sshd.knownHosts, trustLine(sshd));
  }
});
after(async () => {
  await sshd?.stop();
});

function session(workspace: string): RemoteSession {
  return new RemoteSession({ workspaceRoot: workspace, prompter: ttyPrompter({ acceptNewHostKey: false, output: silent }), sshConfigFile: sshd?.sshConfig, env: ENV });
}


const until = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 240_000) => waitUntil(what, fn, timeoutMs);

test("direct: runs survive the connection closing, one at a time (maxConcurrent 1), and sync home", { skip, timeout: 400_000 }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), "syllabus-ws-"));
  const bundles = [tinyBundle(join(workspace, "bundles"), "run-a", { seed: 1 }), tinyBundle(join(workspace, "bundles"), "run-b", { seed: 2 })];
  const host: HostModel = {
    name: "gpu",
    kind: "ssh",
    ssh: "testhost",
    scheduler: { type: "direct", maxConcurrent: 1 },
    python: PYTHON,
    workdir: join(sshd.dir, `work dir 'quoted'`),
  };
  const s1 = session(workspace);
  const launched = await s1.launchRuns(host, bundles);
  assert.deepEqual(launched.map((o) => o.action), ["launched", "launched"]);
  assert.ok(launched.every((o) => Number.isInteger(o.handle.pid)));
  assert.equal(s1.store.state("run-a"), "queued");
  await s1.close(); // the connection is gone; the runs must not be

  const s2 = session(workspace);
  const outcomes = await until("both runs to end", async () => {
    const o = await s2.syncRuns({ gpu: host });
    return o.every((r) => r.state === "succeeded" || r.state === "failed") ? o : undefined;
  });
  const remoteRun = (id: string) => join(host.workdir!, "runs", id);
  assert.deepEqual(outcomes.map((o) => o.state), ["succeeded", "succeeded"], readFileSync(join(remoteRun("run-a"), "log.txt"), "utf8").slice(-2000));

  for (const id of ["run-a", "run-b"]) {
    const result = s2.store.result(id)!;
    assert.equal(result.runId, id);
    assert.equal(result.accuracy.medqa!.n, 6);
    assert.deepEqual(s2.store.predictionSets(id), ["medqa"]);
    // The local events file is a byte-exact copy of the remote one.
    assert.deepEqual(readFileSync(join(s2.store.dir(id), "events.jsonl")), readFileSync(join(remoteRun(id), "events.jsonl")));
    assert.ok(s2.store.events(id).some((e) => e.type === "progress"));
    const states = s2.store.states(id).map((e) => e.state);
    assert.equal(states[0], "queued");
    assert.equal(states.at(-1), "succeeded");
  }
  // The slot limit held: the second run started training only after the first finished.
  const statusOf = (id: string) => JSON.parse(readFileSync(join(remoteRun(id), "status.json"), "utf8")) as { startedAt: string };
  const [first, second] = [s2.store.result("run-a")!, s2.store.result("run-b")!].sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  const secondStart = Date.parse(statusOf(second!.runId).startedAt);
  assert.ok(secondStart >= Date.parse(first!.finishedAt) - 1000, "the two runs overlapped despite maxConcurrent 1");

  // A second sync fetches no new event bytes (offset-based, no re-download).
  const again = await s2.syncRuns({ gpu: host });
  assert.ok(again.every((o) => o.sync?.newEventBytes === 0 && !o.sync.fetchedResult));
  // Launching the same runs again trains nothing.
  const relaunch = await s2.launchRuns(host, bundles);
  assert.deepEqual(relaunch.map((o) => o.action), ["already-succeeded", "already-succeeded"]);

  // logs: last N lines.
  let text = "";
  await s2.tailLog(host, "run-a", { lines: 2, onData: (t) => (text += t) });
  assert.equal(text.trimEnd().split("\n").length, 2);
  assert.match(text, /succeeded/);
  await s2.close();
});

test("local: cancel kills the process group; follow-mode logs stop without stopping anything else", { skip, timeout: 300_000 }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), "syllabus-ws-"));
  const bundle = tinyBundle(join(workspace, "bundles"), "run-long", { train: 64, epochs: 50 });
  const host: HostModel = { name: "local", kind: "local", scheduler: { type: "direct", maxConcurrent: 2 }, python: PYTHON };
  const s = session(workspace);
  const [launched] = await s.launchRuns(host, [bundle]);
  const pid = launched!.handle.pid!;
  assert.ok(alive(pid), "the run is alive");

  // Follow the log until training starts, then stop following: the run must still be alive.
  const ac = new AbortController();
  let log = "";
  const following = s.tailLog(host, "run-long", { lines: 5, follow: true, intervalMs: 300, signal: ac.signal, onData: (t) => {
    log += t;
    if (/training tiny-random-llama/.test(log)) ac.abort();
  } });
  await Promise.race([following, new Promise((_, rej) => setTimeout(() => rej(new Error(`no training line in the log: ${log}`)), 200_000))]);
  assert.ok(alive(pid), "stopping the follow did not stop the run");
  await until("status training", async () => ((await s.syncRun({ local: host }, "run-long")).state === "training" ? true : undefined), 60_000);

  const cancelled = await s.cancelRun(host, "run-long");
  assert.equal(cancelled.state, "cancelled");
  await until("the process group to exit", async () => (alive(-pid) ? undefined : true), 60_000);
  const synced = await s.syncRun({ local: host }, "run-long");
  assert.equal(synced.state, "cancelled");
  // The trainer itself recorded the cancellation (it checkpointed on SIGTERM).
  assert.equal(s.store.status("run-long")?.state, "cancelled");
  assert.deepEqual(s.store.states("run-long").map((e) => e.state).filter((x, i, a) => a.indexOf(x) === i).slice(-1), ["cancelled"]);
  await s.close();
});

test("local: a cancel that arrives while the run is being launched wins over the launch", { skip, timeout: 300_000 }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), "syllabus-ws-"));
  const bundle = tinyBundle(join(workspace, "bundles"), "run-raced", { train: 64, epochs: 50 });
  const host: HostModel = { name: "local", kind: "local", scheduler: { type: "direct", maxConcurrent: 2 }, python: PYTHON };
  const s = session(workspace);
  // The user's Cancel lands while the bundle is being staged: recorded, not yet started.
  let cancelling: Promise<unknown> | undefined;
  const [launched] = await s.launchRuns(host, [bundle], { onProgress: () => (cancelling ??= s.cancelRun(host, "run-raced")) });
  assert.ok(cancelling, "the cancel was sent during the launch");
  assert.equal(((await cancelling) as { state: string }).state, "cancelled");
  assert.equal(s.store.state("run-raced"), "cancelled", `the launch did not overwrite the cancel: ${launched!.state}`);
  const pid = launched!.handle.pid!;
  await until("the started process group to exit", async () => (alive(-pid) ? undefined : true), 60_000);
  assert.equal((await s.syncRun({ local: host }, "run-raced")).state, "cancelled");
  assert.equal(s.store.result("run-raced"), undefined);
  await s.close();
});

// 50 runs launched at once, each its own launch (50 concurrent stage + submit commands), over ONE connection to
// sshd (MaxSessions 10): the pool queues channels instead of failing. A stand-in trainer (`sleep`) keeps it fast.
test("50 runs launched at once share one connection and all start", { skip, timeout: 300_000 }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), "syllabus-many-"));
  const host: HostModel = { name: "gpu", kind: "ssh", ssh: "testhost", scheduler: { type: "direct", maxConcurrent: 50 }, python: "/bin/sh", workdir: join(sshd.dir, "work") };
  const s = new RemoteSession({
    workspaceRoot: workspace,
    prompter: ttyPrompter({ acceptNewHostKey: false, output: silent }),
    sshConfigFile: sshd.sshConfig,
    trainerArgv: ["/bin/sh", "-c", "sleep 2"],
  });
  try {
    const bundles = Array.from({ length: 50 }, (_, i) => tinyBundle(join(workspace, "bundles"), `run-${i}`, { seed: i, train: 2, eval: 2 }));
    const connection = await s.pool.get("testhost");
    const outcomes = await Promise.all(bundles.map((b) => s.launchRuns(host, [b])));
    assert.equal(await s.pool.get("testhost"), connection, "the same connection served every launch");
    const launched = outcomes.flat();
    assert.equal(launched.length, 50);
    assert.ok(launched.every((o) => o.action === "launched" && Number.isInteger(o.handle.pid)), JSON.stringify(launched.slice(0, 3)));
    assert.equal(new Set(launched.map((o) => o.handle.pid)).size, 50, "fifty distinct processes");
    const polled = await s.syncRuns({ gpu: host });
    assert.equal(polled.length, 50);
    assert.ok(polled.every((o) => o.state !== "unreachable"), JSON.stringify(polled.slice(0, 3)));
  } finally {
    await s.close();
  }
});

test("--rerun with the real trainer: a new attempt trains from scratch (no resume from the old final checkpoint); the old attempt is kept", { skip, timeout: 400_000 }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), "syllabus-rerun-"));
  const bundle = tinyBundle(join(workspace, "bundles"), "run-rerun", { seed: 3 });
  const host: HostModel = { name: "local", kind: "local", scheduler: { type: "direct", maxConcurrent: 1 }, python: PYTHON };
  const s = session(workspace);
  const done = () => until("the run to end", async () => {
    const o = await s.syncRun({ local: host }, "run-rerun");
    return o.state === "succeeded" || o.state === "failed" ? o : undefined;
  });
  await s.launchRuns(host, [bundle]);
  assert.equal((await done()).state, "succeeded");
  const first = s.store.get("run-rerun")!.attempt!;
  const firstResult = s.store.result("run-rerun")!;

  const [again] = await s.launchRuns(host, [bundle], { force: true });
  assert.equal(again!.action, "launched");
  assert.equal((await done()).state, "succeeded");
  const runDir = join(workspace, ".syllabus", "local", "runs", "run-rerun");
  const events = s.store.events("run-rerun");
  assert.ok(events.some((e) => e.type === "progress"), "it trained again");
  assert.ok(!events.some((e) => e.type === "resume"), "from scratch, not resumed from the old checkpoint");
  assert.notEqual(s.store.result("run-rerun")!.finishedAt, firstResult.finishedAt, "the new result was imported");
  assert.ok(existsSync(join(runDir, "attempts", first, "result.json")), "the old attempt is kept on the host");
  assert.ok(existsSync(join(s.store.dir("run-rerun"), "attempts", first, "result.json")), "and in the store");
  await s.close();
});
