/**
 * `direct` (an SSH host) and `local` (this machine): the trainer as a detached process,
 *   setsid nohup sh syllabus-run.sh MAX SLOTS DIR python -m syllabus_trainer train DIR >> DIR/log.txt 2>&1 &
 * in its own session, so it survives the SSH connection (or VS Code) going away. `$!` is the session
 * leader's pid, which is also its process group id: `cancel` signals the whole group (wrapper + trainer).
 * The per-host concurrency limit is enforced on the host by the wrapper (wrapper.ts). On a host with GPUs
 * the placement script (gpuScript.ts) runs between wrapper and trainer and gives each run its GPU
 * (CUDA_VISIBLE_DEVICES); the slot limit is then raised to what the GPUs hold (gpuPlacement.ts).
 * The trainer writes log.txt itself (and echoes to stderr); the process's own stdout/stderr go to
 * launcher.log, which is where an early crash (a missing torch, a bad interpreter) shows.
 */
import { posix } from "node:path";
import { BUNDLE_FILES, parseRunStatus, type RunStatus } from "../../core/runs/bundle";
import type { LauncherKind } from "../../core/runs/store";
import { runOk } from "../exec";
import { command, shellQuote } from "../quote";
import { mapLimit } from "../semaphore";
import { combineState, type ProcessView } from "./combine";
import type { HostLayout, Launcher, PolledState, RunHandle, StagedRun, SubmitOptions } from "./types";
import { ensureWrapper } from "./wrapper";
import { gpuArgs, gpuCapacity, scriptNeed, type GpuInfo } from "../gpuPlacement";
import { ensureGpuScript, gpuStateDir } from "./gpuScript";
import { archiveAttemptLines, attemptOf, CLAIM_FD, LAUNCH_FILE, launchRecord, PID_FILE, PID_START_FILE, RUN_LOCK, runAliveFunction, takeLockFunction } from "./claim";

/** The detached process's stdout/stderr (log.txt is written by the trainer itself). */
export const LAUNCHER_LOG = "launcher.log";

export interface DirectOptions {
  maxConcurrent: number;
  /** Replace the trainer command (tests use a stand-in); DIR is appended. */
  trainerArgv?: string[];
  /** The host's GPUs (declared or discovered); each run is placed on one of them. */
  gpus?: GpuInfo[];
}

/** Reads status.json; a torn or invalid file reads as "no status yet" rather than failing the poll. */
export async function readStatus(layout: HostLayout, dir: string): Promise<RunStatus | undefined> {
  const buf = await layout.exec.readFrom(posix.join(dir, BUNDLE_FILES.status), 0);
  if (!buf || buf.length === 0) return undefined;
  try {
    return parseRunStatus(buf.toString("utf8"), posix.join(dir, BUNDLE_FILES.status));
  } catch {
    return undefined;
  }
}

/** Shell lines that clear the traces of an earlier attempt (the checkpoint stays: the trainer resumes). */
export function resetLines(dir: string): string[] {
  const f = (n: string) => shellQuote(posix.join(dir, n));
  return [
    `rm -f ${f(PID_FILE)} ${f(PID_START_FILE)} ${f("exit_code")} ${f("cancelled")}`,
    `if [ -f ${f("status.json")} ]; then mv -f ${f("status.json")} ${f("status.prev.json")}; fi`,
  ];
}

export class DirectLauncher implements Launcher {
  constructor(
    readonly kind: LauncherKind,
    private readonly layout: HostLayout,
    private readonly opts: DirectOptions,
  ) {}

  private trainerArgv(dir: string): string[] {
    return [...(this.opts.trainerArgv ?? [this.layout.python, "-m", "syllabus_trainer", "train"]), dir];
  }

