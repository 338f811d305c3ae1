/** Against a real OpenSSH sshd on 127.0.0.1 (see sshd-harness.ts). */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Writable } from "node:stream";
import { connect } from "../../src/remote/connection";
import { ConnectionPool } from "../../src/remote/pool";
import { resolveTarget } from "../../src/remote/sshConfig";
import { ttyPrompter } from "../../src/remote/ttyPrompter";
import { command } from "../../src/remote/quote";
import { AuthError, HostKeyError, UnreachableError } from "../../src/remote/errors";
import type { HostKeyQuestion, Prompter } from "../../src/remote/prompter";
import { skipReason, startSshd, trustLine, type Sshd } from "./sshd-harness";

const skip = skipReason();
let sshd: Sshd;

before(async () => {
  if (!skip) sshd = await startSshd();
});
after(async () => {
  await sshd?.stop();
});

const silent = new Writable({ write: (_c, _e, cb) => cb() });
const cli = (accept: boolean) => ttyPrompter({ acceptNewHostKey: accept, output: silent });
const target = () => resolveTarget("testhost", { configFile: sshd.sshConfig, env: {} });

test("unknown host key: refused in CLI mode, nothing recorded", { skip }, async () => {
  writeFileSync(sshd.knownHosts, "");
  await assert.rejects(connect(target(), { prompter: cli(false) }), (e: unknown) => e instanceof HostKeyError && e.kind === "unknown");
  assert.equal(readFileSync(sshd.knownHosts, "utf8"), "");
});

test("unknown host key: the prompter sees the SHA256 fingerprint; accepted → recorded → not asked again", { skip }, async () => {
  writeFileSync(sshd.knownHosts, "");
  const asked: HostKeyQuestion[] = [];
  const yes: Prompter = { confirmHostKey: async (q) => (asked.push(q), true), secret: async () => undefined };
  const conn = await connect(target(), { prompter: yes });
  const r = await conn.exec("echo hello; echo err >&2; exit 3");
  assert.deepEqual([r.stdout, r.stderr, r.code], ["hello\n", "err\n", 3]);
  conn.close();
  assert.equal(asked.length, 1);
  const fp = spawnSync("ssh-keygen", ["-lf", "-"], { input: sshd.hostPubKey, encoding: "utf8" }).stdout.split(/\s+/)[1];
  assert.equal(asked[0]!.fingerprint, fp);
  assert.equal(asked[0]!.port, sshd.port);
  // OpenSSH's own client now trusts the host with the line we wrote.
  assert.equal(spawnSync("ssh-keygen", ["-F", `[127.0.0.1]:${sshd.port}`, "-f", sshd.knownHosts]).status, 0);
  const again = await connect(target(), { prompter: cli(false) });
  again.close();
});

test("CLI with --accept-new-host-key accepts and records", { skip }, async () => {
  writeFileSync(sshd.knownHosts, "");
  const conn = await connect(target(), { prompter: cli(true) });
  conn.close();
  assert.match(readFileSync(sshd.knownHosts, "utf8"), new RegExp(`^\\[127.0.0.1\\]:${sshd.port} ssh-ed25519 `));
});

test("CHANGED host key is refused loudly, even by a prompter that says yes to everything", { skip }, async () => {
  const other = spawnSync("sh", ["-c", `rm -f /tmp/syl-other && ssh-keygen -q -t ed25519 -N '' -f /tmp/syl-other && cat /tmp/syl-other.pub`], { encoding: "utf8" }).stdout;
  const [type, b64] = other.trim().split(/\s+/);
  writeFileSync(sshd.knownHosts, `[127.0.0.1]:${sshd.port} ${type} ${b64}\n`);
  let asked = false;
  const yes: Prompter = { confirmHostKey: async () => (asked = true), secret: async () => "x" };
  await assert.rejects(connect(target(), { prompter: yes }), (e: unknown) => {
    assert.ok(e instanceof HostKeyError && e.kind === "changed");
    assert.match((e as Error).message, /HAS CHANGED/);
    assert.match((e as Error).message, /known_hosts:1/);
    return true;
  });
  assert.equal(asked, false);
});

