/**
 * A host's health check, as every front end shows it: the doctor's probe result (src/remote/doctor.ts measures
 * it; its DoctorReport has these fields) turned into named checks with a verdict and a detail line — the Hosts
 * view and `syllabus doctor` alike.
 */

/** What the checks read from a doctor report. */
export interface DoctorFacts {
  reachable: boolean;
  error?: string;
  python?: string;
  packages: Record<string, string | null>;
  cuda?: { available: boolean; version?: string | null; devices: string[] };
  freeDiskBytes?: number;
  workdir: string;
}

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Below this much free disk in the work folder a run's checkpoints and adapters may not fit. */
const MIN_FREE_DISK_BYTES = 5 * 2 ** 30;

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

export function doctorChecks(r: DoctorFacts): DoctorCheck[] {
  const checks: DoctorCheck[] = [{ name: "reachable", ok: r.reachable, detail: r.error ?? "" }];
  if (!r.reachable) return checks;
  checks.push({ name: "python", ok: !!r.python, detail: r.python ?? r.error ?? "not found" });
  for (const [name, version] of Object.entries(r.packages)) if (name !== "bitsandbytes" || version) checks.push({ name, ok: version !== null, detail: version ?? "missing (syllabus setup installs it)" });
  if (r.cuda) checks.push({ name: "cuda", ok: r.cuda.available, detail: r.cuda.available ? r.cuda.devices.join(", ") || (r.cuda.version ?? "") : "no GPU: training runs on CPU (slow)" });
  if (r.freeDiskBytes !== undefined) checks.push({ name: "disk", ok: r.freeDiskBytes > MIN_FREE_DISK_BYTES, detail: `${gib(r.freeDiskBytes)} free in ${r.workdir}` });
  return checks;
}
