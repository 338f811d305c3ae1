/**
 * Content-addressed SFTP upload against a real sshd, with a TCP proxy that drops the link mid-transfer:
 * no whole-looking file is left behind, and a retry (same pool, which reconnects) completes.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectionPool } from "../../src/remote/pool";
import { SshExec } from "../../src/remote/exec";
import { uploadToCache } from "../../src/remote/upload";
import { refusingPrompter } from "../../src/remote/prompter";
import { skipReason, startCuttingProxy, startSshd, trustLine, type CuttingProxy, type Sshd } from "./sshd-harness";

const skip = skipReason();
let sshd: Sshd;
let proxy: CuttingProxy;
let config: string;

before(async () => {
  if (skip) return;
  sshd = await startSshd();
  proxy = await startCuttingProxy(sshd.port);
  const [type, b64] = sshd.hostPubKey.trim().split(/\s+/);
  writeFileSync(sshd.knownHosts, trustLine(sshd) + `[127.0.0.1]:${proxy.port} ${type} ${b64}\n`);
  config = join(sshd.dir, "proxy_config");
  writeFileSync(config, readFileSync(sshd.sshConfig, "utf8"));
  appendFileSync(
    config,
    `Host viaproxy\n  HostName 127.0.0.1\n  Port ${proxy.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.clientKey}\n  UserKnownHostsFile ${sshd.knownHosts}\n  IdentityAgent none\n`,
  );
});
after(async () => {
  await proxy?.close();
  await sshd?.stop();
});

const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

test("a link cut mid-upload leaves no whole-looking file; the retry completes; a third try skips", { skip, timeout: 120_000 }, async () => {
  const local = join(mkdtempSync(join(tmpdir(), "syllabus-up-")), "train.jsonl");
  writeFileSync(local, randomBytes(24 << 20));
  const digest = sha(local);
  const workdir = join(sshd.dir, "work");
  const pool = new ConnectionPool({ prompter: refusingPrompter, resolve: { configFile: config, env: {} }, backoffMs: [100, 300] });
  const exec = new SshExec(pool, "viaproxy");
  await exec.mkdirp(join(workdir, "cache"));

  proxy.cutAfter(6 << 20);
  let progressed = 0;
  await assert.rejects(uploadToCache(exec, workdir, [local], { onProgress: (sent) => (progressed = sent) }));
  assert.ok(progressed > 0 && progressed < statSync(local).size, `upload was cut partway (${progressed} bytes reported)`);
  const cache = join(workdir, "cache");
  assert.equal(existsSync(join(cache, digest)), false, "no file under the content address after a cut");
  for (const f of readdirSync(cache)) {
    assert.match(f, /^\.partial-/, `only temp names may remain, found ${f}`);
    assert.ok(statSync(join(cache, f)).size < statSync(local).size);
  }

  proxy.cutAfter(undefined);
  const [done] = await uploadToCache(exec, workdir, [local]);
  assert.equal(done!.uploaded, true);
  assert.equal(done!.remote, join(cache, digest));
  assert.equal(sha(done!.remote), digest, "the cached file is byte-identical");

  const [again] = await uploadToCache(exec, workdir, [local]);
  assert.equal(again!.uploaded, false, "present files are skipped");
  await pool.closeAll();
});

test("many files in parallel, duplicates uploaded once, progress reaches the total", { skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-up-"));
  const files = Array.from({ length: 12 }, (_, i) => {
    const p = join(dir, `f${i}.jsonl`);
    writeFileSync(p, i % 4 === 0 ? "same content\n" : randomBytes(100_000 + i));
    return p;
  });
  const pool = new ConnectionPool({ prompter: refusingPrompter, resolve: { configFile: sshd.sshConfig, env: {} } });
  const exec = new SshExec(pool, "testhost");
  const workdir = join(sshd.dir, "work2 with space");
  const seen: number[] = [];
  let total = 0;
  const out = await uploadToCache(exec, workdir, files, { parallel: 4, onProgress: (s, t) => (seen.push(s), (total = t)) });
  assert.equal(out.length, 12);
  assert.equal(new Set(out.map((o) => o.remote)).size, 10, "three identical files share one cache entry");
  assert.equal(seen.at(-1), total);
  for (const o of out) assert.equal(sha(o.remote), o.sha256);
  await pool.closeAll();
});
