/**
 * Atomic writes (temp file in the same folder + rename): a reader, or a crash, never sees half a file.
 * On failure (a full disk, a read-only folder) the temp file is removed and the error names the file
 * being written and what to do, instead of a bare "ENOSPC: no space left on device, write".
 */
import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";

/** An fs error while writing `path`, as a message that names the path and the fix. */
export function writeFailure(path: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  const fix =
    e.code === "ENOSPC" ? "the disk is full: free some space and try again"
    : e.code === "EDQUOT" ? "the disk quota is exceeded: free some space and try again"
    : e.code === "EACCES" || e.code === "EPERM" ? "the folder is not writable: check its permissions"
    : e.code === "EROFS" ? "the file system is read-only"
    : "see the error above";
  return new Error(`could not write ${path}: ${e.code ?? ""}${e.code ? " " : ""}(${e.message}); ${fix}`, { cause: err });
}

/** A temp name beside `path`: same folder (so the rename is atomic), unique per process and call. */
export function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
}

export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw writeFailure(path, err);
  }
}
