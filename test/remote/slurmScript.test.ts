import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { slurmScript } from "../../src/remote/launchers/slurmScript";
import { parseSlurmPoll, processViewOf } from "../../src/remote/launchers/slurm";
import { combineState } from "../../src/remote/launchers/combine";
import type { RunStatus } from "../../src/core/runs/bundle";

const base = {
  name: "lek to medqa",
  dirs: ["/scratch/u/syllabus/runs/a1", "/scratch/u/my runs/it's $(b2)"],
  workdir: "/scratch/u/syllabus",
  python: "/scratch/u/syllabus/venv/bin/python",
  trainerPath: "/scratch/u/syllabus/trainer/abc",
};

test("sbatch script: one array with a % limit, explicit output, gres/partition/time/account/qos, requeue", () => {
  const text = slurmScript({ ...base, config: { type: "slurm", partition: "gpu", gres: "gpu:a100:1", time: "04:00:00", account: "lab", qos: "normal", maxConcurrent: 3 } });
  const directives = text.split("\n").filter((l) => l.startsWith("#SBATCH"));
  assert.deepEqual(directives, [
    "#SBATCH --job-name=syllabus-lek_to_medqa",
    "#SBATCH --array=0-1%3",
    "#SBATCH --output=%A_%a.out",
    "#SBATCH --partition=gpu",
    "#SBATCH --gres=gpu:a100:1",
    "#SBATCH --time=04:00:00",
    "#SBATCH --account=lab",
    "#SBATCH --qos=normal",
    "#SBATCH --requeue",
    "#SBATCH --open-mode=append",
    "#SBATCH --signal=B:USR1@120",
  ]);
  assert.match(text, /^exec \/scratch\/u\/syllabus\/venv\/bin\/python -m syllabus_trainer train "\$DIR" >> "\$DIR\/launcher.log" 2>&1$/m);
  assert.equal(spawnSync("bash", ["-n"], { input: text }).status, 0, "valid bash");
});

test("the array index picks the right folder, even one with quotes, spaces and $(...) (run through bash)", () => {
  const text = slurmScript({ ...base, config: { type: "slurm" } });
  assert.ok(!text.includes("--gres") && !text.includes("--partition"), "no empty directives");
  assert.match(text, /--array=0-1$/m);
  const file = join(mkdtempSync(join(tmpdir(), "syllabus-sb-")), "job.sh");
  // Stop before the run folder is used: print the chosen DIR instead.
  writeFileSync(file, text.replace(/^echo .*slurm_job"$/m, 'printf "%s" "$DIR"; exit 0'));
  const r = spawnSync("bash", [file], { env: { ...process.env, SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_JOB_ID: "9" }, encoding: "utf8" });
  assert.equal(r.stdout, "/scratch/u/my runs/it's $(b2)");
});

test("directive values that would break the script are refused with the field named", () => {
  assert.throws(() => slurmScript({ ...base, config: { type: "slurm", partition: "gpu\n#SBATCH --x" } }), /partition/);
  assert.throws(() => slurmScript({ ...base, config: { type: "slurm", account: "--wrap=rm" } }), /account/);
  assert.throws(() => slurmScript({ ...base, dirs: [], config: { type: "slurm" } }), /no runs/);
});

test("poll output: squeue wins over scontrol over sacct; states map to process views", () => {
  const text = [
    "@@squeue",
    "100_0|RUNNING|None",
    "100_2|PENDING|Resources",
    "@@scontrol",
    "JobId=101 ArrayJobId=100 ArrayTaskId=0 JobState=COMPLETED Reason=None ExitCode=0:0",
    "JobId=102 ArrayJobId=100 ArrayTaskId=1 JobState=FAILED Reason=NonZeroExitCode ExitCode=1:0",
    "JobId=103 ArrayJobId=100 ArrayTaskId=3 JobState=CANCELLED Reason=None ExitCode=0:15",
    "@@sacct",
    "100_4|TIMEOUT|0:0",
    "100_4.batch|CANCELLED|0:15",
    "100_1|COMPLETED|0:0",
  ].join("\n");
  const m = parseSlurmPoll(text);
  assert.equal(m.get("100_0")!.state, "RUNNING");
  assert.equal(m.get("100_1")!.state, "FAILED");
  assert.equal(m.get("100_1")!.exitCode, 1);
  assert.equal(m.get("100_4")!.source, "sacct");
  assert.equal(processViewOf(m.get("100_2")).kind, "pending");
  assert.equal(processViewOf(m.get("100_0")).kind, "running");
  assert.equal(processViewOf(undefined).kind, "unknown");
  assert.equal(combineState("x", processViewOf(m.get("100_3")), undefined).state, "cancelled");
  const timeout = combineState("x", processViewOf(m.get("100_4")), undefined);
  assert.equal(timeout.state, "failed");
  assert.match(timeout.message!, /TIMEOUT/);
});

const status = (state: RunStatus["state"]): RunStatus => ({ schemaVersion: 1, state, pid: 1, host: "h", startedAt: null, heartbeatAt: "2026-01-01T00:00:00Z", step: 0, totalSteps: null });

test("combineState: the trainer's terminal status wins; a dead process without one is failed, never silently running", () => {
  assert.equal(combineState("x", { kind: "ended", exitCode: 0 }, status("succeeded")).state, "succeeded");
  assert.equal(combineState("x", { kind: "running" }, status("training")).state, "training");
  assert.equal(combineState("x", { kind: "running" }, undefined).state, "preparing");
  assert.equal(combineState("x", { kind: "pending" }, undefined).state, "queued");
  const died = combineState("x", { kind: "ended", exitCode: 137 }, status("training"));
  assert.equal(died.state, "failed");
  assert.match(died.message!, /exit 137/);
  assert.equal(combineState("x", { kind: "ended", cancelled: true }, status("training")).state, "cancelled");
  assert.equal(combineState("x", { kind: "ended", schedulerState: "PREEMPTED" }, status("queued")).state, "queued");
  assert.equal(combineState("x", { kind: "unknown" }, undefined).state, "failed");
});
