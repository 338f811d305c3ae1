/**
 * `logs`: the last N lines of a run's log.txt, then (optionally) new bytes as they arrive, read by byte
 * offset every `intervalMs`. Following is purely a reader: stopping it (the AbortSignal) never touches
 * the run, which lives in its own session on the host.
 */
import type { Exec } from "./exec";

export interface TailOptions {
  lines?: number;
  follow?: boolean;
  intervalMs?: number;
  signal?: AbortSignal;
  onData: (text: string) => void;
}

/** Returns the byte offset reached (so a caller can resume following later). */
export async function tailFile(exec: Exec, path: string, opts: TailOptions): Promise<number> {
  const want = opts.lines ?? 50;
  let size = (await exec.size(path)) ?? 0;
  // Read backwards in growing windows until N lines are in hand (or the file start is reached).
  let window = 16 * 1024;
  let start = Math.max(0, size - window);
  let chunk = (await exec.readFrom(path, start, size - start)) ?? Buffer.alloc(0);
  while (start > 0 && chunk.toString("utf8").split("\n").length <= want + 1) {
    window *= 4;
    start = Math.max(0, size - window);
    chunk = (await exec.readFrom(path, start, size - start)) ?? Buffer.alloc(0);
  }
  size = start + chunk.length;
  let text = chunk.toString("utf8");
  const parts = text.split("\n");
  const trailing = text.endsWith("\n");
  const kept = parts.slice(trailing ? -(want + 1) : -want);
  text = want === 0 ? "" : kept.join("\n");
  if (text) opts.onData(text);
  let offset = size;
  if (!opts.follow) return offset;
  while (!opts.signal?.aborted) {
    await new Promise<void>((resolve) => {
      const onAbort = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        opts.signal?.removeEventListener("abort", onAbort);
        resolve();
      }, opts.intervalMs ?? 1000);
      opts.signal?.addEventListener("abort", onAbort, { once: true });
    });
    if (opts.signal?.aborted) break;
    const now = await exec.size(path);
    if (now === null) continue;
    if (now < offset) offset = 0; // truncated / replaced
    if (now > offset) {
      const bytes = (await exec.readFrom(path, offset, now - offset)) ?? Buffer.alloc(0);
      offset += bytes.length;
      if (bytes.length) opts.onData(bytes.toString("utf8"));
    }
  }
  return offset;
}
