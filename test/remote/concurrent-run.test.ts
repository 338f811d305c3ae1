/**
 * Never started twice: N concurrent `syllabus run --detach` (the built CLI, dist/cli.js, as separate
 * processes) on ONE experiment, over many trials, on the local host, a direct SSH host (real sshd on
 * loopback) and Slurm (the real single-node Slurm, reached over that sshd). A stand-in trainer counts
 * every start (standin-trainer.ts): each run of the grid must have started exactly once per trial.
 * SYLLABUS_RACE_TRIALS sets the number of trials (default 4).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_SYLLABUS, writeDemoWorkspace } from "../../src/core/demo/workspace";
import { RunStore } from "../../src/core/runs/store";
import { skipReason, startSshd, trustLine, type Sshd } from "./sshd-harness";
import { slurmSkipReason, startSlurm, type SlurmCluster } from "./slurm-harness";
import { writeStandInTrainer } from "./standin-trainer";
import { until } from "../helpers/until";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const CLIENTS = 4;
const TRIALS = Number(process.env.SYLLABUS_RACE_TRIALS ?? 4);
const sshSkip = skipReason();
const slurmSkip = sshSkip || slurmSkipReason();

let sshd: Sshd | undefined;
let slurmSshd: Sshd | undefined;
let slurm: SlurmCluster | undefined;

before(async () => {
  const b = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { cwd: ROOT, encoding: "utf8" });
  assert.equal(b.status, 0, b.stderr);
  if (!sshSkip) sshd = await startSshd();
  if (!slurmSkip) {
    slurm = await startSlurm();
    // sbatch/squeue in the SSH session (a login shell) find the test cluster through SLURM_CONF.
    slurmSshd = await startSshd({ extra: [`SetEnv SLURM_CONF=${slurm.conf}`] });
  }
});
after(async () => {
  await sshd?.stop();
  await slurmSshd?.stop();
  await slurm?.stop();
});

interface Trial {
  dir: string;
  file: string;
  env: NodeJS.ProcessEnv;
  starts: string;
  /** The host folder holding runs/<id>/. */
  workdir: string;
}

/** A fresh workspace (the demo's 6 strategies × 2 seeds = 12 runs) whose experiment runs on `hostBlock`. */
function trial(hostBlock: (python: string, workdir: string) => string, sshd?: Sshd): Trial {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-race-"));
  const file = writeDemoWorkspace(dir, { train: 12, test: 6 });
  const stand = writeStandInTrainer(join(dir, "standin"), 1);
  // The built-in local host runs <trainer>/../../.venv/bin/python: a fake trainer folder points it at the stand-in.
  const trainer = join(dir, "fake", "python", "syllabus_trainer");
  mkdirSync(trainer, { recursive: true });
  writeFileSync(join(trainer, "__main__.py"), "raise SystemExit('stand-in only')\n");
  mkdirSync(join(dir, "fake", ".venv", "bin"), { recursive: true });
  writeFileSync(join(dir, "fake", ".venv", "bin", "python"), readFileSync(stand.python), { mode: 0o755 });
  const workdir = join(dir, "host-work");
  const block = hostBlock(stand.python, workdir);
  const host = block ? /^host (\w+)/.exec(block)![1]! : "local";
  writeFileSync(file, `${block}\n${DEMO_SYLLABUS.replace("host       = local", `host       = ${host}`)}`);
  const home = join(dir, "home");
  mkdirSync(join(home, ".ssh"), { recursive: true });
  if (sshd) {
    writeFileSync(join(home, ".ssh", "config"), readFileSync(sshd.sshConfig));
    writeFileSync(sshd.knownHosts, trustLine(sshd));
  }
  // Local runs inherit the CLI's environment: the stand-in can check that the local store knew the run first.
  const env = { ...process.env, HOME: home, SYLLABUS_TRAINER_DIR: trainer, SYLLABUS_STANDIN_STORE: join(dir, ".syllabus", "runs") };
  return { dir, file, env, starts: stand.starts, workdir: block ? workdir : join(dir, ".syllabus", "local") };
}

