/**
 * One authenticated SSH connection (ssh2 `Client`) and the channels opened on it. ssh2 is the only
 * maintained pure-JS SSH2 client (exec, SFTP, forwarding, agent) and needs no native ssh binary, so it
 * works the same inside VS Code on every OS.
 *
 * Host keys are checked against known_hosts (knownHosts.ts): a known key passes, an unknown one is shown
 * to the user through the Prompter and recorded only if accepted, a CHANGED or revoked one is refused.
 * Auth follows OpenSSH's order: agent, key files (passphrase asked, never stored), keyboard-interactive,
 * password. Channels are counted by a semaphore because sshd refuses more than MaxSessions (default 10)
 * open at once on one connection; callers simply queue.
 */
import { spawnProxyCommand, type ProxyStream } from "./proxyCommand";
import { readFileSync } from "node:fs";
import type { Duplex } from "node:stream";
import { Client, utils, type AnyAuthMethod, type AuthenticationType, type ClientChannel, type SFTPWrapper } from "ssh2";
import { AuthError, HostKeyError, UnreachableError, isNetworkError } from "./errors";
import { addKnownHost, checkHostKey, fingerprint, keyTypeOf, knownKeyTypes } from "./knownHosts";
import type { Prompter } from "./prompter";
import { Semaphore } from "./semaphore";
import type { SshTarget } from "./sshConfig";

export interface ConnectOptions {
  prompter: Prompter;
  /** Channels open at once on the connection (below sshd's MaxSessions = 10, one kept for SFTP). */
  maxChannels?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Socket to use instead of TCP (set internally for ProxyJump). */
  sock?: Duplex;
}

export interface ExecResult {
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  stdin?: string | Buffer;
  /** Called with each chunk of stdout as it arrives (the result still holds everything). */
  onStdout?: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

const DEFAULT_HOST_KEY_ALGOS = [
  "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
  "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa",
];

export class SshConnection {
  private readonly channels: Semaphore;
  private sftpSession?: Promise<SFTPWrapper>;
  private closedFlag = false;
  private readonly closeListeners: Array<(err?: Error) => void> = [];

