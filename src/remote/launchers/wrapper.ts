/**
 * The host-side wrapper of `direct`/`local` runs. Chosen over a Syllabus-side queue because the limit
 * must hold when nobody is connected: a laptop that launches 30 runs and closes its lid still gets them
 * all trained, `maxConcurrent` at a time. Each run is its own detached session (setsid) running this
 * script, which waits for one of MAX slot locks (flock on `<workdir>/slots/slot-N`; the lock is held by
 * the trainer's inherited fd, so a slot frees exactly when the trainer exits), then runs the trainer and
 * records its exit code. The launching shell records its pid and start time and hands it the run's
 * claim (fd 8, claim.ts), which it and the trainer hold until they exit. Slots are taken by whoever polls first, not strictly FIFO. Without `flock`
 * (non-Linux hosts) runs start at once and a warning goes to log.txt.
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { Exec } from "../exec";

export const WRAPPER_SCRIPT = `#!/bin/sh
# syllabus-run: usage: syllabus-run.sh MAX SLOTDIR RUNDIR CMD...
max=$1; slots=$2; dir=$3; shift 3
finish() {
  "$@"; rc=$?
  echo "$rc" > "$dir/exit_code.tmp" && mv -f "$dir/exit_code.tmp" "$dir/exit_code"
  exit "$rc"
}
if ! command -v flock >/dev/null 2>&1; then
  echo "syllabus: flock not found on this host; starting without the concurrency limit" >&2
  finish "$@"
fi
mkdir -p "$slots"
while :; do
  [ -e "$dir/cancelled" ] && exit 143
  i=0
  while [ "$i" -lt "$max" ]; do
    exec 9>>"$slots/slot-$i"
    if flock -n 9; then finish "$@"; fi
    exec 9>&-
    i=$((i + 1))
  done
  sleep 1
done
`;

const HASH = createHash("sha256").update(WRAPPER_SCRIPT).digest("hex").slice(0, 12);

/** Writes the wrapper once per host and version; returns its absolute path. */
export async function ensureWrapper(exec: Exec, workdir: string): Promise<string> {
  const path = posix.join(workdir, "bin", `syllabus-run-${HASH}.sh`);
  if ((await exec.size(path)) === null) {
    await exec.mkdirp(posix.join(workdir, "bin"));
    await exec.writeFileAtomic(path, WRAPPER_SCRIPT);
  }
  return path;
}
