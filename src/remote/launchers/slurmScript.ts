/**
 * The sbatch script of one grid: ONE job array (one task per run) with a `%` concurrency limit, explicit
 * `--output`, the partition/gres/time/account/qos of the host's scheduler block, `--requeue` (the
 * trainer resumes from its checkpoint) and `--signal=B:USR1@120` (the trainer checkpoints on USR1 before
 * a time limit or preemption). Pure text, tested apart from submission.
 */
import type { SchedulerModel } from "../../core/experiment/model";
import { slurmFieldProblem, slurmOptionProblem, type SlurmField } from "../../core/experiment/slurmFields";
import { shellQuote } from "../quote";

export type SlurmConfig = Extract<SchedulerModel, { type: "slurm" }>;

export interface SlurmScriptInput {
  name: string;
  /** Absolute run folders; task i runs dirs[i]. */
  dirs: string[];
  /** The host workdir; sbatch is run in `<workdir>/slurm`, where the --output files go. */
  workdir: string;
  python: string;
  trainerPath: string;
  config: SlurmConfig;
  /** Replace the trainer command (tests); the run folder is appended. */
  trainerArgv?: string[];
  env?: Record<string, string>;
}

/** Each field by its own rule (slurmFields.ts): a value that could smuggle in another option is refused. */
function directiveValue(field: SlurmField, v: string): string {
  const problem = slurmFieldProblem(field, v);
  if (problem) throw new Error(`scheduler slurm › ${field} = ${JSON.stringify(v)} cannot go into an #SBATCH line: ${problem}`);
  return v;
}

export function slurmScript(input: SlurmScriptInput): string {
  const { config: c, dirs } = input;
  if (dirs.length === 0) throw new Error("slurmScript: no runs");
  const name = input.name.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 64) || "syllabus";
  const limit = c.maxConcurrent ? `%${c.maxConcurrent}` : "";
  const sb = (opt: string) => `#SBATCH ${opt}`;
  const lines = [
    "#!/bin/bash",
    sb(`--job-name=syllabus-${name}`),
    sb(`--array=0-${dirs.length - 1}${limit}`),
    // Relative to the submission folder <workdir>/slurm (sbatch runs there): #SBATCH lines are split on
    // whitespace, so an absolute path with a space in it would break the directive.
    sb("--output=%A_%a.out"),
    ...(c.partition ? [sb(`--partition=${directiveValue("partition", c.partition)}`)] : []),
    ...(c.gres ? [sb(`--gres=${directiveValue("gres", c.gres)}`)] : []),
    ...(c.time ? [sb(`--time=${directiveValue("time", c.time)}`)] : []),
    ...(c.account ? [sb(`--account=${directiveValue("account", c.account)}`)] : []),
    ...(c.qos ? [sb(`--qos=${directiveValue("qos", c.qos)}`)] : []),
    ...(c.options ?? []).map((o) => {
      const problem = slurmOptionProblem(o);
      if (problem) throw new Error(`scheduler slurm › options: ${JSON.stringify(o)} cannot go into an #SBATCH line: ${problem}`);
      return sb(o);
    }),
    sb("--requeue"),
    sb("--open-mode=append"),
    sb("--signal=B:USR1@120"),
    "set -u",
    "RUNS=(",
    ...dirs.map((d) => `  ${shellQuote(d)}`),
    ")",
    'DIR="${RUNS[$SLURM_ARRAY_TASK_ID]}"',
    'echo "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}" > "$DIR/slurm_job"',
    "# The run's claim (see claim.ts): held by the trainer below; a second job of the same run never trains beside it.",
    'exec 8>>"$DIR/run.lock"',
    'if command -v flock >/dev/null 2>&1 && ! flock -n 8; then echo "syllabus: another attempt holds this run; this task starts nothing" >&2; exit 0; fi',
    `export PYTHONPATH=${shellQuote(input.trainerPath)}`,
    "export PYTHONUNBUFFERED=1",
    ...Object.entries(input.env ?? {}).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    'cd "$DIR"',
    "# exec: the trainer itself receives Slurm's USR1 (checkpoint) and scancel's TERM (cancel).",
    `exec ${(input.trainerArgv ?? [input.python, "-m", "syllabus_trainer", "train"]).map(shellQuote).join(" ")} "$DIR" >> "$DIR/launcher.log" 2>&1`,
    "",
  ];
  return lines.join("\n");
}
