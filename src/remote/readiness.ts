/**
 * Can this host's trainer start? The doctor's report (doctor.ts) reduced to one answer and one sentence, for
 * the pre-flight before a launch (a run that cannot import torch would only fail minutes later, one by one)
 * and for the Hosts view. The fix is phrased for both front ends: the editor command and the CLI.
 */
import type { DoctorReport } from "./doctor";

/** What the trainer imports at start (python/syllabus_trainer/deps.py REQUIRED). */
export const TRAINER_PACKAGES = ["torch", "transformers", "peft", "numpy"] as const;

export interface Readiness {
  ready: boolean;
  /** Why not, in one sentence (absent when ready). */
  problem?: string;
  /** What to do about it (absent when ready). */
  fix?: string;
}

export function trainerReadiness(r: DoctorReport, opts: { python: string; local: boolean }): Readiness {
  const fix = opts.local
    ? 'run "Syllabus: Set Up Local Trainer" (or set syllabus.pythonPath to a Python that has them); from a terminal: `syllabus setup local`'
    : `run \`syllabus setup FILE --host ${r.host}\` (or set \`python\` in the host block)`;
  if (!r.reachable) return { ready: false, problem: `${r.host} is unreachable: ${r.error ?? "no answer"}`, fix: "check the host's ssh settings (Syllabus: Check Host)" };
  if (!r.python) return { ready: false, problem: `${opts.python} does not run on ${r.host}${r.error ? ` (${r.error})` : ""}`, fix };
  const missing = TRAINER_PACKAGES.filter((p) => !r.packages[p]);
  if (missing.length) return { ready: false, problem: `the trainer on ${r.host} cannot import ${missing.join(", ")} (Python ${r.python} at ${opts.python})`, fix };
  return { ready: true };
}
