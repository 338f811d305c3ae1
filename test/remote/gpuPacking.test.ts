/**
 * GPU packing end to end on this machine's `local` launcher, with a stand-in trainer that records the
 * CUDA_VISIBLE_DEVICES it was given and when it ran: a host declaring several GPUs gets runs on distinct
 * GPUs, and two runs share a GPU only when their measured peak memory (an earlier run's result.json in the
 * store) fits next to each other. The placement script is the real one; only the trainer is a stand-in
 * (this machine has no GPU, and the test is about where runs go, not what they compute).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { HostModel } from "../../src/core/experiment/model";
import { BUNDLE_FILES, readRunSpec } from "../../src/core/runs/bundle";
import { RemoteSession, ttyPrompter } from "../../src/remote/index";
import { tinyBundle } from "./bundles";
import { until } from "../helpers/until";

const silent = new Writable({ write: (_c, _e, cb) => cb() });
// Records "<gpu> <start> <end>" in the run folder; the run folder is appended as $1.
const STAND_IN = ["/bin/sh", "-c", 'echo "$CUDA_VISIBLE_DEVICES $(date +%s.%N)" > "$1/trace.tmp"; sleep 3; echo "$(cat "$1/trace.tmp") $(date +%s.%N)" > "$1/trace"', "stand-in"];

interface Trace {
  runId: string;
  gpu: string;
  start: number;
  end: number;
}

async function launchAndTrace(host: HostModel, runIds: string[], history?: (s: RemoteSession, workspace: string) => void): Promise<Trace[]> {
  const workspace = mkdtempSync(join(tmpdir(), "syllabus-gpu-"));
  host.workdir = join(workspace, "host");
  const s = new RemoteSession({ workspaceRoot: workspace, prompter: ttyPrompter({ acceptNewHostKey: false, output: silent }), trainerArgv: STAND_IN });
  history?.(s, workspace);
  const bundles = runIds.map((id, i) => tinyBundle(join(workspace, "bundles"), id, { seed: i + 1 }));
  const launched = await s.launchRuns(host, bundles);
  assert.deepEqual(launched.map((o) => o.action), runIds.map(() => "launched"));
  const dir = (id: string) => join(host.workdir!, "runs", id);
  await until("every stand-in to finish", async () => (runIds.every((id) => existsSync(join(dir(id), "exit_code"))) ? true : undefined), 120_000);
  await s.close();
  return runIds.map((runId) => {
    assert.equal(readFileSync(join(dir(runId), "exit_code"), "utf8").trim(), "0");
    const [gpu = "", start, end] = readFileSync(join(dir(runId), "trace"), "utf8").trim().split(" ");
    assert.equal(readFileSync(join(dir(runId), "gpu"), "utf8").trim(), gpu); // the placement's record agrees
    return { runId, gpu, start: Number(start), end: Number(end) };
  });
}

/** The most runs that were ever on one GPU at the same time. */
function maxSharing(traces: Trace[]): number {
  let most = 0;
  for (const t of traces) most = Math.max(most, traces.filter((o) => o.gpu === t.gpu && o.start <= t.start && t.start < o.end).length);
  return most;
}

const overlapping = (a: Trace, b: Trace) => a.start < b.end && b.start < a.end;

function localHost(gpus: number, gpuMemoryGiB?: number): HostModel {
  return { name: "local", kind: "local", scheduler: { type: "direct", maxConcurrent: 1 }, gpus, ...(gpuMemoryGiB ? { gpuMemoryGiB } : {}) };
}

/** A finished earlier run of the tiny bundle's shape that peaked at `peakGiB` on a GPU. */
function measured(peakGiB: number) {
  return (s: RemoteSession, workspace: string) => {
    const b = tinyBundle(join(workspace, "earlier"), "earlier-run", { seed: 99 });
    const spec = readRunSpec(join(b.dir, BUNDLE_FILES.run));
    s.store.save({ runId: "earlier-run", host: "local", launcher: "local", remoteDir: "/nowhere", submittedAt: new Date().toISOString(), display: {} }, spec);
    s.store.writeResult("earlier-run", JSON.stringify({
      schemaVersion: 1, runId: "earlier-run", accuracy: {}, trainSeconds: 100, optimizerSteps: 10, peakMemoryBytes: peakGiB * 2 ** 30,
      tokensPerSecond: 1000, device: "NVIDIA H100 80GB HBM3", precisionNote: "nf4", truncatedPrompts: { train: 0, eval: {} },
      versions: { python: "3.11", torch: "2.5", transformers: "4.46", peft: "0.13", trainer: "0.1.0" }, consumedIds: null, finishedAt: new Date().toISOString(),
    }));
  };
}

test("unknown memory: each run gets a GPU of its own, all at once (max_concurrent 1 is raised to the GPUs)", { timeout: 180_000 }, async () => {
  const traces = await launchAndTrace(localHost(3), ["g-a", "g-b", "g-c"]);
  assert.deepEqual(traces.map((t) => t.gpu).sort(), ["0", "1", "2"]);
  assert.ok(overlapping(traces[0]!, traces[1]!) && overlapping(traces[1]!, traces[2]!), JSON.stringify(traces));
});

test("more runs than GPUs, sizes unknown: never two on one GPU", { timeout: 180_000 }, async () => {
  const traces = await launchAndTrace(localHost(2), ["q-a", "q-b", "q-c", "q-d"]);
  assert.equal(maxSharing(traces), 1, JSON.stringify(traces));
  assert.deepEqual([...new Set(traces.map((t) => t.gpu))].sort(), ["0", "1"]);
});

test("small measured runs share a GPU when they fit; large ones do not", { timeout: 240_000 }, async () => {
  // 10 GiB peak → need 10 × 1.25 + 1 = 13.5 GiB: five would fit one 80 GiB GPU; the emptiest GPU goes first, so two per GPU
  const small = await launchAndTrace(localHost(2, 80), ["s-a", "s-b", "s-c", "s-d"], measured(10));
  assert.equal(maxSharing(small), 2, JSON.stringify(small));
  assert.ok(small.every((t) => small.every((o) => overlapping(t, o))), "all four ran at once");
  // 40 GiB peak → need 51 GiB: one per 80 GiB GPU
  const large = await launchAndTrace(localHost(2, 80), ["l-a", "l-b", "l-c"], measured(40));
  assert.equal(maxSharing(large), 1, JSON.stringify(large));
});