function cli(t: Trial, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: t.env, cwd: t.dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

async function raceTrials(hostBlock: (python: string, workdir: string) => string, server?: Sshd): Promise<void> {
  for (let i = 0; i < TRIALS; i++) {
    const t = trial(hostBlock, server);
    const plan = await cli(t, "plan", t.file, "--json");
    assert.equal(plan.code, 0, plan.out);
    const ids = (JSON.parse(plan.out.slice(plan.out.indexOf("{"))).runs as { runId: string }[]).map((r) => r.runId).sort();
    assert.equal(ids.length, 12);

    const results = await Promise.all(Array.from({ length: CLIENTS }, () => cli(t, "run", t.file, "--detach")));
    for (const r of results) assert.equal(r.code, 0, r.out);
    // Every run reaches succeeded on the host, then the starts are counted.
    await until(`trial ${i}: all 12 runs to succeed on the host`, async () =>
      ids.every((id) => /"state":"succeeded"/.test(readIf(join(t.workdir, "runs", id, "status.json")))) ? true : undefined, 180_000);
    const lines = readFileSync(t.starts, "utf8").trim().split("\n");
    const starts = lines.map((l) => l.split(" ")[0]!);
    // Every launch was recorded before its process started: on the host, and (local) in the store.
    assert.deepEqual(lines.filter((l) => /unrecorded/.test(l)), [], `trial ${i}: started before being recorded`);
    const counts = new Map<string, number>();
    for (const s of starts) counts.set(s, (counts.get(s) ?? 0) + 1);
    const twice = [...counts.entries()].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], `trial ${i}: runs started more than once: ${JSON.stringify(twice)}\n${results.map((r) => r.out).join("\n---\n")}`);
    assert.deepEqual([...counts.keys()].sort(), ids, `trial ${i}: every run started once`);
    // Each client's summary adds up: every run was either launched by exactly one client or found running/done.
    const launched = results.map((r) => Number(/(\d+) launched/.exec(r.out)?.[1] ?? NaN));
    assert.equal(launched.reduce((a, b) => a + b, 0), 12, `trial ${i}: launches over all clients: ${launched}`);
    // The shared store knows every run (whoever launched it) and can sync it home.
    const status = await cli(t, "sync", t.file);
    assert.equal(status.code, 0, status.out);
    for (const id of ids) assert.ok(existsSync(join(t.dir, ".syllabus", "runs", id, "result.json")), `trial ${i}: ${id} imported\n${status.out}`);
  }
}

function readIf(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

test(`local: ${CLIENTS} concurrent \`syllabus run\` start each run exactly once (${TRIALS} trials)`, { timeout: 900_000 }, async () => {
  await raceTrials(() => "");
});

test(`direct SSH: ${CLIENTS} concurrent \`syllabus run\` start each run exactly once (${TRIALS} trials)`, { skip: sshSkip, timeout: 900_000 }, async () => {
  await raceTrials(
    (python, workdir) => `host gpu {\n  ssh = "testhost"\n  scheduler = direct { max_concurrent = 12 }\n  python = "${python}"\n  workdir = "${workdir}"\n}\n`,
    sshd,
  );
});

test(`Slurm: ${CLIENTS} concurrent \`syllabus run\` submit each run exactly once (${TRIALS} trials)`, { skip: slurmSkip, timeout: 900_000 }, async () => {
  await raceTrials(
    (python, workdir) => `host cluster {\n  ssh = "testhost"\n  scheduler = slurm { partition = "gpu"  max_concurrent = 12 }\n  python = "${python}"\n  workdir = "${workdir}"\n}\n`,
    slurmSshd,
  );
});

test("--rerun trains every run anew (a new attempt; the old one kept aside) and imports the new result", { timeout: 300_000 }, async () => {
  const t = trial(() => "");
  writeFileSync(t.file, readFileSync(t.file, "utf8").replace(/strategies = \[.*\]/, "strategies = [random, curriculum]").replace("seeds      = [1, 2]", "seeds      = [1]"));
  const first = await cli(t, "run", t.file);
  assert.equal(first.code, 0, first.out);
  assert.match(first.out, /2 launched/);
  const ids = readdirSync(join(t.dir, ".syllabus", "runs")).sort();
  const store = new RunStore(t.dir);
  const before = new Map(ids.map((id) => [id, store.result(id)!.finishedAt]));
  const attemptsBefore = new Map(ids.map((id) => [id, store.get(id)!.attempt]));
  await new Promise((r) => setTimeout(r, 1100)); // finishedAt has one-second resolution

  const again = await cli(t, "run", t.file, "--rerun");
  assert.equal(again.code, 0, again.out);
  assert.match(again.out, /2 launched/);
  const starts = readFileSync(t.starts, "utf8").trim().split("\n").map((l) => l.split(" ")[0]!);
  for (const id of ids) {
    assert.equal(starts.filter((s) => s === id).length, 2, `${id} trained twice in all`);
    const rec = store.get(id)!;
    assert.notEqual(rec.attempt, attemptsBefore.get(id), "a new attempt");
    assert.notEqual(store.result(id)!.finishedAt, before.get(id), "the NEW result is the one in the store");
    assert.equal(store.state(id), "succeeded");
    // The old attempt is kept, on the host and locally, under attempts/<old attempt>/.
    const old = attemptsBefore.get(id)!;
    assert.ok(existsSync(join(t.workdir, "runs", id, "attempts", old, "result.json")), "host keeps the old attempt");
    assert.equal(JSON.parse(readFileSync(join(store.dir(id), "attempts", old, "result.json"), "utf8")).finishedAt, before.get(id));
  }
});