test("encrypted key: passphrase asked through the prompter; wrong or no passphrase → AuthError", { skip }, async () => {
  writeFileSync(sshd.knownHosts, trustLine(sshd));
  const keyFile = join(sshd.dir, "id_locked");
  spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "s3cret pass", "-f", keyFile]);
  appendFileSync(join(sshd.dir, "authorized_keys"), readFileSync(keyFile + ".pub"));
  const t = { ...target(), identityFiles: [keyFile] };
  const prompts: string[] = [];
  const good: Prompter = { confirmHostKey: async () => false, secret: async (q) => (prompts.push(`${q.kind}:${q.prompt}`), q.kind === "passphrase" ? "s3cret pass" : undefined) };
  const conn = await connect(t, { prompter: good });
  assert.equal((await conn.exec("echo ok")).stdout, "ok\n");
  conn.close();
  assert.deepEqual(prompts, [`passphrase:Passphrase for ${keyFile}`]);
  const bad: Prompter = { confirmHostKey: async () => false, secret: async () => "wrong" };
  await assert.rejects(connect(t, { prompter: bad }), AuthError);
});

test("unreachable port is reported as unreachable (not as a failure of anything else)", { skip }, async () => {
  const pool = new ConnectionPool({ prompter: cli(false), backoffMs: [10, 10], resolve: { configFile: "/nonexistent", env: {} } });
  await assert.rejects(pool.get("root@127.0.0.1:1"), UnreachableError);
});

test("ProxyJump: reaches the target through a jump host (forwardOut), both keys checked", { skip }, async () => {
  writeFileSync(sshd.knownHosts, trustLine(sshd));
  const cfg = join(sshd.dir, "jump_config");
  writeFileSync(
    cfg,
    readFileSync(sshd.sshConfig, "utf8") +
      `Host viajump\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.clientKey}\n  UserKnownHostsFile ${sshd.knownHosts}\n  IdentityAgent none\n  ProxyJump testhost\n`,
  );
  const t = resolveTarget("viajump", { configFile: cfg, env: {} });
  assert.equal(t.proxyJump.length, 1);
  const conn = await connect(t, { prompter: cli(false) });
  // The target sees the connection coming from the jump host's loopback, via sshd itself.
  const r = await conn.exec("echo $SSH_CONNECTION");
  assert.match(r.stdout, /^127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+/);
  conn.close();
});

test("pool: one connection, 50 commands at once (more than sshd's MaxSessions=10) all succeed", { skip }, async () => {
  writeFileSync(sshd.knownHosts, trustLine(sshd));
  const pool = new ConnectionPool({ prompter: cli(false), resolve: { configFile: sshd.sshConfig, env: {} } });
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => pool.get("testhost").then((c) => c.exec(`sleep 0.05; echo ${i}`))),
  );
  assert.deepEqual(results.map((r) => r.stdout.trim()), Array.from({ length: 50 }, (_, i) => String(i)));
  const [a, b] = await Promise.all([pool.get("testhost"), pool.get("testhost")]);
  assert.equal(a, b, "the same connection is shared");
  // After the link dies the pool reconnects on the next use.
  a.destroy();
  await new Promise((r) => setTimeout(r, 100));
  const c = await pool.get("testhost");
  assert.notEqual(c, a);
  assert.equal((await c.exec("echo back")).stdout, "back\n");
  await pool.closeAll();
});

test("quoting over ssh: a workdir and names with spaces, quotes, $ and $(...) survive intact", { skip }, async () => {
  writeFileSync(sshd.knownHosts, trustLine(sshd));
  const conn = await connect(target(), { prompter: cli(false) });
  const workdir = join(sshd.dir, `work dir 'q' "dq" $HOME $(touch pwned) \`id\``);
  const name = "run name; rm -rf ~ #\nnext";
  const file = join(workdir, name);
  let r = await conn.exec(`${command(["mkdir", "-p", workdir])} && ${command(["sh", "-c", 'printf %s "$1" > "$2"', "sh", "content $x", file])}`);
  assert.equal(r.code, 0, r.stderr);
  r = await conn.exec(command(["cat", file]));
  assert.equal(r.stdout, "content $x");
  r = await conn.exec(command(["ls", workdir]));
  assert.equal(r.stdout, `${name}\n`);
  assert.equal(spawnSync("test", ["-e", join(sshd.dir, "pwned")]).status, 1);
  assert.equal(spawnSync("test", ["-e", "pwned"]).status, 1);
  conn.close();
});
