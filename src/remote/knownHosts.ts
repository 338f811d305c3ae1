/**
 * OpenSSH known_hosts checking, done by hand because ssh2 leaves host verification to the caller.
 * Supports plain, comma-separated, wildcard (`*`, `?`), negated (`!pat`) and hashed (`|1|salt|hash`)
 * host fields, `[host]:port` for non-22 ports, and the `@revoked` marker (`@cert-authority` lines are
 * ignored: ssh2 does not do host certificates).
 */
import { createHash, createHmac } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";

export type HostKeyVerdict =
  | { status: "known" }
  | { status: "unknown"; otherTypesKnown: string[] }
  | { status: "changed"; file: string; line: number }
  | { status: "revoked"; file: string; line: number };

interface Entry {
  file: string;
  line: number;
  marker?: string;
  hosts: string;
  keyType: string;
  keyB64: string;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** `SHA256:…` as `ssh-keygen -lf` and ssh's prompt print it. */
export function fingerprint(keyBlob: Buffer): string {
  return "SHA256:" + createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "");
}

/** The key type written inside an SSH public key blob (a length-prefixed string). */
export function keyTypeOf(keyBlob: Buffer): string {
  const len = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + len).toString("ascii");
}

function readEntries(file: string): Entry[] {
  if (!existsSync(file)) return [];
  const out: Entry[] = [];
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const text = raw.trim();
      if (!text || text.startsWith("#")) return;
      const parts = text.split(/\s+/);
      let marker: string | undefined;
      if (parts[0]?.startsWith("@")) marker = parts.shift();
      const [hosts, keyType, keyB64] = parts;
      if (!hosts || !keyType || !keyB64) return; // malformed lines are skipped, as OpenSSH does
      out.push({ file, line: i + 1, marker, hosts, keyType, keyB64 });
    });
  return out;
}

function wildcard(pattern: string, name: string): boolean {
  const re = new RegExp(
    "^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$",
    "i",
  );
  return re.test(name);
}

function hostMatches(hostsField: string, name: string): boolean {
  if (hostsField.startsWith("|1|")) {
    const [, , salt, hash] = hostsField.split("|");
    if (!salt || !hash) return false;
    const mac = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
    return mac === hash;
  }
  let matched = false;
  for (const pat of hostsField.split(",")) {
    if (pat.startsWith("!")) {
      if (wildcard(pat.slice(1), name)) return false;
    } else if (wildcard(pat, name)) matched = true;
  }
  return matched;
}

/** Key types known for this host, so the client can prefer them in key exchange (as OpenSSH does). */
export function knownKeyTypes(files: string[], host: string, port: number): string[] {
  const name = knownHostsName(host, port);
  const types = files.flatMap(readEntries).filter((e) => !e.marker && hostMatches(e.hosts, name)).map((e) => e.keyType);
  return [...new Set(types)];
}

export function checkHostKey(files: string[], host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
  const name = knownHostsName(host, port);
  const keyType = keyTypeOf(keyBlob);
  const b64 = keyBlob.toString("base64");
  const entries = files.flatMap(readEntries).filter((e) => hostMatches(e.hosts, name));
  const revoked = files.flatMap(readEntries).find((e) => e.marker === "@revoked" && e.keyB64 === b64);
  if (revoked) return { status: "revoked", file: revoked.file, line: revoked.line };
  const plain = entries.filter((e) => !e.marker);
  if (plain.some((e) => e.keyB64 === b64)) return { status: "known" };
  const sameType = plain.find((e) => e.keyType === keyType);
  if (sameType) return { status: "changed", file: sameType.file, line: sameType.line };
  return { status: "unknown", otherTypesKnown: [...new Set(plain.map((e) => e.keyType))] };
}

/** Records an accepted key, as `ssh` does after "yes" (plain host name; one line, one write). */
export function addKnownHost(file: string, host: string, port: number, keyBlob: Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let prefix = "";
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    if (text.length && !text.endsWith("\n")) prefix = "\n";
  }
  appendFileSync(file, `${prefix}${knownHostsName(host, port)} ${keyTypeOf(keyBlob)} ${keyBlob.toString("base64")}\n`, {
    mode: 0o600,
  });
}
