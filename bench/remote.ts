/**
 * Remote benchmark, against a real OpenSSH sshd on 127.0.0.1 (started here, as in test/remote):
 *  (a) upload of a 100 MB file: Syllabus's content-addressed SFTP upload (ssh2 fastPut, parallel
 *      requests) vs OpenSSH `scp` of the same file in the same run. Goal: throughput ratio ≥ 0.8.
 *  (b) time from "run" (launchRuns) to the remote process started, for a dataset already in the host
 *      cache: warm (session connected, as in the extension) and cold (new session: connect, resolve the
 *      host, launch). Goal: < 1 s.
 *
 * Run: node --import tsx bench/remote.ts   (or `npm run bench -- remote`); needs root and openssh-server.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import type { HostModel } from "../src/core/experiment/model";
import { SshExec } from "../src/remote/exec";
import { RemoteSession, ttyPrompter } from "../src/remote/index";
import { ConnectionPool } from "../src/remote/pool";
import { refusingPrompter } from "../src/remote/prompter";
import { uploadToCache } from "../src/remote/upload";
import { tinyBundle } from "../test/remote/bundles";
import { sshdUnavailable, startSshd, trustLine } from "../test/remote/sshd-harness";

export interface RemoteBenchResult {
  fileMB: number;
  /** Best of `repeats`, ms. */
  syllabusUploadMs: Record<string, number>;
  scpMs: number;
  /** scp time / Syllabus time at the default settings (≥ 1 = Syllabus faster). */
  ratio: number;
  goalUpload: boolean;
  launchWarmMs: number[];
  launchColdMs: number;
  goalLaunch: boolean;
  skipped?: string;
}

const silent = new Writable({ write: (_c, _e, cb) => cb() });

export async function runRemoteBench(sizeMB = 100, repeats = 3): Promise<RemoteBenchResult | { skipped: string }> {
  const why = sshdUnavailable();
  if (why) return { skipped: why };
  const sshd = await startSshd();
  writeFileSync(sshd.knownHosts, trustLine(sshd));
  const dir = mkdtempSync(join(tmpdir(), "syllabus-bench-"));
  try {
    const file = join(dir, "big.bin");
    writeFileSync(file, randomBytes(sizeMB << 20));
    const pool = new ConnectionPool({ prompter: refusingPrompter, resolve: { configFile: sshd.sshConfig, env: {} } });
    const exec = new SshExec(pool, "testhost");
    await exec.run("true"); // connect outside the timings

    const syllabus: Record<string, number[]> = { "fastPut ×64 (default)": [], "fastPut ×128": [], "fastPut ×16": [] };
    const concurrency: Record<string, number> = { "fastPut ×64 (default)": 64, "fastPut ×128": 128, "fastPut ×16": 16 };
    const scp: number[] = [];
    for (let i = 0; i < repeats; i++) {
      // Interleaved, fresh destinations each time: no run profits from a cache or a warm page cache the other lacked.
      for (const [label, c] of Object.entries(concurrency)) {
        const workdir = join(sshd.dir, `w-${label.length}-${i}`);
        const t = performance.now();
        const [r] = await uploadToCache(exec, workdir, [file], { concurrency: c });
        syllabus[label]!.push(performance.now() - t);
        if (!r!.uploaded) throw new Error("bench: the file was unexpectedly cached");
        rmSync(workdir, { recursive: true, force: true });
      }
      const dest = join(sshd.dir, `scp-${i}.bin`);
      const t = performance.now();
      const r = spawnSync("scp", ["-q", "-F", sshd.sshConfig, "-o", "BatchMode=yes", file, `testhost:${dest}`], { encoding: "utf8" });
      scp.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`scp failed: ${r.stderr}`);
      rmSync(dest, { force: true });
    }
    await pool.closeAll();
    const best = (xs: number[]) => Math.min(...xs);
    const syllabusUploadMs = Object.fromEntries(Object.entries(syllabus).map(([k, v]) => [k, best(v)]));
    const ratio = best(scp) / syllabusUploadMs["fastPut ×64 (default)"]!;

    // (b) launch latency with the dataset already cached on the host.
    const workspace = join(dir, "ws");
    const host: HostModel = { name: "gpu", kind: "ssh", ssh: "testhost", scheduler: { type: "direct", maxConcurrent: 4 }, python: "/usr/bin/python3", workdir: join(sshd.dir, "work") };
    const mk = () => new RemoteSession({ workspaceRoot: workspace, prompter: ttyPrompter({ acceptNewHostKey: false, output: silent }), sshConfigFile: sshd.sshConfig, trainerArgv: ["sh", "-c", "sleep 2", "sh"] });
    const warm = mk();
    await warm.launchRuns(host, [tinyBundle(join(dir, "b"), "prime", { seed: 0 })]); // caches the data, connects, resolves
    const launchWarmMs: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const b = tinyBundle(join(dir, "b"), `warm-${i}`, { seed: i }); // same questions → cached; new run.json
      const t = performance.now();
      const [o] = await warm.launchRuns(host, [b]);
      launchWarmMs.push(performance.now() - t);
      process.kill(o!.handle.pid!, 0); // started (throws if not)
    }
    await warm.close();
    const cold = mk();
    const b = tinyBundle(join(dir, "b"), "cold-1", { seed: 99 });
    const t = performance.now();
    const [o] = await cold.launchRuns(host, [b]);
    const launchColdMs = performance.now() - t;
    process.kill(o!.handle.pid!, 0);
    await cold.close();

    return {
      fileMB: sizeMB,
      syllabusUploadMs,
      scpMs: best(scp),
      ratio,
      goalUpload: ratio >= 0.8,
      launchWarmMs,
      launchColdMs,
      goalLaunch: Math.max(...launchWarmMs) < 1000,
    };
  } finally {
    await sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("remote.ts")) {
  runRemoteBench().then((r) => {
    if ("skipped" in r && r.skipped) {
      console.log(`remote: skipped (${r.skipped})`);
      return;
    }
    const x = r as RemoteBenchResult;
    const mbps = (ms: number) => `${((x.fileMB / ms) * 1000).toFixed(0)} MB/s`;
    console.log(`remote: ${x.fileMB} MB over loopback sshd (OpenSSH), best of 3, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
    for (const [k, ms] of Object.entries(x.syllabusUploadMs)) console.log(`  Syllabus upload, ${k.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms  ${mbps(ms)}`);
    console.log(`  scp (OpenSSH)                          ${x.scpMs.toFixed(0).padStart(6)} ms  ${mbps(x.scpMs)}`);
    console.log(`  ratio (scp time / Syllabus time): ${x.ratio.toFixed(2)}   goal ≥ 0.8: ${x.goalUpload ? "met" : "MISSED"}`);
    console.log(`  run → remote process started (cached dataset): warm ${x.launchWarmMs.map((m) => m.toFixed(0)).join(", ")} ms; cold (connect + resolve + launch) ${x.launchColdMs.toFixed(0)} ms   goal < 1000 ms (warm): ${x.goalLaunch ? "met" : "MISSED"}`);
  }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
