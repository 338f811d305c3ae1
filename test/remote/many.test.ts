/**
 * 50 runs launched at once, each its own launch (50 concurrent stage + submit commands), over ONE
 * authenticated connection to a real sshd whose MaxSessions is 10: the pool queues channels rather than
 * failing, every run starts once, and one sync polls them all. A stand-in trainer (`sleep`) keeps it fast.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { HostModel } from "../../src/core/experiment/model";
import { RemoteSession, ttyPrompter } from "../../src/remote/index";
import { tinyBundle } from "./bundles";
import { skipReason, startSshd, trustLine, type Sshd } from "./sshd-harness";

const skip = skipReason();
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

test("50 runs launched at once share one connection and all start", { skip, timeout: 300_000 }, async () => {
  const workspace = mkdtempSync(join(tmpdir(), "syllabus-many-"));
  const host: HostModel = { name: "gpu", kind: "ssh", ssh: "testhost", scheduler: { type: "direct", maxConcurrent: 50 }, python: "/bin/sh", workdir: join(sshd.dir, "work") };
  const s = new RemoteSession({
    workspaceRoot: workspace,
    prompter: ttyPrompter({ acceptNewHostKey: false, output: new Writable({ write: (_c, _e, cb) => cb() }) }),
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