  constructor(readonly client: Client, readonly target: SshTarget, maxChannels: number, private readonly jumps: SshConnection[]) {
    this.channels = new Semaphore(maxChannels);
    const onEnd = (err?: Error) => {
      if (this.closedFlag) return;
      this.closedFlag = true;
      this.sftpSession = undefined;
      for (const l of [...this.closeListeners]) l(err);
    };
    client.on("close", () => onEnd());
    client.on("end", () => onEnd());
    client.on("error", (err) => onEnd(err));
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Calls `listener` when the connection ends; returns a function that unsubscribes it. */
  onClose(listener: (err?: Error) => void): () => void {
    this.closeListeners.push(listener);
    return () => {
      const i = this.closeListeners.indexOf(listener);
      if (i >= 0) this.closeListeners.splice(i, 1);
    };
  }

  /**
   * `p`, or an UnreachableError as soon as the connection dies. Needed because some ssh2 operations
   * (SFTP fastPut among them) never call back when the link drops mid-transfer.
   */
  guard<T>(p: Promise<T>): Promise<T> {
    if (this.closedFlag) return Promise.reject(new UnreachableError(this.target.alias, "connection closed"));
    return new Promise<T>((resolve, reject) => {
      const off = this.onClose((err) => reject(new UnreachableError(this.target.alias, `connection lost${err ? ` (${err.message})` : ""}`)));
      p.then(
        (v) => {
          off();
          resolve(v);
        },
        (e) => {
          off();
          reject(this.closedFlag ? new UnreachableError(this.target.alias, `connection lost (${(e as Error).message})`) : e);
        },
      );
    });
  }

  /** Runs a shell command line (build it with quote.ts) and collects its output. */
  async exec(cmd: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const release = await this.channels.acquire();
    try {
      const stream = await this.openExec(cmd);
      return await new Promise<ExecResult>((resolve, reject) => {
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let code: number | null = null;
        let signal: string | undefined;
        const onAbort = () => stream.close();
        opts.signal?.addEventListener("abort", onAbort, { once: true });
        stream.on("data", (d: Buffer) => {
          out.push(d);
          opts.onStdout?.(d);
        });
        stream.stderr.on("data", (d: Buffer) => err.push(d));
        stream.on("exit", (c: number | null, sig?: string) => {
          code = c;
          signal = sig;
        });
        stream.on("close", () => {
          opts.signal?.removeEventListener("abort", onAbort);
          if (this.closedFlag && code === null && !signal) {
            reject(new UnreachableError(this.target.alias, "connection lost while a command ran"));
            return;
          }
          resolve({ code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
        });
        stream.on("error", reject);
        if (opts.stdin !== undefined) stream.end(opts.stdin);
        else stream.end();
      });
    } finally {
      release();
    }
  }

  private openExec(cmd: string): Promise<ClientChannel> {
    if (this.closedFlag) return Promise.reject(new UnreachableError(this.target.alias, "connection closed"));
    return new Promise((resolve, reject) =>
      this.client.exec(cmd, (err, stream) => (err ? reject(this.wrap(err)) : resolve(stream))),
    );
  }

  /** The connection's one SFTP session (it holds one channel for the connection's lifetime). */
  sftp(): Promise<SFTPWrapper> {
    if (this.closedFlag) return Promise.reject(new UnreachableError(this.target.alias, "connection closed"));
    if (!this.sftpSession) {
      this.sftpSession = (async () => {
        await this.channels.acquire(); // never released: the SFTP channel stays open
        return new Promise<SFTPWrapper>((resolve, reject) =>
          this.client.sftp((err, sftp) => (err ? reject(this.wrap(err)) : resolve(sftp))),
        );
      })();
      this.sftpSession.catch(() => (this.sftpSession = undefined));
    }
    return this.sftpSession;
  }

  /** A TCP stream to host:port opened from the remote side (ProxyJump). */
  async forwardOut(host: string, port: number): Promise<ClientChannel> {
    const release = await this.channels.acquire();
    return new Promise((resolve, reject) =>
      this.client.forwardOut("127.0.0.1", 0, host, port, (err, stream) => {
        if (err) {
          release();
          reject(this.wrap(err));
          return;
        }
        stream.on("close", release);
        resolve(stream);
      }),
    );
  }

  close(): void {
    this.client.end();
    for (const j of this.jumps) j.close();
  }

  /** Cuts the transport without a goodbye (tests use it to simulate a dropped link). */
  destroy(): void {
    this.client.destroy();
    for (const j of this.jumps) j.close();
  }

  private wrap(err: Error): Error {
    return this.closedFlag || isNetworkError(err) ? new UnreachableError(this.target.alias, err.message) : err;
  }
}

/** Connects to `target` (through its ProxyJump hosts, if any), verifying the host key and authenticating. */
export async function connect(target: SshTarget, opts: ConnectOptions): Promise<SshConnection> {
  const jumps: SshConnection[] = [];
  let sock = opts.sock;
  let proxy: ProxyStream | undefined;
  try {
    for (const hop of target.proxyJump) {
      const prev = jumps[jumps.length - 1];
      const hopSock = prev ? await prev.forwardOut(hop.hostName, hop.port) : undefined; // chain: each hop through the previous
      jumps.push(await connect({ ...hop }, { ...opts, sock: hopSock }));
    }
    const last = jumps[jumps.length - 1];
    if (last) sock = await last.forwardOut(target.hostName, target.port);
    else if (!sock && target.proxyCommand) proxy = spawnProxyCommand(target.proxyCommand);
    const client = await handshake(target, opts, sock ?? proxy?.sock).catch(async (err: Error) => {
      // The command's own words (e.g. "nc: connection refused") may still be in flight when ssh2 fails.
      await proxy?.settled(1000);
      const why = proxy?.stderr().trim();
      throw why && err instanceof UnreachableError ? new UnreachableError(target.alias, `${err.message} (ProxyCommand said: ${why})`) : err;
    });
    if (proxy) client.once("close", proxy.kill);
    return new SshConnection(client, target, opts.maxChannels ?? 8, jumps);
  } catch (err) {
    for (const j of jumps) j.close();
    proxy?.kill();
    throw err;
  }
}

function handshake(target: SshTarget, opts: ConnectOptions, sock?: Duplex): Promise<Client> {
  const client = new Client();
  let hostKeyFailure: Error | undefined;
  // The user's files, then the global ones (OpenSSH's GlobalKnownHostsFile); accepted keys go to the user's.
  const knownFiles = [...target.knownHostsFiles, ...(target.globalKnownHostsFiles ?? [])];
  const known = knownKeyTypes(knownFiles, target.hostName, target.port);
  // Prefer key types already recorded for this host, as OpenSSH does, so a host with an RSA entry is
  // not reported as "unknown" just because it also offers ed25519.
  const hostKeyAlgos = [...DEFAULT_HOST_KEY_ALGOS].sort((a, b) => Number(known.includes(b)) - Number(known.includes(a)));

  const verify = (key: Buffer, done: (ok: boolean) => void) => {
    const verdict = checkHostKey(knownFiles, target.hostName, target.port, key);
    const fp = fingerprint(key);
    const where = target.port === 22 ? target.hostName : `[${target.hostName}]:${target.port}`;
    if (verdict.status === "known") return done(true);
    if (verdict.status === "changed") {
      hostKeyFailure = new HostKeyError(
        target.alias,
        "changed",
        `WARNING: THE HOST KEY OF ${where} HAS CHANGED (now ${keyTypeOf(key)} ${fp}). Someone could be intercepting the connection, ` +
          `or the host was reinstalled. Refusing to connect. If the change is expected, remove the old key at ` +
          `${verdict.file}:${verdict.line} (ssh-keygen -R '${where}') and connect again.`,
      );
      return done(false);
    }
    if (verdict.status === "revoked") {
      hostKeyFailure = new HostKeyError(target.alias, "revoked", `The host key of ${where} (${fp}) is marked @revoked in ${verdict.file}:${verdict.line}. Refusing to connect.`);
      return done(false);
    }
    const file = target.knownHostsFiles[0] ?? `${process.env.HOME ?? "~"}/.ssh/known_hosts`;
    opts.prompter
      .confirmHostKey({ host: target.hostName, port: target.port, keyType: keyTypeOf(key), fingerprint: fp, knownHostsFile: file, otherTypesKnown: verdict.otherTypesKnown })
      .then((ok) => {
        if (ok) addKnownHost(file, target.hostName, target.port, key);
        else hostKeyFailure = new HostKeyError(target.alias, "unknown", `The host key of ${where} (${keyTypeOf(key)} ${fp}) is not known and was not accepted.`);
        done(ok);
      })
      .catch((err: Error) => {
        hostKeyFailure = err;
        done(false);
      });
  };

  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      client.destroy();
      reject(err);
    };
    client.on("ready", () => {
      settled = true;
      resolve(client);
    });
    client.on("error", (err: Error & { level?: string }) => {
      if (hostKeyFailure) return fail(hostKeyFailure);
      if (err.level === "client-authentication") {
        return fail(new AuthError(target.alias, `could not log in to ${target.user}@${target.hostName}:${target.port}: every method was refused (tried: ${authTried.join(", ") || "none"}). Check the key in ~/.ssh/config (IdentityFile), the agent, or the password.`));
      }
      fail(isNetworkError(err) || !err.level || err.level.startsWith("client-") ? new UnreachableError(target.alias, err.message) : err);
    });
    client.on("close", () => fail(hostKeyFailure ?? new UnreachableError(target.alias, "connection closed during handshake")));
    const authTried: string[] = [];
    client.connect({
      host: sock ? undefined : target.hostName,
      port: sock ? undefined : target.port,
      sock,
      username: target.user,
      readyTimeout: target.connectTimeoutMs,
      keepaliveInterval: opts.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: opts.keepaliveCountMax ?? 3,
      algorithms: { serverHostKey: hostKeyAlgos as never },
      hostVerifier: ((key: Buffer, cb: (ok: boolean) => void) => {
        verify(key, cb);
      }) as never,
      authHandler: authHandler(target, opts.prompter, authTried) as never,
    });
  });
}

/**
 * OpenSSH's order: ask "none" first to learn which methods the server takes, then the agent, each key
 * file (asking for the passphrase of an encrypted one), keyboard-interactive, password.
 */
function authHandler(target: SshTarget, prompter: Prompter, tried: string[]) {
  const user = target.user;
  const who = `${user}@${target.hostName}`;
  type Step = () => Promise<AnyAuthMethod | undefined>;
  const steps: Array<{ type: AuthenticationType; make: Step }> = [];
  if (target.agent) steps.push({ type: "publickey", make: async () => ({ type: "agent", username: user, agent: target.agent! }) });
  for (const file of target.identityFiles) {
    steps.push({
      type: "publickey",
      make: async () => {
        let data: Buffer;
        try {
          data = readFileSync(file);
        } catch {
          return undefined; // a configured key that does not exist is skipped, as ssh does
        }
        let parsed = utils.parseKey(data);
        if (parsed instanceof Error && /encrypted|passphrase/i.test(parsed.message)) {
          const pass = await prompter.secret({ kind: "passphrase", host: target.alias, prompt: `Passphrase for ${file}`, echo: false });
          if (pass === undefined) return undefined;
          parsed = utils.parseKey(data, pass);
          if (parsed instanceof Error) return undefined;
          return { type: "publickey", username: user, key: data, passphrase: pass };
        }
        if (parsed instanceof Error) return undefined;
        return { type: "publickey", username: user, key: data };
      },
    });
  }
  steps.push({
    type: "keyboard-interactive",
    make: async () => ({
      type: "keyboard-interactive",
      username: user,
      prompt: (_name, _instr, _lang, prompts, finish) => {
        (async () => {
          const answers: string[] = [];
          for (const p of prompts) {
            const a = await prompter.secret({ kind: "keyboard-interactive", host: target.alias, prompt: p.prompt.trim().replace(/:$/, ""), echo: !!p.echo });
            if (a === undefined) return finish([]);
            answers.push(a);
          }
          finish(answers);
        })().catch(() => finish([]));
      },
    }),
  });
  steps.push({
    type: "password",
    make: async () => {
      const pw = await prompter.secret({ kind: "password", host: target.alias, prompt: `Password for ${who}`, echo: false });
      return pw === undefined ? undefined : { type: "password", username: user, password: pw };
    },
  });

  let i = 0;
  let askedNone = false;
  return (methodsLeft: AuthenticationType[] | null, _partial: boolean | null, next: (m: AnyAuthMethod | false) => void) => {
    if (!askedNone) {
      askedNone = true;
      tried.push("none");
      next({ type: "none", username: user });
      return;
    }
    const allowed = methodsLeft ?? [];
    const advance = (): void => {
      while (i < steps.length && !allowed.includes(steps[i]!.type)) i++;
      const step = steps[i++];
      if (!step) return next(false);
      step
        .make()
        .then((m) => {
          if (!m) return advance();
          tried.push(m.type);
          next(m);
        })
        .catch(() => advance());
    };
    advance();
  };
}
