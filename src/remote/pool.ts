/**
 * One authenticated connection per host, shared by every command, SFTP transfer and poll. A dead
 * connection (closed, keepalive timeout) is dropped and the next user reconnects, with backoff on
 * network errors. Host-key and auth refusals are NOT retried: asking again would not change the answer.
 */
import { connect, type SshConnection } from "./connection";
import { UnreachableError, isNetworkError } from "./errors";
import type { Prompter } from "./prompter";
import { resolveTarget, type ResolveOptions, type SshTarget } from "./sshConfig";

export interface PoolOptions {
  prompter: Prompter;
  resolve?: ResolveOptions;
  /** Delays between connection attempts on network errors (ms); its length + 1 = attempts. */
  backoffMs?: number[];
  maxChannels?: number;
  keepaliveIntervalMs?: number;
}

export class ConnectionPool {
  private readonly live = new Map<string, Promise<SshConnection>>();

  constructor(private readonly opts: PoolOptions) {}

  target(dest: string): SshTarget {
    return resolveTarget(dest, this.opts.resolve);
  }

  /** Whether a connection to `dest` is open or opening (a background sync uses only those: it never prompts). */
  isOpen(dest: string): boolean {
    return this.live.has(dest);
  }

  /** The live connection to `dest` (alias or user@host:port), connecting if needed. */
  get(dest: string): Promise<SshConnection> {
    const existing = this.live.get(dest);
    if (existing) return existing;
    const p = this.connectWithBackoff(dest);
    this.live.set(dest, p);
    p.then(
      (conn) => conn.onClose(() => this.live.get(dest) === p && this.live.delete(dest)),
      () => this.live.get(dest) === p && this.live.delete(dest),
    );
    return p;
  }

  private async connectWithBackoff(dest: string): Promise<SshConnection> {
    const target = this.target(dest);
    const delays = this.opts.backoffMs ?? [250, 1000, 3000];
    let last: unknown;
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      try {
        return await connect(target, {
          prompter: this.opts.prompter,
          maxChannels: this.opts.maxChannels,
          keepaliveIntervalMs: this.opts.keepaliveIntervalMs,
        });
      } catch (err) {
        last = err;
        if (!isNetworkError(err)) throw err;
        const delay = delays[attempt];
        if (delay === undefined) break;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    throw last instanceof UnreachableError ? last : new UnreachableError(dest, String((last as Error)?.message ?? last));
  }

  /** Forgets (and closes) the connection to `dest`; the next `get` reconnects. */
  async drop(dest: string): Promise<void> {
    const p = this.live.get(dest);
    this.live.delete(dest);
    if (p) (await p.catch(() => undefined))?.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.live.values()];
    this.live.clear();
    await Promise.all(all.map(async (p) => (await p.catch(() => undefined))?.close()));
  }
}
