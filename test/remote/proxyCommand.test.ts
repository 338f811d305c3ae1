/**
 * OpenSSH parity against the real sshd on loopback: `ProxyCommand` (the session runs over the command's
 * stdin/stdout; the HostName is a name that does not resolve, so only the proxy can reach the host) and
 * `GlobalKnownHostsFile` (a host trusted only there is accepted, and nothing is written to the user file).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { connect } from "../../src/remote/connection";
import { resolveTarget } from "../../src/remote/sshConfig";
import { ttyPrompter } from "../../src/remote/ttyPrompter";
import { UnreachableError } from "../../src/remote/errors";
import { skipReason, startSshd, type Sshd } from "./sshd-harness";

const skip = skipReason();
let sshd: Sshd;
let dir: string;

before(async () => {
  if (skip) return;
  sshd = await startSshd();
  dir = mkdtempSync(join(tmpdir(), "syllabus-proxy-"));
});
after(async () => {
  await sshd?.stop();
});

const silent = new Writable({ write: (_c, _e, cb) => cb() });
const refuseUnknown = ttyPrompter({ acceptNewHostKey: false, output: silent });

/** A known_hosts line for `name` at the sshd's port. */
const trust = (name: string) => {
  const [type, b64] = sshd.hostPubKey.trim().split(/\s+/);
  return `[${name}]:${sshd.port} ${type} ${b64}\n`;
};

function config(lines: string[]): string {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, [`Host h`, `  Port ${sshd.port}`, `  User ${sshd.user}`, `  IdentityFile ${sshd.clientKey}`, `  IdentityAgent none`, ...lines.map((l) => `  ${l}`), ""].join("\n"));
  return file;
}

test("ProxyCommand: the session runs through the command (the HostName itself is unreachable)", { skip }, async () => {
  const log = join(dir, "proxy.log");
  const proxy = join(dir, "proxy.mjs");
  // A TCP relay like `nc`: it records each connection it carries and maps the unresolvable name to loopback.
  writeFileSync(
    proxy,
    `import { connect } from "node:net"; import { appendFileSync } from "node:fs";
const [, , host, port] = process.argv;
appendFileSync(${JSON.stringify(log)}, host + " " + port + "\\n");
const s = connect(Number(port), "127.0.0.1");
process.stdin.pipe(s); s.pipe(process.stdout);
s.on("close", () => process.exit(0));\n`,
  );
  const known = join(dir, "known-proxy");
  writeFileSync(known, trust("no-such-host.invalid"));
  const file = config(["HostName no-such-host.invalid", `UserKnownHostsFile ${known}`, `ProxyCommand ${process.execPath} ${proxy} %h %p`]);
  const target = resolveTarget("h", { configFile: file, env: {} });
  assert.equal(target.proxyCommand, `${process.execPath} ${proxy} no-such-host.invalid ${sshd.port}`);
  const conn = await connect(target, { prompter: refuseUnknown });
  const r = await conn.exec("echo through the proxy");
  assert.equal(r.stdout, "through the proxy\n");
  conn.close();
  assert.equal(readFileSync(log, "utf8"), `no-such-host.invalid ${sshd.port}\n`);

  // A proxy command that fails: unreachable, with what it said.
  const bad = config(["HostName no-such-host.invalid", `UserKnownHostsFile ${known}`, "ProxyCommand sh -c 'echo no route to %h >&2; exit 3'"]);
  await assert.rejects(connect(resolveTarget("h", { configFile: bad, env: {} }), { prompter: refuseUnknown }), (e: unknown) => e instanceof UnreachableError && /no route to no-such-host.invalid/.test((e as Error).message));
});

test("GlobalKnownHostsFile: a host trusted only there is accepted, and the user's file is left alone", { skip }, async () => {
  const user = join(dir, "known-user");
  const global = join(dir, "known-global");
  writeFileSync(user, "");
  writeFileSync(global, trust("127.0.0.1"));
  const file = config(["HostName 127.0.0.1", `UserKnownHostsFile ${user}`, `GlobalKnownHostsFile ${global}`]);
  const conn = await connect(resolveTarget("h", { configFile: file, env: {} }), { prompter: refuseUnknown });
  conn.close();
  assert.equal(readFileSync(user, "utf8"), "");
  // Without it, the same host is unknown (and refused in CLI mode).
  const without = config(["HostName 127.0.0.1", `UserKnownHostsFile ${user}`, `GlobalKnownHostsFile ${join(dir, "absent")}`]);
  await assert.rejects(connect(resolveTarget("h", { configFile: without, env: {} }), { prompter: refuseUnknown }), /not known/);
  assert.ok(!existsSync(join(dir, "absent")));
});
