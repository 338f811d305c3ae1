import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDestination, resolveTarget } from "../../src/remote/sshConfig";

function home(): string {
  const h = mkdtempSync(join(tmpdir(), "syllabus-home-"));
  mkdirSync(join(h, ".ssh", "conf.d"), { recursive: true });
  return h;
}

test("parseDestination handles user@host:port, bare host and [v6]:port", () => {
  assert.deepEqual(parseDestination("alice@gpu.example:2222"), { user: "alice", host: "gpu.example", port: 2222 });
  assert.deepEqual(parseDestination("gpu"), { user: undefined, host: "gpu", port: undefined });
  assert.deepEqual(parseDestination("bob@[::1]:22"), { user: "bob", host: "::1", port: 22 });
  assert.throws(() => parseDestination("alice@"), /not a host/);
});

test("alias resolved through ~/.ssh/config with Include (glob, relative to ~/.ssh) and ProxyJump", () => {
  const h = home();
  writeFileSync(
    join(h, ".ssh", "config"),
    `Include conf.d/*.conf\nHost *\n  User fallback\n  ServerAliveInterval 30\n`,
  );
  writeFileSync(
    join(h, ".ssh", "conf.d", "10-lab.conf"),
    `Host gpu\n  HostName gpu.lab.example\n  Port 2201\n  User alice\n  IdentityFile ~/.ssh/lab_key\n  ProxyJump bastion\n\nHost bastion\n  HostName bastion.lab.example\n  User jump\n`,
  );
  const t = resolveTarget("gpu", { home: h, env: {} });
  assert.equal(t.hostName, "gpu.lab.example");
  assert.equal(t.port, 2201);
  assert.equal(t.user, "alice");
  assert.deepEqual(t.identityFiles, [join(h, ".ssh", "lab_key")]);
  assert.equal(t.identitiesConfigured, true);
  assert.equal(t.proxyJump.length, 1);
  assert.equal(t.proxyJump[0]!.hostName, "bastion.lab.example");
  assert.equal(t.proxyJump[0]!.user, "jump");
  assert.equal(t.proxyJump[0]!.port, 22);
  assert.deepEqual(t.knownHostsFiles, [join(h, ".ssh", "known_hosts")]);

  const other = resolveTarget("carol@elsewhere:2022", { home: h, env: {} });
  assert.equal(other.user, "carol", "explicit user wins over config");
  assert.equal(other.port, 2022);
  assert.equal(resolveTarget("elsewhere", { home: h, env: {} }).user, "fallback");
});

test("no config file: defaults, agent from SSH_AUTH_SOCK, IdentityAgent none disables it", () => {
  const h = home();
  const t = resolveTarget("x.example", { home: h, env: { USER: "me", SSH_AUTH_SOCK: "/tmp/agent.sock" } });
  assert.equal(t.user, "me");
  assert.equal(t.port, 22);
  assert.equal(t.agent, "/tmp/agent.sock");
  writeFileSync(join(h, ".ssh", "config"), `Host x.example\n  IdentityAgent none\n`);
  assert.equal(resolveTarget("x.example", { home: h, env: { SSH_AUTH_SOCK: "/tmp/a" } }).agent, undefined);
});
