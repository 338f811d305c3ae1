/** Atomic file writes for report outputs: a reader never sees half a file (temp file + rename). */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { writeFileAtomicSync } from "../atomicFile";

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicSync(path, data);
}
