/**
 * The launcher contract: `submit` runs whose bundles are already staged on the host, `poll` their
 * states, `cancel` one. `local` and `direct` are the same code over different `Exec`s; `slurm` goes
 * through sbatch/squeue/scontrol/sacct/scancel. All host paths are absolute and quoted by quote.ts.
 */
import type { RunState } from "../../core/runs/bundle";
import type { LauncherKind } from "../../core/runs/store";
import type { Exec } from "../exec";

/** Where things live on a host, resolved once per host (absolute paths). */
export interface HostLayout {
  exec: Exec;
  workdir: string;
  /** Interpreter that runs `-m syllabus_trainer`. */
  python: string;
  /** Folder holding the `syllabus_trainer` package (goes on PYTHONPATH). */
  trainerPath: string;
  /** Extra environment for the trainer (HF_HOME…). */
  env?: Record<string, string>;
}

export interface StagedRun {
  runId: string;
  /** Absolute run folder on the host. */
  dir: string;
  /** Shell lines that put the bundle inputs in place (run by `submit` before starting the run). */
  prepare?: string[];
  /** GPU memory the run is expected to need (gpuPlacement.ts); absent: unknown, a whole GPU. */
  gpuNeedMiB?: number;
  /** This launch's attempt id (recorded on the host in launch.json before the process starts). */
  attempt?: string;
}

export interface SubmitOptions {
  /** Start again even a run whose folder says it already succeeded. */
  force?: boolean;
}

export interface RunHandle extends StagedRun {
  /**
   * Set when the host already had this run (direct/local check on the host, in the launch command
   * itself): it was left alone instead of being started twice.
   */
  existing?: "running" | "succeeded";
  /** Process group id (local/direct). */
  pid?: number;
  /** Slurm job id, `ARRAY_INDEX` form (e.g. `1234_5`). */
  jobId?: string;
}

export interface PolledState {
  runId: string;
  state: RunState;
  /** Why, when it is not what status.json says (e.g. "the process ended without a final status"). */
  message?: string;
  /** The raw scheduler / process view, for details panes. */
  detail?: string;
  /** The launcher could not tell (a scheduler query failed): the recorded state is kept, not replaced. */
  hold?: boolean;
  /** `state` is a conclusion from absence (no process/job known): recorded only after several polls agree. */
  unsure?: boolean;
}

export interface Launcher {
  readonly kind: LauncherKind;
  submit(runs: StagedRun[], opts?: SubmitOptions): Promise<RunHandle[]>;
  poll(runs: RunHandle[]): Promise<PolledState[]>;
  cancel(run: RunHandle): Promise<void>;
}
