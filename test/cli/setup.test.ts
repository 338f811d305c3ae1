/**
 * `syllabus setup local` passes pip's index options through (--pip-arg, $SYLLABUS_PIP_ARGS) so a CPU-only user
 * can pick a smaller torch. Only PyPI is reachable where this runs, so the test points pip at an EMPTY
 * wheelhouse with --no-index: pip must then fail to find torch, proving the options reached it (the default,
 * with no options, would download torch from PyPI).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { splitPipArgs, pipArgsFrom } from "../../src/remote/pipArgs";

const MAIN = resolve("src/cli/main.ts");
const TSX = pathToFileURL(resolve("node_modules/tsx/dist/loader.mjs")).href;

function setup(cwd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", TSX, MAIN, "setup", "local", ...args], { cwd, encoding: "utf8", timeout: 180_000, env: { ...process.env, ...env, SYLLABUS_TRAINER_DIR: resolve("python/syllabus_trainer") } });
}

test("SYLLABUS_PIP_ARGS splits like shell words, and --pip-arg values follow it", () => {
  assert.deepEqual(splitPipArgs(` --extra-index-url  https://x/whl/cpu "--find-links=/a b" '-q'`), ["--extra-index-url", "https://x/whl/cpu", "--find-links=/a b", "-q"]);
  assert.deepEqual(pipArgsFrom({ SYLLABUS_PIP_ARGS: "--no-index" }, ["--find-links=/w"]), ["--no-index", "--find-links=/w"]);
  assert.deepEqual(pipArgsFrom({}), []);
});

for (const via of ["--pip-arg", "SYLLABUS_PIP_ARGS"] as const) {
  test(`setup hands pip the options given by ${via} (an empty wheelhouse: torch is not found)`, () => {
    const dir = mkdtempSync(join(tmpdir(), "syllabus-setup-"));
    const wheels = join(dir, "wheels");
    mkdirSync(wheels);
    const r = via === "--pip-arg"
      ? setup(dir, ["--pip-arg=--no-index", `--pip-arg=--find-links=${wheels}`])
      : setup(dir, [], { SYLLABUS_PIP_ARGS: `--no-index --find-links ${wheels}` });
    assert.notEqual(r.status, 0, r.stderr);
    assert.match(r.stderr, /several GB/, "setup says what it downloads");
    assert.match(r.stderr, /extra pip options: --no-index --find-links/);
    assert.match(r.stderr, /No matching distribution found for torch|from versions: none/i, r.stderr);
    assert.ok(existsSync(join(dir, ".syllabus/local/venv/bin/python")), "the venv is made in the local workdir");
  });
}

test("after `syllabus setup local`, the local host runs the trainer with the venv it made (unless python is set)", async () => {
  const { resolveLayout } = await import("../../src/remote/layout");
  const { LocalExec } = await import("../../src/remote/exec");
  const { LOCAL_HOST } = await import("../../src/core/experiment/model");
  const { mkdirSync: mk, writeFileSync: write } = await import("node:fs");
  const dir = mkdtempSync(join(tmpdir(), "syllabus-layout-"));
  const venvPython = join(dir, ".syllabus/local/venv/bin/python");
  mk(join(dir, ".syllabus/local/venv/bin"), { recursive: true });
  write(venvPython, "#!/bin/sh\n");
  const opts = { workspaceRoot: dir, trainerSource: resolve("python/syllabus_trainer") };
  assert.equal((await resolveLayout(LOCAL_HOST, new LocalExec(), opts)).python, venvPython);
  assert.equal((await resolveLayout({ ...LOCAL_HOST, python: "/set/python" }, new LocalExec(), opts)).python, "/set/python");
});
