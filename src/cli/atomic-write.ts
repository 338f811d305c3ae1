/**
 * Writes a file atomically: lines go to a temporary file in the same folder, which is flushed to disk
 * and renamed over the target, so a reader (or a crash) never sees half an order file. Streams in
 * 1 MiB batches so a 200k-question JSONL output is never one big string.
 */
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

export async function writeLinesAtomic(file: string, lines: Iterable<string>): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "w");
  try {
    let batch: string[] = [];
    let size = 0;
    for (const line of lines) {
      batch.push(line, "\n");
      size += line.length + 1;
      if (size >= 1 << 20) {
        await handle.write(batch.join(""));
        batch = [];
        size = 0;
      }
    }
    if (batch.length) await handle.write(batch.join(""));
    await handle.sync();
    await handle.close();
    await rename(temp, file);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
