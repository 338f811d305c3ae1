/**
 * The host-side claim of a run and the identity of its process: the shell snippets that make "start this
 * run" atomic across any number of clients (CLI, extension, two machines), and that let a poll or a
 * cancel trust a pid only when it is provably the run's own process.
 *
 * Claim (direct/local): an exclusive `flock` on `<run>/run.lock`, taken by the launching shell on fd 8
 * BEFORE anything is reset or started, and handed to the detached wrapper by fd inheritance (a flock
 * belongs to the open file description, so the lock is held without a gap until the wrapper and the
 * trainer it runs have both exited — a crash releases it, no stale claim survives). A client that cannot
 * take the lock knows another attempt is alive and starts nothing. Hosts without the util-linux `flock`
 * binary get the same lock from Python's `fcntl.flock` on the inherited fd.
 *
 * Claim (slurm): the job is not a child of the launching shell, so the claim is `<run>/slurm_claim`
 * holding the job id, written under an exclusive lock on `<workdir>/slurm/submit.lock` that every
 * submission to the host takes; the job itself also takes `<run>/run.lock` when it starts.
 *
 * Identity: the launching shell records the wrapper's pid AND its start time (`ps -o lstart=`). A pid
 * whose process has another start time is a reused pid: it is not the run, is never reported alive and
 * is never signalled.
 */
import { posix } from "node:path";
import { shellQuote } from "../quote";

export const RUN_LOCK = "run.lock";
export const PID_FILE = "pid";
export const PID_START_FILE = "pid_start";
/** The launch record on the host: attempt id, who launched it and when (written before the start). */
export const LAUNCH_FILE = "launch.json";
export const SLURM_CLAIM = "slurm_claim";
/** Earlier attempts of a run (kept by `--rerun`), each in attempts/<attempt-id>/. */
export const ATTEMPTS_DIR = "attempts";

/** The fd the claim lock lives on in the launching shell, the wrapper and the trainer (the wrapper's slots use 9). */
export const CLAIM_FD = 8;

/**
 * Shell function `take_lock FD [SECONDS]`: an exclusive flock on an open fd, at once or waiting up to
 * SECONDS, via flock(1) or Python's fcntl.
 */
export function takeLockFunction(python: string): string {
  return [
    "take_lock() {",
    '  if command -v flock >/dev/null 2>&1; then if [ -n "${2:-}" ]; then flock -w "$2" "$1"; else flock -n "$1"; fi',
    `  else ${shellQuote(python)} -c 'import fcntl,sys,time
end = time.time() + float(sys.argv[2] or 0)
while True:
    try:
        fcntl.flock(int(sys.argv[1]), fcntl.LOCK_EX | fcntl.LOCK_NB); break
    except OSError:
        if time.time() >= end: sys.exit(1)
        time.sleep(0.2)' "$1" "\${2:-0}" 2>/dev/null`,
    "  fi",
    "}",
  ].join("\n");
}

/**
 * Shell function `run_alive DIR FALLBACK_PID`: exit 0 when the run's recorded process is alive AND is the
 * one recorded (same start time); 1 otherwise. Without a recorded start time (a run launched by an older
 * Syllabus) the process counts as the run's only when its command line names the run folder.
 */
export function runAliveFunction(): string {
  return [
    "run_alive() {",
    `  _p=$(cat "$1/${PID_FILE}" 2>/dev/null || echo "$2")`,
    '  [ -n "$_p" ] && kill -0 "$_p" 2>/dev/null || return 1',
    // A zombie (exited, not yet reaped: a container's pid 1 may reap late) is not alive, whatever kill -0 says.
    '  case "$(ps -o stat= -p "$_p" 2>/dev/null | tr -d " ")" in Z*) return 1 ;; esac',
    `  if [ -s "$1/${PID_START_FILE}" ]; then`,
    `    [ "$(ps -o lstart= -p "$_p" 2>/dev/null)" = "$(cat "$1/${PID_START_FILE}")" ]`,
    "  else",
    '    [ -r "/proc/$_p/cmdline" ] && tr "\\000" "\\n" < "/proc/$_p/cmdline" | grep -qxF -- "$1"',
    "  fi",
    "}",
  ].join("\n");
}

/**
 * Shell lines that set an earlier attempt aside before a NEW attempt (`--rerun`): everything the
 * trainer wrote moves to attempts/<old attempt>/, so the trainer cannot resume from the old final
 * checkpoint and the old result stays readable.
 */
export function archiveAttemptLines(dir: string): string[] {
  const q = (n: string) => shellQuote(posix.join(dir, n));
  const d = shellQuote(dir);
  const outputs = ["status.json", "status.prev.json", "events.jsonl", "consumed.txt", "predictions", "result.json", "log.txt", "checkpoint", "checkpoint.old", "adapter", "exit_code", "launcher.log", LAUNCH_FILE];
  return [
    `old="${attemptOf(d)}"`,
    `[ -n "$old" ] || old=before-$(date +%Y%m%dT%H%M%S)`,
    `mkdir -p ${q(ATTEMPTS_DIR)}/"$old"`,
    `for f in ${outputs.map(shellQuote).join(" ")}; do if [ -e ${shellQuote(dir)}/"$f" ]; then mv -f ${shellQuote(dir)}/"$f" ${q(ATTEMPTS_DIR)}/"$old"/; fi; done`,
  ];
}

/** Shell: the attempt id recorded in the launch.json of the (quoted) run folder `d`; empty when none. */
export const attemptOf = (d: string) => `$(sed -n 's/.*"attempt": *"\\([A-Za-z0-9-]*\\)".*/\\1/p' ${d}/${LAUNCH_FILE} 2>/dev/null | head -n 1)`;

/** The launch record's text (one line of JSON, so `sed` can read the attempt back on the host). */
export function launchRecord(attempt: string, client: string): string {
  return JSON.stringify({ attempt, client, at: new Date().toISOString() });
}

/** Attempt ids are made by Syllabus; anything else in a record is refused before it reaches a shell. */
export function checkAttemptId(attempt: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(attempt)) throw new Error(`attempt id ${JSON.stringify(attempt)} is not valid (letters, digits, '-')`);
  return attempt;
}
