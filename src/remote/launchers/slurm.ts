/**
 * `slurm`: one `sbatch --parsable` job array per grid, submitted through a login shell (`bash -lc`,
 * so module/PATH setup of the cluster applies). States come from `squeue` (live jobs), then
 * `scontrol show job` (recently ended), then `sacct` where accounting exists; the trainer's status.json
 * refines "running" into preparing/training/evaluating and has the last word on how a run ended.
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import { runOk } from "../exec";
import { command, shellQuote } from "../quote";
import { mapLimit } from "../semaphore";
import { combineState, type ProcessView } from "./combine";
import { readStatus, resetLines } from "./direct";
import { slurmScript, type SlurmConfig } from "./slurmScript";
import type { HostLayout, Launcher, PolledState, RunHandle, StagedRun } from "./types";

export interface SlurmOptions {
  config: SlurmConfig;
  /** Job name (the experiment). */
  name: string;
  trainerArgv?: string[];
}

/** Runs a command line in a login shell on the host. */
export const loginShell = (cmd: string) => command(["bash", "-lc", cmd]);

export interface SlurmJobInfo {
  state: string;
  reason?: string;
  exitCode?: number;
  source: "squeue" | "scontrol" | "sacct";
}

const PENDING = /^(PENDING|CONFIGURING|REQUEUED|REQUEUE_HOLD|REQUEUE_FED|RESV_DEL_HOLD|SUSPENDED|STOPPED|RESIZING)/;
const RUNNING = /^(RUNNING|COMPLETING|STAGE_OUT|SIGNALING)/;

export function processViewOf(info: SlurmJobInfo | undefined): ProcessView {
  if (!info) return { kind: "unknown", detail: "not known to squeue, scontrol or sacct" };
  const detail = `${info.source}: ${info.state}${info.reason && info.reason !== "None" ? ` (${info.reason})` : ""}`;
  if (PENDING.test(info.state)) return { kind: "pending", detail };
  if (RUNNING.test(info.state)) return { kind: "running", detail };
  return { kind: "ended", schedulerState: info.state, exitCode: info.exitCode, reason: info.reason, detail };
}

/**
 * Parses the combined output of the poll script (sections `@@squeue`, `@@scontrol`, `@@sacct`) into
 * task id (`1234_5`) → info; earlier sources win.
 */
export function parseSlurmPoll(text: string): Map<string, SlurmJobInfo> {
  const out = new Map<string, SlurmJobInfo>();
  let section = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("@@")) {
      section = line.slice(2).trim();
      continue;
    }
    if (!line.trim()) continue;
    if (section === "squeue") {
      const [id, state, reason] = line.split("|");
      if (id && state && !out.has(id)) out.set(id, { state, reason, source: "squeue" });
    } else if (section === "scontrol") {
      const f = Object.fromEntries([...line.matchAll(/(\w+)=(\S*)/g)].map((m) => [m[1], m[2]]));
      const id = f.ArrayJobId && f.ArrayTaskId && /^\d+$/.test(f.ArrayTaskId) ? `${f.ArrayJobId}_${f.ArrayTaskId}` : f.JobId;
      if (id && f.JobState && !out.has(id)) {
        out.set(id, { state: f.JobState, reason: f.Reason, exitCode: f.ExitCode ? Number(f.ExitCode.split(":")[0]) : undefined, source: "scontrol" });
      }
    } else if (section === "sacct") {
      const [id, state, exit] = line.split("|");
      if (id && state && !id.includes(".") && !out.has(id)) {
        out.set(id, { state: state.split(" ")[0]!, exitCode: exit ? Number(exit.split(":")[0]) : undefined, source: "sacct" });
      }
    }
  }
  return out;
}

export class SlurmLauncher implements Launcher {
  readonly kind = "slurm" as const;
  constructor(private readonly layout: HostLayout, private readonly opts: SlurmOptions) {}

  script(runs: StagedRun[]): string {
    return slurmScript({
      name: this.opts.name,
      dirs: runs.map((r) => r.dir),
      workdir: this.layout.workdir,
      python: this.layout.python,
      trainerPath: this.layout.trainerPath,
      config: this.opts.config,
      trainerArgv: this.opts.trainerArgv,
      env: this.layout.env,
    });
  }

  async submit(runs: StagedRun[]): Promise<RunHandle[]> {
    if (runs.length === 0) return [];
    const { exec, workdir } = this.layout;
    const text = this.script(runs);
    const file = posix.join(workdir, "slurm", `${createHash("sha256").update(text).digest("hex").slice(0, 16)}.sbatch`);
    await exec.mkdirp(posix.join(workdir, "slurm"));
    await exec.writeFileAtomic(file, text);
    const reset = runs.flatMap((r) => [...(r.prepare ?? []), ...resetLines(r.dir), `rm -f ${shellQuote(posix.join(r.dir, "slurm_job"))}`]);
    const out = await runOk(exec, ["set -e", ...reset, loginShell(`cd ${shellQuote(posix.dirname(file))} && ${command(["sbatch", "--parsable", file])}`)].join("\n"));
    const jobId = out.trim().split("\n").at(-1)!.split(";")[0]!.trim();
    if (!/^\d+$/.test(jobId)) throw new Error(`sbatch on ${exec.label} answered ${JSON.stringify(out.trim())}, not a job id`);
    return runs.map((r, i) => ({ runId: r.runId, dir: r.dir, jobId: `${jobId}_${i}` }));
  }

  async poll(given: RunHandle[]): Promise<PolledState[]> {
    if (given.length === 0) return [];
    // A run launched by another client: its task id is in the run folder (written by the job script).
    const runs = await mapLimit(given, 8, async (r) =>
      r.jobId ? r : { ...r, jobId: (await this.layout.exec.readFrom(posix.join(r.dir, "slurm_job"), 0))?.toString("utf8").trim() || undefined },
    );
    const arrays = [...new Set(runs.map((r) => r.jobId?.split("_")[0]).filter((j): j is string => !!j))];
    const infos = arrays.length ? parseSlurmPoll(await runOk(this.layout.exec, loginShell(pollScript(arrays)))) : new Map();
    return mapLimit(runs, 8, async (r) => {
      const status = await readStatus(this.layout, r.dir);
      return combineState(r.runId, processViewOf(r.jobId ? infos.get(r.jobId) : undefined), status);
    });
  }

  async cancel(run: RunHandle): Promise<void> {
    if (!run.jobId) throw new Error(`run ${run.runId} has no Slurm job id to cancel`);
    await runOk(this.layout.exec, loginShell(command(["scancel", run.jobId])));
  }
}

function pollScript(arrays: string[]): string {
  const ids = arrays.join(",");
  return [
    "echo @@squeue",
    `squeue -h -r -o '%i|%T|%r' -j ${ids} 2>/dev/null || true`,
    "echo @@scontrol",
    ...arrays.map((a) => `scontrol -o show job ${a} 2>/dev/null || true`),
    "echo @@sacct",
    `sacct -n -P -X -j ${ids} -o JobID,State,ExitCode 2>/dev/null || true`,
  ].join("\n");
}
