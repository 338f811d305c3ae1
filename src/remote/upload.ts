/**
 * Content-addressed uploads: a file goes to `<workdir>/cache/<sha256>` once per host, whatever its name
 * and however many runs use it. It is written under a temp name, its size checked, then renamed, so a
 * transfer cut halfway never leaves a file that looks whole; a file already present is skipped, which
 * makes a retry after a failure (or launching the same dataset again) cost almost nothing.
 */
import { stat } from "node:fs/promises";
import { posix } from "node:path";
import { sha256File, type Exec } from "./exec";
import { mapLimit } from "./semaphore";

export interface CachedFile {
  local: string;
  sha256: string;
  size: number;
  /** Absolute path on the host. */
  remote: string;
  /** False when the host already had it. */
  uploaded: boolean;
}

export interface CacheUploadOptions {
  /** Files transferred at once. */
  parallel?: number;
  /** SFTP requests in flight per file. */
  concurrency?: number;
  /** Progress over all files: bytes sent, bytes to send (skipped files count as sent). */
  onProgress?: (sent: number, total: number) => void;
}

export function cachePath(workdir: string, sha256: string): string {
  return posix.join(workdir, "cache", sha256);
}

export async function uploadToCache(exec: Exec, workdir: string, files: string[], opts: CacheUploadOptions = {}): Promise<CachedFile[]> {
  const unique = [...new Set(files)];
  const info = await mapLimit(unique, 4, async (local) => {
    const [sha256, st] = await Promise.all([sha256File(local), stat(local)]);
    return { local, sha256, size: st.size };
  });
  const total = info.reduce((n, f) => n + f.size, 0);
  const sentPer = new Map<string, number>();
  const report = () => opts.onProgress?.([...sentPer.values()].reduce((a, b) => a + b, 0), total);
  await exec.mkdirp(posix.join(workdir, "cache"));

  const done = await mapLimit(info, opts.parallel ?? 4, async (f): Promise<CachedFile> => {
    const remote = cachePath(workdir, f.sha256);
    if ((await exec.size(remote)) === f.size) {
      sentPer.set(f.local, f.size);
      report();
      return { ...f, remote, uploaded: false };
    }
    const tmp = `${posix.join(workdir, "cache")}/.partial-${f.sha256}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      await exec.upload(f.local, tmp, {
        concurrency: opts.concurrency,
        onProgress: (sent) => {
          sentPer.set(f.local, sent);
          report();
        },
      });
      const got = await exec.size(tmp);
      if (got !== f.size) throw new Error(`upload of ${f.local} to ${exec.label} is incomplete (${got} of ${f.size} bytes)`);
      await exec.rename(tmp, remote);
    } catch (err) {
      await exec.remove(tmp).catch(() => undefined); // best effort: the link may be gone
      throw err;
    }
    sentPer.set(f.local, f.size);
    report();
    return { ...f, remote, uploaded: true };
  });
  // Results in the caller's order, duplicates included.
  const bySource = new Map(done.map((d) => [d.local, d]));
  return files.map((f) => bySource.get(f)!);
}