  /**
   * ONE command for the whole batch. Per run, on the host, in its own subshell: the run's claim (an
   * exclusive flock on run.lock, see claim.ts) is taken FIRST; a run whose claim is held, or whose
   * recorded process is still alive, is left alone ("running"); a folder whose status.json says
   * succeeded is left alone unless forced. Otherwise inputs are linked, an earlier attempt is cleared
   * (set aside under attempts/ when forced), the launch is recorded in launch.json, and the wrapper is
   * started detached, inheriting the claim. Any number of clients running this at once start a run once.
   */
  async submit(runs: StagedRun[], opts: SubmitOptions = {}): Promise<RunHandle[]> {
    if (runs.length === 0) return [];
    const { exec, workdir, trainerPath } = this.layout;
    const wrapper = await ensureWrapper(exec, workdir);
    const slots = posix.join(workdir, "slots");
    const gpus = this.opts.gpus ?? [];
    const gpuScript = gpus.length ? await ensureGpuScript(exec, workdir) : undefined;
    const max = gpus.length ? Math.max(this.opts.maxConcurrent, gpuCapacity(gpus, runs.map((r) => r.gpuNeedMiB))) : this.opts.maxConcurrent;
    const argv = (r: StagedRun) =>
      gpuScript ? ["sh", gpuScript, gpuStateDir(workdir), r.dir, String(scriptNeed(gpus, r.gpuNeedMiB)), ...gpuArgs(gpus), "--", ...this.trainerArgv(r.dir)] : this.trainerArgv(r.dir);
    const env = { PYTHONPATH: trainerPath, PYTHONUNBUFFERED: "1", ...(this.layout.env ?? {}) };
    const envWords = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`).join(" ");
    const blocks = runs.map((r) => {
      const d = shellQuote(r.dir);
      const f = (n: string) => shellQuote(posix.join(r.dir, n));
      const id = shellQuote(r.runId);
      const record = shellQuote(launchRecord(r.attempt ?? "unnamed", exec.label));
      return [
        "(",
        `mkdir -p ${d} && exec ${CLAIM_FD}>>${f(RUN_LOCK)} || exit 1`,
        // "succeeded" first: a finished trainer may still be exiting (holding the claim) when we look.
        ...(opts.force ? [] : [`if grep -q '"state": *"succeeded"' ${f(BUNDLE_FILES.status)} 2>/dev/null; then echo ${id} succeeded 0 "${attemptOf(d)}"; exit 0; fi`]),
        // A rerun of an attempt that has ended (its trainer may still be exiting, holding the claim) waits for it.
        ...(opts.force ? [`w=; grep -qE '"state": *"(succeeded|failed|cancelled)"' ${f(BUNDLE_FILES.status)} 2>/dev/null && w=30`] : ["w="]),
        `if ! take_lock ${CLAIM_FD} $w || run_alive ${d} ''; then echo ${id} running "$(cat ${f(PID_FILE)} 2>/dev/null || echo 0)" "${attemptOf(d)}"; exit 0; fi`,
        // …and again once the claim is ours: the attempt that held it may have just succeeded.
        ...(opts.force ? [] : [`if grep -q '"state": *"succeeded"' ${f(BUNDLE_FILES.status)} 2>/dev/null; then echo ${id} succeeded 0 "${attemptOf(d)}"; exit 0; fi`]),
        "set -e",
        ...(r.prepare ?? []),
        ...(opts.force ? archiveAttemptLines(r.dir) : []),
        ...resetLines(r.dir),
        `printf '%s\\n' ${record} > ${f(LAUNCH_FILE + ".tmp")}`,
        `mv -f ${f(LAUNCH_FILE + ".tmp")} ${f(LAUNCH_FILE)}`,
        `rm -f ${f("gpu")}`,
        `${envWords} setsid nohup sh ${command([wrapper, String(max), slots, r.dir, ...argv(r)])} >> ${f(LAUNCHER_LOG)} 2>&1 < /dev/null &`,
        "p=$!",
        // Identity before the pid: a reader that finds the pid also finds its start time.
        `ps -o lstart= -p "$p" > ${f(PID_START_FILE + ".tmp")} 2>/dev/null || :`,
        `mv -f ${f(PID_START_FILE + ".tmp")} ${f(PID_START_FILE)}`,
        `echo "$p" > ${f(PID_FILE + ".tmp")}`,
        `mv -f ${f(PID_FILE + ".tmp")} ${f(PID_FILE)}`,
        `echo ${id} launched "$p" ${shellQuote(r.attempt ?? "unnamed")}`,
        `) || echo ${id} error 0`,
      ].join("\n");
    });
    const out = await runOk(exec, [takeLockFunction(this.layout.python), runAliveFunction(), ...blocks].join("\n"));
    const seen = new Map(out.trim().split("\n").map((l) => l.split(" ")).map(([id, what, pid, attempt]) => [id!, { what: what!, pid: Number(pid), attempt }]));
    return runs.map((r) => {
      const s = seen.get(r.runId);
      if (!s || s.what === "error") throw new Error(`could not start run ${r.runId} on ${exec.label}: ${out.trim() || "no answer"}`);
      const existing = s.what === "running" ? "running" : s.what === "succeeded" ? "succeeded" : undefined;
      return { runId: r.runId, dir: r.dir, pid: s.pid || undefined, existing, attempt: s.attempt || undefined };
    });
  }

  /**
   * One command learns every run's process state, then status.json files are read (in that order). A
   * pid counts as the run's only with its recorded start time (claim.ts): a reused pid reads as "gone".
   */
  async poll(runs: RunHandle[]): Promise<PolledState[]> {
    if (runs.length === 0) return [];
    const script = runs
      .map((r) => {
        const d = shellQuote(r.dir);
        const fallback = pidWord(r.pid);
        return `alive=0; run_alive ${d} ${fallback} && alive=1; pid=$(cat ${d}/${PID_FILE} 2>/dev/null || echo ${fallback}); ` +
          `ec=$(cat ${d}/exit_code 2>/dev/null || true); c=0; [ -e ${d}/cancelled ] && c=1; l=0; [ -e ${d}/${LAUNCH_FILE} ] && l=1; ` +
          `printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' ${shellQuote(r.runId)} "$pid" "$alive" "$ec" "$c" "$l"`;
      })
      .join("\n");
    const out = await runOk(this.layout.exec, runAliveFunction() + "\n" + script);
    const procs = new Map<string, ProcessView>();
    for (const line of out.split("\n").filter(Boolean)) {
      const [runId = "", pid = "", alive, ec = "", cancelled, launched] = line.split("\t");
      const detail = pid ? `pid ${pid}${alive === "1" ? " alive" : " gone (or not the run's process any more)"}${ec ? `, exit ${ec}` : ""}` : "no pid";
      if (alive === "1") procs.set(runId, { kind: "running", detail });
      else if (pid || cancelled === "1") procs.set(runId, { kind: "ended", exitCode: ec ? Number(ec) : undefined, cancelled: cancelled === "1", detail });
      // Claimed and recorded, the process not yet: the launching shell is between the two.
      else if (launched === "1") procs.set(runId, { kind: "pending", detail: "launch recorded, process starting" });
      else procs.set(runId, { kind: "unknown", detail });
    }
    return mapLimit(runs, 8, async (r) => {
      const status = await readStatus(this.layout, r.dir);
      const proc = procs.get(r.runId) ?? { kind: "unknown" };
      // Alive but the trainer has not written a status yet: waiting for a slot, or starting.
      if (proc.kind === "running" && !status) return combineState(r.runId, { kind: "pending", detail: proc.detail }, status);
      return combineState(r.runId, proc, status);
    });
  }

  /** Marks the run cancelled and signals its process group — only when the pid is provably the run's. */
  async cancel(run: RunHandle): Promise<void> {
    const d = shellQuote(run.dir);
    // The marker first: a wrapper still waiting for a slot then never starts the trainer.
    await runOk(
      this.layout.exec,
      `${runAliveFunction()}\ntouch ${d}/cancelled; ` +
        `if run_alive ${d} ${pidWord(run.pid)}; then pid=$(cat ${d}/${PID_FILE} 2>/dev/null || echo ${pidWord(run.pid)}); ` +
        // \`kill -SIG -PGID\` (no \`--\`: dash's builtin rejects it) signals the whole group.
        `kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; fi`,
    );
  }
}

/** A pid from the local store as a shell word: digits only, or empty. */
function pidWord(pid: number | undefined): string {
  return pid !== undefined && Number.isSafeInteger(pid) && pid > 0 ? String(pid) : "''";
}
