/**
 * A real OpenSSH sshd on 127.0.0.1 for the remote tests: its own host key, authorized_keys, port,
 * known_hosts and ssh config, all in a temp dir. Tests skip with a clear message when /usr/sbin/sshd is
 * missing (apt-get install -y openssh-server), except in CI (CI=true) where that is a failure.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { createServer, connect as tcpConnect, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SSHD = "/usr/sbin/sshd";

/** undefined when the tests can run; otherwise why not (CI turns it into a failure). */
export function sshdUnavailable(): string | undefined {
  if (!existsSync(SSHD)) return `${SSHD} is missing: apt-get install -y openssh-server`;
  if (process.getuid?.() !== 0) return "sshd tests log in as the current user and need root to start sshd on a port";
  return undefined;
}

export function skipReason(): string | false {
  const why = sshdUnavailable();
  if (!why) return false;
  if (process.env.CI === "true") throw new Error(`remote tests cannot run in CI: ${why}`);
  return why;
}

export interface Sshd {
  port: number;
  dir: string;
  /** Client-side files. */
  clientKey: string;
  knownHosts: string;
  sshConfig: string;
  hostPubKey: string;
  user: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

function keygen(file: string, type = "ed25519", passphrase = ""): void {
  const r = spawnSync("ssh-keygen", ["-q", "-t", type, "-N", passphrase, "-f", file, "-C", "syllabus-test"]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
}

export interface SshdOptions {
  /** Extra sshd_config lines. */
  extra?: string[];
  /** Reuse a host key dir (to restart "the same host"), or a new one to simulate a changed key. */
  hostKeyDir?: string;
}

export async function startSshd(opts: SshdOptions = {}): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-sshd-"));
  const hostKeyDir = opts.hostKeyDir ?? join(dir, "hostkeys");
  mkdirSync(hostKeyDir, { recursive: true });
  const hostKey = join(hostKeyDir, "ssh_host_ed25519_key");
  if (!existsSync(hostKey)) keygen(hostKey);
  const clientKey = join(dir, "id_ed25519");
  keygen(clientKey);
  const authorized = join(dir, "authorized_keys");
  writeFileSync(authorized, readFileSync(clientKey + ".pub"));
  chmodSync(authorized, 0o600);
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const port = await freePort();
  const config = join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      "UsePAM no",
      "StrictModes no",
      "PermitRootLogin yes",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "AllowTcpForwarding yes",
      "Subsystem sftp internal-sftp",
      "LogLevel ERROR",
      ...(opts.extra ?? []),
    ].join("\n") + "\n",
  );
  const proc: ChildProcess = spawn(SSHD, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr?.on("data", (d) => (stderr += d));
  await waitForPort(port, () => (proc.exitCode !== null ? `sshd exited: ${stderr}` : undefined));

  const knownHosts = join(dir, "known_hosts");
  const sshConfig = join(dir, "ssh_config");
  const user = process.env.USER ?? "root";
  writeFileSync(
    sshConfig,
    `Host testhost\n  HostName 127.0.0.1\n  Port ${port}\n  User ${user}\n  IdentityFile ${clientKey}\n  UserKnownHostsFile ${knownHosts}\n  IdentityAgent none\n`,
  );
  return {
    port,
    dir,
    clientKey,
    knownHosts,
    sshConfig,
    hostPubKey: readFileSync(hostKey + ".pub", "utf8"),
    user,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill("SIGTERM");
        await new Promise((r) => proc.once("exit", r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A known_hosts line trusting this sshd's key for 127.0.0.1 at its port. */
export function trustLine(s: Sshd): string {
  const [type, b64] = s.hostPubKey.trim().split(/\s+/);
  return `[127.0.0.1]:${s.port} ${type} ${b64}\n`;
}

async function waitForPort(port: number, dead: () => string | undefined): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const why = dead();
    if (why) throw new Error(why);
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${port}`);
}

/**
 * A TCP proxy in front of sshd that can cut every stream it carries (a dropped link, as opposed to a
 * clean disconnect): `cutAfter(bytes)` drops each connection once that many client→server bytes passed.
 */
export interface CuttingProxy {
  port: number;
  cutAfter(bytes: number | undefined): void;
  close(): Promise<void>;
}

export async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  let limit: number | undefined;
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(targetPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    let sent = 0;
    client.on("data", (d: Buffer) => {
      sent += d.length;
      if (limit !== undefined && sent > limit) {
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(d);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end);
    upstream.on("error", end);
    client.on("close", end);
    upstream.on("close", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as { port: number }).port,
    cutAfter(bytes) {
      limit = bytes;
    },
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
