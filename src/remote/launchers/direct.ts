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
    `rm -f ${f("pid")} ${f("exit_code")} ${f("cancelled")}`,
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
   * ONE command for the whole batch. Per run, on the host: a live process → left alone ("running"); a
   * folder whose status.json says succeeded → left alone unless forced; otherwise inputs linked,
   * traces of an earlier attempt cleared, and the wrapper started detached. Checking where the run lives
   * makes a double click (or two clients) unable to start the same run twice.
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
      const f = (n: string) => shellQuote(posix.join(r.dir, n));
      const id = shellQuote(r.runId);
      const start = [
        ...(r.prepare ?? []),
        ...resetLines(r.dir),
        `rm -f ${f("gpu")}`,
        `${envWords} setsid nohup sh ${command([wrapper, String(max), slots, r.dir, ...argv(r)])} >> ${f(LAUNCHER_LOG)} 2>&1 < /dev/null &`,
        `echo ${id} launched $!`,
      ];
      return [
        `pid=$(cat ${f("pid")} 2>/dev/null || true)`,
        // "succeeded" first: a finished trainer may still be exiting when we look.
        opts.force ? "if false; then :" : `if grep -q '"state": *"succeeded"' ${f(BUNDLE_FILES.status)} 2>/dev/null; then echo ${id} succeeded 0`,
        `elif [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo ${id} running "$pid"`,
        `else (set -e; ${start.join("\n")}
) || echo ${id} error 0`,
        "fi",
      ].join("\n");
    });
    const out = await runOk(exec, blocks.join("\n"));
    const seen = new Map(out.trim().split("\n").map((l) => l.split(" ")).map(([id, what, pid]) => [id!, { what: what!, pid: Number(pid) }]));
    return runs.map((r) => {
      const s = seen.get(r.runId);
      if (!s || s.what === "error") throw new Error(`could not start run ${r.runId} on ${exec.label}: ${out.trim() || "no answer"}`);
      const existing = s.what === "running" ? "running" : s.what === "succeeded" ? "succeeded" : undefined;
      return { runId: r.runId, dir: r.dir, pid: s.pid || undefined, existing };
    });
  }

  /** One command learns every run's process state, then status.json files are read (in that order). */
  async poll(runs: RunHandle[]): Promise<PolledState[]> {
    if (runs.length === 0) return [];
    const script = runs
      .map((r) => {
        const d = shellQuote(r.dir);
        return `pid=$(cat ${d}/pid 2>/dev/null || echo ${r.pid ?? ""}); alive=0; ` +
          `if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then alive=1; fi; ` +
          `ec=$(cat ${d}/exit_code 2>/dev/null || true); c=0; [ -e ${d}/cancelled ] && c=1; ` +
          `printf '%s\\t%s\\t%s\\t%s\\t%s\\n' ${shellQuote(r.runId)} "$pid" "$alive" "$ec" "$c"`;
      })
      .join("\n");
    const out = await runOk(this.layout.exec, script);
    const procs = new Map<string, ProcessView>();
    for (const line of out.split("\n").filter(Boolean)) {
      const [runId = "", pid = "", alive, ec = "", cancelled] = line.split("\t");
      const detail = pid ? `pid ${pid}${alive === "1" ? " alive" : " gone"}${ec ? `, exit ${ec}` : ""}` : "no pid";
      if (alive === "1") procs.set(runId, { kind: "running", detail });
      else if (pid || cancelled === "1") procs.set(runId, { kind: "ended", exitCode: ec ? Number(ec) : undefined, cancelled: cancelled === "1", detail });
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

  async cancel(run: RunHandle): Promise<void> {
    const d = shellQuote(run.dir);
    // The marker first: a wrapper still waiting for a slot then never starts the trainer.
    await runOk(
      this.layout.exec,
      `touch ${d}/cancelled; pid=$(cat ${d}/pid 2>/dev/null || echo ${run.pid ?? ""}); ` +
        // \`kill -SIG -PGID\` (no \`--\`: dash's builtin rejects it) signals the whole group.
        `if [ -n "$pid" ]; then kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; fi`,
    );
  }
}
