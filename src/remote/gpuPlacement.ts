/**
 * GPU placement for `direct`/`local` hosts, as pure functions: which GPUs a host has, how much memory a
 * run will need (the measured peak of earlier runs of the same shape, from their result.json), and the
 * arguments of the host-side placement script (gpuScript.ts) that picks a free GPU when the run starts.
 *
 * Why at start time on the host, not at launch time here: runs queue behind the concurrency limit and
 * finish in any order, so only the host knows which GPU is free when a run's turn comes (the same reason
 * the slot wrapper lives there). This module decides what the script is told; the script applies
 * `chooseGpu`'s rule, which is mirrored here so the rule has unit tests.
 *
 * Default: one run per GPU (a run of unknown size takes a whole GPU). Several runs share a GPU only when
 * each one's need is known and their needs fit the GPU's memory together.
 */
import type { HostModel } from "../core/experiment/model";
import type { RunSpec, TrainerResult } from "../core/runs/bundle";

export interface GpuInfo {
  /** CUDA device index on the host (what CUDA_VISIBLE_DEVICES names). */
  index: number;
  /** Total memory in MiB, when known. */
  memoryMiB?: number;
}

/** A finished run's shape and its measured peak, for estimating the next run's need. */
export interface MeasuredRun {
  spec: RunSpec;
  result: Pick<TrainerResult, "peakMemoryBytes" | "device">;
}

/**
 * Headroom over the measured peak: `peakMemoryBytes` is torch's max_memory_allocated, which leaves out
 * the CUDA context (~0.5 GiB), the allocator's cached-but-free blocks and fragmentation.
 */
export const NEED_FACTOR = 1.25;
export const NEED_OVERHEAD_MIB = 1024;

/** `nvidia-smi --query-gpu=index,memory.total --format=csv,noheader,nounits` → GPUs ("0, 81559"). */
export function parseNvidiaSmi(text: string): GpuInfo[] {
  const out: GpuInfo[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(line);
    if (m) out.push({ index: Number(m[1]), memoryMiB: Number(m[2]) });
  }
  return out;
}

/**
 * The host's GPUs: a declared count wins (devices 0..N-1, `gpu_memory` or the discovered memory of the
 * same index); otherwise what nvidia-smi found. `gpus = 0` declares a host without GPUs.
 */
export function hostGpus(host: Pick<HostModel, "gpus" | "gpuMemoryGiB">, discovered: GpuInfo[] = []): GpuInfo[] {
  if (host.gpus === undefined) {
    return discovered.map((g) => (host.gpuMemoryGiB ? { index: g.index, memoryMiB: Math.round(host.gpuMemoryGiB * 1024) } : g));
  }
  return Array.from({ length: host.gpus }, (_, index) => {
    const memoryMiB = host.gpuMemoryGiB ? Math.round(host.gpuMemoryGiB * 1024) : discovered.find((g) => g.index === index)?.memoryMiB;
    return memoryMiB ? { index, memoryMiB } : { index };
  });
}

/** What decides a run's GPU memory: the model and its precision, the sequence budget, the batch, LoRA. */
export function memoryKey(spec: RunSpec): string {
  const m = spec.model;
  return JSON.stringify([m.hf, m.quantize, m.maxLength, m.prompt ?? "study", spec.optim.batch, m.lora.r, m.lora.targets ?? null, m.gradientCheckpointing ?? null, spec.optim.optimizer]);
}

/**
 * MiB a run will need on a GPU: the largest measured peak of earlier CUDA runs with the same memory key,
 * with headroom; undefined when none has been measured (then the run takes a whole GPU).
 */
export function estimateNeedMiB(spec: RunSpec, history: readonly MeasuredRun[]): number | undefined {
  const key = memoryKey(spec);
  let peak = 0;
  for (const h of history) {
    if (h.result.device === "cpu" || h.result.peakMemoryBytes <= 0) continue; // CPU RSS says nothing of a GPU
    if (memoryKey(h.spec) === key) peak = Math.max(peak, h.result.peakMemoryBytes);
  }
  return peak > 0 ? Math.ceil((peak / 2 ** 20) * NEED_FACTOR + NEED_OVERHEAD_MIB) : undefined;
}

/** A run already placed on a GPU (a line of the host's ledger). */
export interface Placed {
  gpu: number;
  needMiB: number;
}

/**
 * The rule the host script applies: among GPUs where the run fits next to what is already placed, the one
 * with the most free memory; undefined = wait. A need of 0 (unknown) takes a whole GPU, as does any run on
 * a GPU of unknown memory.
 */
export function chooseGpu(gpus: readonly GpuInfo[], placed: readonly Placed[], needMiB: number): number | undefined {
  let best: number | undefined;
  let bestFree = -1;
  for (const g of gpus) {
    const memory = g.memoryMiB ?? 1;
    const need = needMiB > 0 && g.memoryMiB ? needMiB : memory;
    const used = placed.filter((p) => p.gpu === g.index).reduce((s, p) => s + p.needMiB, 0);
    const free = memory - used;
    if (need <= free && free > bestFree) {
      best = g.index;
      bestFree = free;
    }
  }
  return best;
}

/** Need as the script takes it: MiB, or 0 for "a whole GPU" (unknown, or larger than every GPU). */
export function scriptNeed(gpus: readonly GpuInfo[], needMiB: number | undefined): number {
  if (needMiB === undefined) return 0;
  const largest = Math.max(0, ...gpus.map((g) => g.memoryMiB ?? 0));
  return needMiB < largest ? needMiB : 0;
}

/** The script's GPU arguments: `INDEX:MEMORY_MIB` (memory 0 = unknown: one run on it at a time). */
export function gpuArgs(gpus: readonly GpuInfo[]): string[] {
  return gpus.map((g) => `${g.index}:${g.memoryMiB ?? 0}`);
}

/**
 * How many runs the GPUs can hold at once given these needs (the smallest need packs the most): the slot
 * wrapper's limit is raised to this, so the GPUs and not `max_concurrent` are what limits a GPU host.
 */
export function gpuCapacity(gpus: readonly GpuInfo[], needsMiB: readonly (number | undefined)[]): number {
  const known = needsMiB.filter((n): n is number => n !== undefined && n > 0);
  const smallest = known.length === needsMiB.length && known.length ? Math.min(...known) : undefined;
  return gpus.reduce((sum, g) => sum + (smallest && g.memoryMiB ? Math.max(1, Math.floor(g.memoryMiB / smallest)) : 1), 0);
}
