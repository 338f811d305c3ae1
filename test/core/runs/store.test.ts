import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunStore } from "../../../src/core/runs/store";
import { DataError } from "../../../src/core/errors";

const ws = () => mkdtempSync(join(tmpdir(), "syllabus-store-"));
const record = (runId: string) => ({ runId, host: "gpu", launcher: "direct" as const, remoteDir: `/w/runs/${runId}`, submittedAt: "2026-01-01T00:00:00Z", pid: 42, display: { strategy: "random" } });

test("records live in .syllabus/runs/<id>/, written atomically (no temp files left)", () => {
  const root = ws();
  const s = new RunStore(root);
  s.save(record("r1"));
  s.save(record("r2"));
  assert.equal(s.dir("r1"), join(root, ".syllabus", "runs", "r1"));
  assert.deepEqual(s.list().map((r) => r.runId), ["r1", "r2"]);
  assert.equal(s.update("r1", { pid: 7 }).pid, 7);
  assert.equal(s.get("r1")!.pid, 7);
  assert.deepEqual(readdirSync(s.dir("r1")), ["record.json"]);
  assert.throws(() => s.dir("../evil"), /not a valid run id/);
});

test("state history appends changes only; terminal runs leave active(); unreachable is a view, never stored", () => {
  const s = new RunStore(ws());
  s.save(record("r1"));
  s.save(record("r2"));
  assert.equal(s.appendState("r1", "queued"), true);
  assert.equal(s.appendState("r1", "queued"), false);
  s.appendState("r1", "training");
  s.appendState("r2", "queued");
  s.appendState("r2", "succeeded");
  assert.deepEqual(s.states("r1").map((e) => e.state), ["queued", "training"]);
  assert.deepEqual(s.active().map((r) => r.runId), ["r1"]);
  assert.equal(s.viewState("r1", false), "unreachable");
  assert.equal(s.viewState("r2", false), "succeeded", "an ended run stays ended when its host is down");
  assert.equal(s.state("r1"), "training", "unreachable never reaches the history");
  // A torn last line (crash mid-append) does not poison the history.
  appendFileSync(join(s.dir("r1"), "states.jsonl"), '{"state":"fail');
  assert.equal(s.state("r1"), "training");
});

test("events: the local copy's size is the read offset; overlapping copies merge, gaps are dropped", () => {
  const s = new RunStore(ws());
  s.save(record("r1"));
  const a = Buffer.from('{"time":"2026-01-01T00:00:00Z","type":"note","message":"a"}\n');
  const b = Buffer.from('{"time":"2026-01-01T00:00:01Z","type":"note","message":"b"}\n');
  assert.equal(s.eventsOffset("r1"), 0);
  s.appendEvents("r1", 0, a);
  assert.equal(s.eventsOffset("r1"), a.length);
  // A second client that fetched from 0 too: the same bytes, nothing doubled.
  assert.equal(s.appendEvents("r1", 0, a), 0);
  // Past a gap (this copy was reset meanwhile): dropped, the next sync fetches from the real size.
  assert.equal(s.appendEvents("r1", a.length + 10, b), 0);
  // Overlapping: a then a+b from offset 0 grows by b only.
  assert.equal(s.appendEvents("r1", 0, Buffer.concat([a, b])), b.length);
  assert.equal(s.eventsOffset("r1"), a.length + b.length);
  assert.deepEqual(s.events("r1").map((e) => (e.type === "note" ? e.message : "")), ["a", "b"]);
  s.resetEvents("r1");
  assert.equal(s.eventsOffset("r1"), 0);
});

test("result is validated before it is stored (bad files name the field)", () => {
  const s = new RunStore(ws());
  s.save(record("r1"));
  assert.throws(() => s.writeResult("r1", '{"schemaVersion":1,"runId":"r1"}'), (e: unknown) => e instanceof DataError && /accuracy/.test(e.message));
  assert.equal(s.result("r1"), undefined);
  s.writePredictions("r1", "medqa", '{"id":"q1"}\n');
  assert.deepEqual(s.predictionSets("r1"), ["medqa"]);
  assert.equal(readFileSync(join(s.dir("r1"), "predictions", "medqa.jsonl"), "utf8"), '{"id":"q1"}\n');
  assert.throws(() => s.writePredictions("r1", "../x", ""), /cannot be a file name/);
});
