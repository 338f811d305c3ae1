/**
 * `Exec`: what launchers and sync need from a machine: run a shell command line, and read/write/move
 * files. Two implementations — this machine (child_process + fs) and an SSH host (exec channels + SFTP
 * on the pooled connection) — so `local` and `direct` launch, poll, sync and cancel with the same code.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, open, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, posix } from "node:path";
import type { SFTPWrapper, Stats } from "ssh2";
import type { ExecOptions, ExecResult } from "./connection";
import { RemoteCommandError } from "./errors";
import type { ConnectionPool } from "./pool";

export type { ExecOptions, ExecResult };

export interface UploadOptions {
  /** Bytes sent so far for this file, and its size. */
  onProgress?: (sent: number, total: number) => void;
  /** Parallel SFTP requests in flight for one file (ssh2 fastPut `concurrency`). */
  concurrency?: number;
  chunkSize?: number;
}

export interface Exec {
  /** The host, for messages. */
  readonly label: string;
  readonly isLocal: boolean;
  /** Runs a POSIX shell command line (build it with quote.ts). */
  run(cmd: string, opts?: ExecOptions): Promise<ExecResult>;
  /** Bytes of `path` from `offset` (at most `maxBytes`); null when the file does not exist. */
  readFrom(path: string, offset: number, maxBytes?: number): Promise<Buffer | null>;
  /** Size in bytes, or null when missing. */
  size(path: string): Promise<number | null>;
  list(dir: string): Promise<string[] | null>;
  mkdirp(dir: string): Promise<void>;
  /** Writes via a temp name + rename in the same folder, so readers never see half a file. */
  writeFileAtomic(path: string, data: string | Buffer): Promise<void>;
  /** Copies a local file to `remotePath` (no atomicity: callers upload to a temp name). */
  upload(localPath: string, remotePath: string, opts?: UploadOptions): Promise<void>;
  /** Atomic rename that replaces `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  close?(): Promise<void>;
}

/** Runs `cmd` and throws RemoteCommandError unless it exits 0; returns stdout. */
export async function runOk(exec: Exec, cmd: string, opts?: ExecOptions): Promise<string> {
  const r = await exec.run(cmd, opts);
  if (r.code !== 0) throw new RemoteCommandError(exec.label, cmd, r.code, r.stderr || r.stdout);
  return r.stdout;
}

const tmpName = (path: string) => `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

// ---------------------------------------------------------------- this machine

export class LocalExec implements Exec {
  readonly isLocal = true;
  constructor(readonly label = "local", private readonly env: NodeJS.ProcessEnv = process.env) {}

  run(cmd: string, opts: ExecOptions = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const child = spawn("/bin/sh", ["-c", cmd], { env: this.env, stdio: ["pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const onAbort = () => child.kill("SIGTERM");
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      child.stdout.on("data", (d: Buffer) => {
        out.push(d);
        opts.onStdout?.(d);
      });
      child.stderr.on("data", (d: Buffer) => err.push(d));
      child.on("error", reject);
      child.on("close", (code, signal) => {
        opts.signal?.removeEventListener("abort", onAbort);
        resolve({ code, signal: signal ?? undefined, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
      });
      // A command that exits without reading its stdin closes the pipe: EPIPE then is no error of ours.
      child.stdin.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code !== "EPIPE") reject(e);
      });
      child.stdin.end(opts.stdin ?? "");
    });
  }

  async readFrom(path: string, offset: number, maxBytes = 64 << 20): Promise<Buffer | null> {
    let fh;
    try {
      fh = await open(path, "r");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    try {
      const { size } = await fh.stat();
      const len = Math.max(0, Math.min(size - offset, maxBytes));
      const buf = Buffer.alloc(len);
      let got = 0;
      while (got < len) {
        const { bytesRead } = await fh.read(buf, got, len - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    } finally {
      await fh.close();
    }
  }

  async size(path: string): Promise<number | null> {
    try {
      return (await stat(path)).size;
    } catch {
      return null;
    }
  }

  async list(dir: string): Promise<string[] | null> {
    try {
      return (await readdir(dir)).sort();
    } catch {
      return null;
    }
  }

  async mkdirp(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
  }

  async writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const tmp = tmpName(path);
    await writeFile(tmp, data);
    await rename(tmp, path);
  }

  async upload(localPath: string, remotePath: string, opts: UploadOptions = {}): Promise<void> {
    await copyFile(localPath, remotePath);
    const size = (await stat(remotePath)).size;
    opts.onProgress?.(size, size);
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(from, to);
  }

  async remove(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- an SSH host

function sftpCall<T>(fn: (cb: (err: Error | null | undefined, v: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
}

const NO_SUCH_FILE = 2; // SFTP status code

export class SshExec implements Exec {
  readonly isLocal = false;
  constructor(private readonly pool: ConnectionPool, readonly label: string) {}

  /** Runs an SFTP operation so that a dropped link rejects it instead of leaving it hanging. */
  private async op<T>(fn: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    const conn = await this.pool.get(this.label);
    return conn.guard((async () => fn(await conn.sftp()))());
  }

  async run(cmd: string, opts?: ExecOptions): Promise<ExecResult> {
    return (await this.pool.get(this.label)).exec(cmd, opts);
  }

  async readFrom(path: string, offset: number, maxBytes = 64 << 20): Promise<Buffer | null> {
    return this.op(async (sftp) => {
      let handle: Buffer;
      try {
        handle = await sftpCall<Buffer>((cb) => sftp.open(path, "r", cb));
      } catch (e) {
        if ((e as { code?: number }).code === NO_SUCH_FILE) return null;
        throw e;
      }
      try {
        const st = await sftpCall<Stats>((cb) => sftp.fstat(handle, cb));
        const len = Math.max(0, Math.min(st.size - offset, maxBytes));
        const buf = Buffer.alloc(len);
        const CHUNK = 32 * 1024;
        // Pipelined reads: all chunk requests in flight at once rather than one round trip each.
        const reads: Promise<number>[] = [];
        for (let pos = 0; pos < len; pos += CHUNK) {
          const n = Math.min(CHUNK, len - pos);
          reads.push(
            new Promise((resolve, reject) =>
              sftp.read(handle, buf, pos, n, offset + pos, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))),
            ),
          );
        }
        const counts = await Promise.all(reads);
        // A short read means the file shrank under us: keep only the contiguous prefix.
        let got = 0;
        for (const [i, c] of counts.entries()) {
          got = i * CHUNK + c;
          if (c < Math.min(CHUNK, len - i * CHUNK)) break;
        }
        return buf.subarray(0, Math.min(got, len));
      } finally {
        await sftpCall<void>((cb) => sftp.close(handle, cb)).catch(() => undefined);
      }
    });
  }

  async size(path: string): Promise<number | null> {
    return this.op(async (sftp) => {
      try {
        return (await sftpCall<Stats>((cb) => sftp.stat(path, cb))).size;
      } catch (e) {
        if ((e as { code?: number }).code === NO_SUCH_FILE) return null;
        throw e;
      }
    });
  }

  async list(dir: string): Promise<string[] | null> {
    return this.op(async (sftp) => {
      try {
        const entries = await sftpCall<Array<{ filename: string }>>((cb) => sftp.readdir(dir, cb));
        return entries.map((e) => e.filename).sort();
      } catch (e) {
        if ((e as { code?: number }).code === NO_SUCH_FILE) return null;
        throw e;
      }
    });
  }

  async mkdirp(dir: string): Promise<void> {
    return this.op(async (sftp) => {
      // Walk down creating each missing level (SFTP has no mkdir -p); "exists" errors are fine.
      const parts = posix.normalize(dir).split("/");
      let cur = dir.startsWith("/") ? "" : ".";
      for (const part of parts) {
        if (!part) continue;
        cur = `${cur}/${part}`;
        try {
          await sftpCall<Stats>((cb) => sftp.stat(cur, cb));
        } catch {
          await sftpCall<void>((cb) => sftp.mkdir(cur, cb)).catch(async (e) => {
            if ((await this.size(cur)) === null) throw e;
          });
        }
      }
    });
  }

  async writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
    return this.op(async (sftp) => {
      const tmp = tmpName(path);
      await sftpCall<void>((cb) => sftp.writeFile(tmp, data, cb));
      await this.rename(tmp, path);
    });
  }

  async upload(localPath: string, remotePath: string, opts: UploadOptions = {}): Promise<void> {
    return this.op(async (sftp) => {
      await sftpCall<void>((cb) =>
        sftp.fastPut(
          localPath,
          remotePath,
          {
            concurrency: opts.concurrency ?? 64,
            chunkSize: opts.chunkSize ?? 32768,
            step: opts.onProgress ? (sent, _chunk, total) => opts.onProgress!(sent, total) : undefined,
          },
          cb,
        ),
      );
    });
  }

  async rename(from: string, to: string): Promise<void> {
    return this.op(async (sftp) => {
      // posix-rename@openssh.com replaces the target atomically; plain SFTP rename fails if it exists.
      await sftpCall<void>((cb) => sftp.ext_openssh_rename(from, to, cb)).catch(() =>
        sftpCall<void>((cb) => sftp.rename(from, to, cb)),
      );
    });
  }

  async remove(path: string): Promise<void> {
    return this.op(async (sftp) => {
      await sftpCall<void>((cb) => sftp.unlink(path, cb)).catch(() => undefined);
    });
  }
}

/** Streams a local file through sha256 (hex). */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(path)
      .on("data", (d) => h.update(d))
      .on("error", reject)
      .on("end", () => resolve(h.digest("hex")));
  });
}
