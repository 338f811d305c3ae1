/**
 * What Slurm accepts in each field of a `slurm { … }` scheduler block. One set of rules for the
 * language's `check` (errors at file:line) and for the launcher, which refuses anything else before it
 * reaches an `#SBATCH` line: an `#SBATCH` line is split on whitespace, so "gpu --chdir=/" in a partition
 * would become a second option.
 */

export type SlurmField = "partition" | "gres" | "time" | "account" | "qos";

export function slurmTimeProblem(s: string): string | undefined {
  const t = s.trim();
  if (/^(UNLIMITED|INFINITE)$/i.test(t)) return undefined;
  const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(t);
  if (!m) return "use minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS";
  const [, days, a, b, c] = m;
  if (days !== undefined) {
    if (Number(a) > 23) return "hours after `D-` must be 0…23";
    if (b !== undefined && Number(b) > 59) return "minutes must be 0…59";
    if (c !== undefined && Number(c) > 59) return "seconds must be 0…59";
    return undefined;
  }
  if (c !== undefined) {
    if (Number(b) > 59 || Number(c) > 59) return "minutes and seconds must be 0…59";
  } else if (b !== undefined && Number(b) > 59) return "seconds must be 0…59";
  return undefined;
}

export function slurmGresProblem(s: string): string | undefined {
  const bad = s.split(",").find((part) => part.trim() === "" || !/^[A-Za-z][\w-]*(?::[A-Za-z0-9_.-]+)?(?::\d+[KMGT]?)?$/.test(part.trim()));
  return bad === undefined ? undefined : 'each entry is `name[:type][:count]`, e.g. "gpu:1" or "gpu:a100:2"';
}

/** Partition, account and QOS names (a partition may be a comma-separated list). */
export function slurmNameProblem(s: string): string | undefined {
  return /^[\w.,+-]+$/.test(s) && !s.startsWith("-") ? undefined : "no spaces or special characters (letters, digits, _ . , + -), not starting with '-'";
}

export function slurmFieldProblem(field: SlurmField, value: string): string | undefined {
  if (/[\r\n]/.test(value) || value.trim() !== value || value === "") return "a single word on one line";
  switch (field) {
    case "time":
      return slurmTimeProblem(value);
    case "gres":
      return slurmGresProblem(value);
    default:
      return slurmNameProblem(value);
  }
}

/**
 * Extra sbatch options a `slurm { options = [...] }` list may hold: only these, each `--name=value` with a
 * value of the given shape. Everything Syllabus sets itself (--array, --output, --chdir, --wrap,
 * --job-name, --signal, --requeue…) is absent on purpose: it would break the launcher's claims.
 */
export const SLURM_EXTRA_OPTIONS: Record<string, RegExp> = {
  "--mem": /^\d+[KMGT]?$/,
  "--mem-per-cpu": /^\d+[KMGT]?$/,
  "--mem-per-gpu": /^\d+[KMGT]?$/,
  "--cpus-per-task": /^\d+$/,
  "--cpus-per-gpu": /^\d+$/,
  "--gpus": /^([A-Za-z0-9_-]+:)?\d+$/,
  "--gpus-per-task": /^([A-Za-z0-9_-]+:)?\d+$/,
  "--constraint": /^[A-Za-z0-9_.&|,:*\[\]()-]+$/,
  "--exclude": /^[A-Za-z0-9_.,\[\]-]+$/,
  "--nodelist": /^[A-Za-z0-9_.,\[\]-]+$/,
  "--reservation": /^[A-Za-z0-9_.-]+$/,
  "--nice": /^-?\d+$/,
  "--mail-type": /^[A-Z_,]+$/,
  "--mail-user": /^[A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+$/,
  "--tmp": /^\d+[KMGT]?$/,
};

export function slurmOptionProblem(option: string): string | undefined {
  const m = /^(--[a-z-]+)=(.*)$/.exec(option);
  const allowed = Object.keys(SLURM_EXTRA_OPTIONS).join(", ");
  if (!m) return `write \`--name=value\`, one of: ${allowed}`;
  const rule = SLURM_EXTRA_OPTIONS[m[1]!];
  if (!rule) return `${m[1]} is not an option Syllabus passes on (allowed: ${allowed})`;
  if (!rule.test(m[2]!)) return `${JSON.stringify(m[2])} is not a valid value for ${m[1]}`;
  return undefined;
}
