/**
 * The host-side GPU placement step of `direct`/`local` runs, between the slot wrapper (wrapper.ts) and the
 * trainer:  syllabus-gpu.sh STATEDIR RUNDIR NEED_MIB INDEX:MEM_MIB... -- CMD...
 * Under a host-wide lock (flock on STATEDIR/lock) it reads the ledger of placed runs (`pid gpu MiB`
 * lines; entries of processes that are gone are dropped), picks the GPU with the most free memory where
 * the run fits (gpuPlacement.ts `chooseGpu`, the same rule), records itself, and runs CMD with
 * CUDA_VISIBLE_DEVICES set to that GPU (so the trainer's cuda:0 is its own GPU) — or waits and tries
 * again. RUNDIR/gpu records the choice; the ledger line goes when CMD ends (or its pid is found gone).
 * NEED_MIB 0 = a whole GPU; MEM_MIB 0 = unknown memory (one run at a time on it).
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { Exec } from "../exec";

export const GPU_SCRIPT = `#!/bin/sh
# syllabus-gpu: usage: syllabus-gpu.sh STATEDIR RUNDIR NEED_MIB INDEX:MEM_MIB... -- CMD...
state=$1; dir=$2; need=$3; shift 3
gpus=""
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do gpus="$gpus $1"; shift; done
[ "$1" = "--" ] && shift
mkdir -p "$state"
ledger="$state/ledger"
lock() { if command -v flock >/dev/null 2>&1; then exec 8>>"$state/lock"; flock 8; fi; }
unlock() { if command -v flock >/dev/null 2>&1; then flock -u 8; exec 8>&-; fi; }
choose() {
  touch "$ledger"
  : > "$ledger.tmp.$$"
  while read -r pid g n; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid $g $n" >> "$ledger.tmp.$$"; fi
  done < "$ledger"
  mv -f "$ledger.tmp.$$" "$ledger"
  best=""; bestfree=-1; bestneed=0
  for gm in $gpus; do
    g=\${gm%%:*}; m=\${gm#*:}
    if [ "$m" -gt 0 ] && [ "$need" -gt 0 ]; then n=$need; elif [ "$m" -gt 0 ]; then n=$m; else m=1; n=1; fi
    used=$(awk -v g="$g" '$2 == g { s += $3 } END { print s + 0 }' "$ledger")
    free=$((m - used))
    if [ "$n" -le "$free" ] && [ "$free" -gt "$bestfree" ]; then best=$g; bestfree=$free; bestneed=$n; fi
  done
  if [ -n "$best" ]; then echo "$$ $best $bestneed" >> "$ledger"; fi
}
gpu=""
while [ -z "$gpu" ]; do
  [ -e "$dir/cancelled" ] && exit 143
  lock; choose; unlock
  gpu=$best
  [ -z "$gpu" ] && sleep 2
done
echo "$gpu" > "$dir/gpu.tmp" && mv -f "$dir/gpu.tmp" "$dir/gpu"
echo "syllabus: placed on GPU $gpu (CUDA_VISIBLE_DEVICES=$gpu)" >&2
CUDA_VISIBLE_DEVICES=$gpu "$@"; rc=$?
lock
awk -v p="$$" '$1 != p' "$ledger" > "$ledger.tmp.$$" && mv -f "$ledger.tmp.$$" "$ledger"
unlock
exit "$rc"
`;

const HASH = createHash("sha256").update(GPU_SCRIPT).digest("hex").slice(0, 12);

/** Writes the placement script once per host and version; returns its absolute path. */
export async function ensureGpuScript(exec: Exec, workdir: string): Promise<string> {
  const path = posix.join(workdir, "bin", `syllabus-gpu-${HASH}.sh`);
  if ((await exec.size(path)) === null) {
    await exec.mkdirp(posix.join(workdir, "bin"));
    await exec.writeFileAtomic(path, GPU_SCRIPT);
  }
  return path;
}

/** Where the ledger and its lock live on the host. */
export function gpuStateDir(workdir: string): string {
  return posix.join(workdir, "gpus");
}
