import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { addKnownHost, checkHostKey, fingerprint, keyTypeOf, knownHostsName } from "../../src/remote/knownHosts";

function keyBlob(): { blob: Buffer; line: string; fp: string } {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-kh-"));
  spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "k")]);
  const line = readFileSync(join(dir, "k.pub"), "utf8").trim();
  const fp = spawnSync("ssh-keygen", ["-lf", join(dir, "k.pub")], { encoding: "utf8" }).stdout.split(/\s+/)[1]!;
  return { blob: Buffer.from(line.split(/\s+/)[1]!, "base64"), line, fp };
}

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(name).digest("base64")}`;
}

test("fingerprint matches ssh-keygen -lf", () => {
  const k = keyBlob();
  assert.equal(fingerprint(k.blob), k.fp);
  assert.equal(keyTypeOf(k.blob), "ssh-ed25519");
});

test("plain, hashed, [host]:port, wildcard, negation and unknown", () => {
  const a = keyBlob();
  const b = keyBlob();
  const f = join(mkdtempSync(join(tmpdir(), "syllabus-kh-")), "known_hosts");
  const [type, b64] = a.line.split(/\s+/);
  writeFileSync(
    f,
    [
      `# comment`,
      `gpu1.example,10.0.0.1 ${type} ${b64}`,
      `${hashed("[hashed.example]:2222")} ${type} ${b64}`,
      `*.cluster.org,!evil.cluster.org ${type} ${b64}`,
      `garbage`,
    ].join("\n"),
  );
  assert.equal(checkHostKey([f], "gpu1.example", 22, a.blob).status, "known");
  assert.equal(checkHostKey([f], "10.0.0.1", 22, a.blob).status, "known");
  assert.equal(checkHostKey([f], "gpu1.example", 2222, a.blob).status, "unknown", "port matters");
  assert.equal(checkHostKey([f], "hashed.example", 2222, a.blob).status, "known");
  assert.equal(checkHostKey([f], "hashed.example", 22, a.blob).status, "unknown");
  assert.equal(checkHostKey([f], "n1.cluster.org", 22, a.blob).status, "known");
  assert.equal(checkHostKey([f], "evil.cluster.org", 22, a.blob).status, "unknown");
  const changed = checkHostKey([f], "gpu1.example", 22, b.blob);
  assert.equal(changed.status, "changed");
  assert.equal(changed.status === "changed" && changed.line, 2);
  assert.equal(checkHostKey([f], "hashed.example", 2222, b.blob).status, "changed");
});

test("@revoked refuses a key anywhere; missing file is just unknown", () => {
  const a = keyBlob();
  const f = join(mkdtempSync(join(tmpdir(), "syllabus-kh-")), "known_hosts");
  const [type, b64] = a.line.split(/\s+/);
  writeFileSync(f, `@revoked * ${type} ${b64}\nh ${type} ${b64}\n`);
  assert.equal(checkHostKey([f], "h", 22, a.blob).status, "revoked");
  assert.equal(checkHostKey([join(f, "nope")], "h", 22, a.blob).status, "unknown");
});

test("addKnownHost writes what ssh itself accepts (ssh-keygen -F finds it)", () => {
  const a = keyBlob();
  const dir = mkdtempSync(join(tmpdir(), "syllabus-kh-"));
  const f = join(dir, "sub", "known_hosts");
  addKnownHost(f, "127.0.0.1", 2200, a.blob);
  addKnownHost(f, "plain.example", 22, a.blob);
  assert.equal(checkHostKey([f], "127.0.0.1", 2200, a.blob).status, "known");
  assert.equal(knownHostsName("h", 22), "h");
  const r = spawnSync("ssh-keygen", ["-F", "[127.0.0.1]:2200", "-f", f], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ssh-ed25519/);
  assert.equal(spawnSync("ssh-keygen", ["-F", "plain.example", "-f", f]).status, 0);
});
