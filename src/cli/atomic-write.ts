/**
 * Writes a file atomically: lines go to a temporary file in the same folder, which is flushed to disk
 * and renamed over the target, so a reader (or a crash) never sees half an order file. Streams in
 * 1 MiB batches so a 200k-question JSONL output is never one big string. A failure (a full disk)
 * removes the temp file and names the file being written.
 */
import { open, rename, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { writeFailure } from "../core/atomicFile";

/** Writes all of `text`: a short write (a disk filling up) continues until done or the next write fails. */
async function writeAll(handle: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  for (let off = 0; off < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, off, bytes.length - off);
    if (bytesWritten === 0) throw Object.assign(new Error("no space left on device, write"), { code: "ENOSPC" });
    off += bytesWritten;
  }
}

export async function writeLinesAtomic(file: string, lines: Iterable<string>): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "w").catch((err: unknown) => {
    throw writeFailure(file, err);
  });
  try {
    let batch: string[] = [];
    let size = 0;
    for (const line of lines) {
      batch.push(line, "\n");
      size += line.length + 1;
      if (size >= 1 << 20) {
        await writeAll(handle, batch.join(""));
        batch = [];
        size = 0;
      }
    }
    if (batch.length) await writeAll(handle, batch.join(""));
    await handle.sync();
    await handle.close();
    await rename(temp, file);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw writeFailure(file, err);
  }
}
