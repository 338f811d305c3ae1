/**
 * Small inputs that once slipped through or crashed obscurely, each now an error naming the file and
 * line (or the path being written): non-UTF-8 bytes in a config, a seed too large to be exact, a folder
 * given as a data file, and a full disk (a real one: a tiny tmpfs) under the atomic writers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_SYLLABUS, writeDemoWorkspace } from "../../src/core/demo/workspace";
import { DataError } from "../../src/core/errors";
import { loadConfig } from "../../src/language/load";
import { loadQuestions } from "../../src/core/questions";
import { writeFileAtomicSync } from "../../src/core/atomicFile";
import { writeLinesAtomic } from "../../src/cli/atomic-write";
import { RunStore } from "../../src/core/runs/store";
import { syllabus } from "./run-cli";

function workspace(edit: (text: string) => string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-small-"));
  const file = writeDemoWorkspace(dir, { train: 8, test: 4 });
  writeFileSync(file, edit(DEMO_SYLLABUS));
  return file;
}

test("non-UTF-8 bytes in a config: `check` and every loader stop at file:line", () => {
  const file = workspace((t) => {
    const lines = t.split("\n");
    const at = lines.findIndex((l) => l.includes("preset"));
    return Buffer.concat([Buffer.from(lines.slice(0, at).join("\n") + "\n"), Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]), Buffer.from(lines.slice(at).join("\n"))]);
  });
  const line = DEMO_SYLLABUS.split("\n").findIndex((l) => l.includes("preset")) + 1;
  const r = syllabus("check", file);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`demo\\.syllabus:${line}:1: error: this line is not valid UTF-8`));
  assert.throws(() => loadConfig(file), (e: unknown) => e instanceof DataError && e.issues[0]!.line === line);
});

test("a seed too large to be exact is a check error at its line", () => {
  const file = workspace((t) => t.replace("seeds      = [1, 2]", "seeds      = [99999999999999999999]"));
  const line = DEMO_SYLLABUS.split("\n").findIndex((l) => /^\s*seeds/.test(l)) + 1;
  const r = syllabus("check", file);
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`demo\\.syllabus:${line}:\\d+: error: \`seeds\` = 99999999999999999999 is too large`));
});

test("a folder given as `train` is named as a folder, in `check` and in the importer (never a bare EISDIR)", async () => {
  const file = workspace((t) => t.replace('train      = "data/train.csv"', 'train      = "data"'));
  const r = syllabus("check", file);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /demo\.syllabus:\d+:\d+: error: data file not found: `data` .*not a folder/);
  assert.doesNotMatch(r.stdout + r.stderr, /EISDIR/);
  const dir = mkdtempSync(join(tmpdir(), "syllabus-dir-"));
  for (const format of ["csv", "jsonl"] as const) {
    await assert.rejects(loadQuestions(dir, { format, columns: { id: "id", question: "question", answer: "answer" } } as never), (e: unknown) => e instanceof DataError && /this is a folder, not a data file/.test(e.message) && !/EISDIR/.test(e.message));
  }
});

/** A 64 kB tmpfs: a real full disk. Needs root (mount); skipped otherwise. */
function tinyDisk(): { dir: string; done: () => void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-full-"));
  if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]).status !== 0) return undefined;
  return { dir, done: () => (spawnSync("umount", [dir]), rmdirSync(dir)) };
}

test("a full disk: atomic writers remove their temp file and name the path", async (t) => {
  const disk = tinyDisk();
  if (!disk) return t.skip("cannot mount a tmpfs here (needs root)");
  try {
    const big = "x".repeat(200_000);
    const target = join(disk.dir, "result.json");
    assert.throws(() => writeFileAtomicSync(target, big), (e: unknown) => new RegExp(`could not write ${target}: ENOSPC .*disk is full`).test((e as Error).message));
    assert.deepEqual(readdirSync(disk.dir), [], "no temp file left");

    const order = join(disk.dir, "order.jsonl");
    await assert.rejects(writeLinesAtomic(order, Array.from({ length: 5000 }, (_, i) => `{"id":"q${i}","pad":"${"y".repeat(40)}"}`)), new RegExp(`could not write ${order}: ENOSPC`));
    assert.deepEqual(readdirSync(disk.dir), []);

    // The run store's writes go through the same writer.
    const store = new RunStore(disk.dir);
    mkdirSync(store.dir("r1"), { recursive: true });
    assert.throws(() => store.writeStatus("r1", { schemaVersion: 1, state: "training", pid: 1, host: "h", startedAt: null, heartbeatAt: new Date().toISOString(), step: 0, totalSteps: null, message: big }), /could not write .*status\.json: ENOSPC/);
    assert.deepEqual(readdirSync(store.dir("r1")), []);
  } finally {
    disk.done();
  }
});

test("Slurm fields in a config: an option smuggled into partition, or an extra option off the list, is a check error at its line", () => {
  const file = workspace((t) =>
    `host cluster {\n  ssh = "login.example"\n  scheduler = slurm { partition = "gpu --chdir=/"  options = ["--mem=32G", "--chdir=/tmp"] }\n}\n` + t.replace("host       = local", "host       = cluster"),
  );
  const r = syllabus("check", file);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /demo\.syllabus:3:\d+: error: Slurm would reject `partition` "gpu --chdir=\/"/);
  assert.match(r.stdout, /demo\.syllabus:3:\d+: error: Slurm option "--chdir=\/tmp" is not accepted: --chdir is not an option Syllabus passes on/);
  assert.doesNotMatch(r.stdout, /--mem=32G/);
});
