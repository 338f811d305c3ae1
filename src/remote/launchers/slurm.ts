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
import { BUNDLE_FILES } from "../../core/runs/bundle";
import { combineState, type ProcessView } from "./combine";
import { readStatus, resetLines } from "./direct";
import { archiveAttemptLines, attemptOf, LAUNCH_FILE, launchRecord, SLURM_CLAIM } from "./claim";
import { slurmScript, type SlurmConfig } from "./slurmScript";
import type { HostLayout, Launcher, PolledState, RunHandle, StagedRun, SubmitOptions } from "./types";

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

/** A Slurm job id as Syllabus records it: `1234` or the array task `1234_5`. Anything else never reaches a shell. */
export const JOB_ID = /^\d+(_\d+)?$/;

export function validJobId(id: string | undefined, where: string): string | undefined {
  if (id === undefined || id === "") return undefined;
  if (!JOB_ID.test(id)) throw new Error(`${where}: ${JSON.stringify(id.slice(0, 80))} is not a Slurm job id (digits, or digits_digits for an array task); it is not used`);
  return id;
}

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

  /**
   * Claims and submits, in ONE host command under `<workdir>/slurm/submit.lock` (every submission to
   * this workdir takes it): a run whose `slurm_claim` names a job squeue still lists is left alone
   * ("running"), a succeeded one is left alone unless forced, the others are reset, their launch
   * recorded, and submitted as the listed indices of one job array; each claim then holds its task id.
   * If squeue does not answer, nothing is submitted (a live job may exist).
   */
  async submit(runs: StagedRun[], opts: SubmitOptions = {}): Promise<RunHandle[]> {
    if (runs.length === 0) return [];
    const { exec, workdir } = this.layout;
    const text = this.script(runs);
    const slurmDir = posix.join(workdir, "slurm");
    const file = posix.join(slurmDir, `${createHash("sha256").update(text).digest("hex").slice(0, 16)}.sbatch`);
    await exec.mkdirp(slurmDir);
    await exec.writeFileAtomic(file, text);
    const q = shellQuote;
    const limit = this.opts.config.maxConcurrent ? `%${this.opts.config.maxConcurrent}` : "";
    const perRun = runs.map((r, i) => {
      const d = q(r.dir);
      const f = (n: string) => q(posix.join(r.dir, n));
      return [
        `mkdir -p ${d}; jid=$(cat ${f(SLURM_CLAIM)} 2>/dev/null || true); case "$jid" in *[!0-9_]*) jid="" ;; esac`,
        `if [ -n "$jid" ] && is_live "$jid"; then echo ${q(r.runId)} running "$jid" "${attemptOf(d)}"`,
        ...(opts.force ? [] : [`elif grep -q '"state": *"succeeded"' ${f(BUNDLE_FILES.status)} 2>/dev/null; then echo ${q(r.runId)} succeeded - "${attemptOf(d)}"`]),
        `elif ( set -e; ${[
          ...(r.prepare ?? []),
          ...(opts.force ? archiveAttemptLines(r.dir) : []),
          ...resetLines(r.dir),
          `rm -f ${f("slurm_job")} ${f(SLURM_CLAIM)}`,
          `printf '%s\\n' ${q(launchRecord(r.attempt ?? "unnamed", exec.label))} > ${f(LAUNCH_FILE)}`,
        ].join("\n")}\n); then idx="\${idx:+$idx,}${i}"`,
        `else echo ${q(r.runId)} error -; fi`,
      ].join("\n");
    });
    const claims = runs.map((r, i) =>
      `case ",$idx," in *,${i},*) echo "\${jid}_${i}" > ${q(posix.join(r.dir, SLURM_CLAIM))}; echo ${q(r.runId)} launched "\${jid}_${i}" ${q(r.attempt ?? "unnamed")} ;; esac`,
    );
    const script = [
      `exec 7>>${q(posix.join(slurmDir, "submit.lock"))}`,
      "if command -v flock >/dev/null 2>&1; then flock -w 300 7 || { echo '@@error the submit lock of this workdir stayed busy for 5 minutes'; exit 0; }; fi",
      `live=$(${loginShell(`squeue -h -r -u "$(id -un)" -o '%i|%T'`)}) || { echo '@@error squeue did not answer; nothing was submitted'; exit 0; }`,
      `is_live() { printf '%s\\n' "$live" | grep -q "^$1|"; }`,
      'idx=""',
      ...perRun,
      'if [ -n "$idx" ]; then',
      `  out=$(${loginShell(`cd ${q(slurmDir)} && sbatch --parsable --array="$1" ${q(file)} 2>&1`)} _ "$idx${limit}") || { echo "@@error sbatch failed: $out"; exit 0; }`,
      '  jid=$(printf \'%s\\n\' "$out" | tail -n 1 | cut -d";" -f1)',
      '  case "$jid" in ""|*[!0-9]*) echo "@@error sbatch answered: $out"; exit 0 ;; esac',
      ...claims.map((c) => "  " + c),
      "fi",
    ].join("\n");
    const out = await runOk(exec, script);
    const error = out.split("\n").find((l) => l.startsWith("@@error"));
    if (error) throw new Error(`submitting to Slurm on ${exec.label}: ${error.slice(8)}`);
    const seen = new Map(out.trim().split("\n").map((l) => l.split(" ")).map(([id, what, job, attempt]) => [id!, { what: what!, job: job!, attempt }]));
    return runs.map((r) => {
      const s = seen.get(r.runId);
      if (!s || s.what === "error") throw new Error(`could not submit run ${r.runId} on ${exec.label}: ${out.trim() || "no answer"}`);
      const existing = s.what === "running" ? "running" : s.what === "succeeded" ? "succeeded" : undefined;
      return { runId: r.runId, dir: r.dir, jobId: s.job === "-" ? undefined : validJobId(s.job, `${r.dir}/${SLURM_CLAIM}`), existing, attempt: s.attempt || undefined };
    });
  }

  /**
   * squeue (every job of the user) is the liveness oracle: if it fails, every run reads "unanswered"
   * and keeps its state. scontrol and sacct only add detail about jobs that ended (an aged-out job id
   * makes them fail, which says nothing about the controller).
   */
  async poll(given: RunHandle[]): Promise<PolledState[]> {
    if (given.length === 0) return [];
    // The run folder's claim is the host's word on the CURRENT attempt (another client may have launched
    // or rerun it since this one recorded a job id); then the job's own note; then the store's record.
    const runs = await mapLimit(given, 8, async (r) => {
      for (const name of [SLURM_CLAIM, "slurm_job"]) {
        const text = (await this.layout.exec.readFrom(posix.join(r.dir, name), 0))?.toString("utf8").trim();
        if (!text) continue;
        if (JOB_ID.test(text)) return { ...r, jobId: text };
        return { ...r, jobId: undefined, bad: `${name} holds ${JSON.stringify(text.slice(0, 40))}, not a Slurm job id` };
      }
      if (r.jobId && !JOB_ID.test(r.jobId)) return { ...r, jobId: undefined, bad: `the store's job id ${JSON.stringify(r.jobId.slice(0, 40))} is not a Slurm job id` };
      return r;
    });
    const arrays = [...new Set(runs.map((r) => r.jobId?.split("_")[0]).filter((j): j is string => !!j))];
    const text = arrays.length ? await runOk(this.layout.exec, loginShell(pollScript(arrays))) : "";
    const answered = !text.includes("@@squeue-failed");
    const infos = parseSlurmPoll(text);
    return mapLimit(runs, 8, async (r) => {
      const status = await readStatus(this.layout, r.dir);
      const view: ProcessView = r.jobId && !answered ? { kind: "unanswered", detail: "squeue did not answer" } : processViewOf(r.jobId ? infos.get(r.jobId) : undefined);
      const polled = combineState(r.runId, "bad" in r && r.bad ? { kind: "unknown", detail: r.bad } : view, status);
      return polled;
    });
  }

  async cancel(run: RunHandle): Promise<void> {
    // The run folder's claim names the current attempt's job (this client may have recorded none, or an older one).
    const claimed = (await this.layout.exec.readFrom(posix.join(run.dir, SLURM_CLAIM), 0))?.toString("utf8").trim() || undefined;
    const jobId = validJobId(claimed ?? run.jobId, claimed ? posix.join(run.dir, SLURM_CLAIM) : `run ${run.runId}`);
    if (!jobId) throw new Error(`run ${run.runId} has no Slurm job id to cancel (none recorded, none in ${posix.join(run.dir, SLURM_CLAIM)})`);
    await runOk(this.layout.exec, loginShell(command(["scancel", jobId])));
  }
}

function pollScript(arrays: string[]): string {
  for (const a of arrays) validJobId(a, "poll");
  return [
    "echo @@squeue",
    `squeue -h -r -u "$(id -un)" -o '%i|%T|%r' || echo @@squeue-failed`,
    "echo @@scontrol",
    ...arrays.map((a) => `scontrol -o show job ${shellQuote(a)} 2>/dev/null || true`),
    "echo @@sacct",
    `sacct -n -P -X -j ${shellQuote(arrays.join(","))} -o JobID,State,ExitCode 2>/dev/null || true`,
  ].join("\n");
}
