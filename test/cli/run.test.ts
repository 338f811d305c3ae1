// The main job as a user runs it: `syllabus plan → run → status → report` on the built-in local host,
// with the REAL trainer (tiny random Llama, CPU) — then `run` again, which must reuse every result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_SYLLABUS, writeDemoWorkspace } from "../../src/core/demo/workspace";

function syllabus(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { encoding: "utf8", timeout: 600_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

const hasVenv = existsSync(".venv/bin/python");

test("plan, run, rerun (reused), status and report on the local host with the real trainer", { skip: !hasVenv && process.env.CI !== "true" ? "no .venv (npm run setup:python)" : false, timeout: 900_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus run $(x) '"));
  const file = writeDemoWorkspace(dir, { train: 24, test: 12 });
  // The tiny random model keeps this test fast; the demo's real model has its own tests (python/tests/test_realmodel.py).
  writeFileSync(file, DEMO_SYLLABUS.replace("preset = smollm2-135m", "preset = tiny-random-llama").replace(/strategies = \[.*\]/, "strategies = [random, curriculum]").replace("seeds      = [1, 2]", "seeds      = [1]"));

  const plan = syllabus("plan", file, "--json");
  assert.equal(plan.status, 0, plan.out);
  const runs = JSON.parse(plan.out.slice(plan.out.indexOf("{"))).runs as { runId: string; state: string }[];
  assert.equal(runs.length, 2);
  assert.ok(runs.every((r) => r.state === "missing"));

  const first = syllabus("run", file);
  assert.equal(first.status, 0, first.out);
  assert.match(first.out, /2 launched on local, 0 reused/);
  assert.match(first.out, /curriculum\s+\d+\.\d\d%/);
  for (const r of runs) {
    const result = JSON.parse(readFileSync(join(dir, ".syllabus/runs", r.runId, "result.json"), "utf8"));
    assert.equal(result.accuracy.which_option.n, 12);
  }

  const again = syllabus("run", file);
  assert.equal(again.status, 0, again.out);
  assert.match(again.out, /0 launched on local, 2 reused/);

  const status = syllabus("status", file);
  assert.equal(status.status, 0, status.out);
  assert.equal((status.out.match(/succeeded/g) ?? []).length >= 2, true, status.out);

  const report = syllabus("report", file, "--out", join(dir, "report"), "--no-png");
  assert.equal(report.status, 0, report.out);
  const html = readFileSync(join(dir, "report", "report.html"), "utf8");
  assert.match(html, /Curriculum/);
  assert.doesNotMatch(html, /<script[^>]+src=["']https?:/);
});

test("a broken config stops `run` with file:line and nothing launched", () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-bad-"));
  const file = writeDemoWorkspace(dir, { train: 8, test: 4 });
  writeFileSync(file, DEMO_SYLLABUS.replace("curriculum, blocked_curriculum", "curiculum, blocked_curriculum"));
  const r = syllabus("run", file);
  assert.notEqual(r.status, 0);
  assert.match(r.out, /demo\.syllabus:\d+/);
  assert.match(r.out, /did you mean `?curriculum/);
  assert.equal(existsSync(join(dir, ".syllabus", "runs")), false);
});

test("doctor checks a bare destination (local) and refuses a config without --host", { skip: !hasVenv && process.env.CI !== "true" ? "no .venv" : false }, () => {
  const ok = syllabus("doctor", "local");
  assert.equal(ok.status, 0, ok.out);
  const report = JSON.parse(ok.out.slice(ok.out.indexOf("{"), ok.out.lastIndexOf("}") + 1));
  assert.equal(report.reachable, true);
  assert.match(String(report.packages.torch), /^\d+\.\d+/);
  const dir = mkdtempSync(join(tmpdir(), "syllabus-doctor-"));
  const usage = syllabus("doctor", writeDemoWorkspace(dir, { train: 8, test: 4 }));
  assert.equal(usage.status, 2, usage.out);
  assert.match(usage.out, /--host NAME/);
});
