/** GPU placement rules (pure): discovery parsing, declared GPUs, memory estimates from earlier runs, the choice rule. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { RunSpec } from "../../src/core/runs/bundle";
import { chooseGpu, estimateNeedMiB, gpuArgs, gpuCapacity, hostGpus, memoryKey, NEED_FACTOR, NEED_OVERHEAD_MIB, parseNvidiaSmi, scriptNeed } from "../../src/remote/gpuPlacement";

const GiB = 2 ** 30;

function spec(over: { hf?: string; batch?: number; maxLength?: number; gradientCheckpointing?: boolean } = {}): RunSpec {
  return RunSpec.parse({
    schemaVersion: 1,
    runId: "r",
    model: { hf: over.hf ?? "meta-llama/Llama-2-7b-chat-hf", quantize: "nf4", lora: { r: 16, alpha: 64, dropout: 0.1 }, maxLength: over.maxLength ?? 512, ...(over.gradientCheckpointing === undefined ? {} : { gradientCheckpointing: over.gradientCheckpointing }) },
    optim: { lr: 5e-5, batch: over.batch ?? 4, accumulate: 2, schedule: "linear", warmup: 0, weightDecay: 0, gradClip: 1, epochs: 1, optimizer: "paged_adamw_8bit" },
    seed: 1,
    train: "train.jsonl",
    eval: [],
    checkpointEvery: 0,
    logEvery: 1,
  });
}

test("nvidia-smi's index,memory.total lines become GPUs; noise is ignored", () => {
  assert.deepEqual(parseNvidiaSmi("0, 81559\n1, 81559\n\nNVIDIA-SMI has failed\n"), [
    { index: 0, memoryMiB: 81559 },
    { index: 1, memoryMiB: 81559 },
  ]);
  assert.deepEqual(parseNvidiaSmi(""), []);
});

test("a declared GPU count wins over discovery; gpu_memory fills in memory", () => {
  const found = [{ index: 0, memoryMiB: 24000 }, { index: 1, memoryMiB: 24000 }];
  assert.deepEqual(hostGpus({}, found), found);
  assert.deepEqual(hostGpus({ gpus: 3 }, found), [{ index: 0, memoryMiB: 24000 }, { index: 1, memoryMiB: 24000 }, { index: 2 }]);
  assert.deepEqual(hostGpus({ gpus: 2, gpuMemoryGiB: 80 }), [{ index: 0, memoryMiB: 81920 }, { index: 1, memoryMiB: 81920 }]);
  assert.deepEqual(hostGpus({ gpus: 0 }, found), []);
  assert.deepEqual(gpuArgs(hostGpus({ gpus: 2 })), ["0:0", "1:0"]);
});

test("the need is the largest measured peak of the same shape on a GPU, with headroom; other shapes and CPU runs do not count", () => {
  const history = [
    { spec: spec(), result: { peakMemoryBytes: 10 * GiB, device: "NVIDIA H100 80GB HBM3" } },
    { spec: spec(), result: { peakMemoryBytes: 12 * GiB, device: "NVIDIA H100 80GB HBM3" } },
    { spec: spec({ batch: 16 }), result: { peakMemoryBytes: 40 * GiB, device: "NVIDIA H100 80GB HBM3" } },
    { spec: spec({ maxLength: 1024 }), result: { peakMemoryBytes: 30 * GiB, device: "NVIDIA H100 80GB HBM3" } },
    { spec: spec(), result: { peakMemoryBytes: 60 * GiB, device: "cpu" } },
  ];
  assert.equal(estimateNeedMiB(spec(), history), Math.ceil(12 * 1024 * NEED_FACTOR + NEED_OVERHEAD_MIB));
  assert.equal(estimateNeedMiB(spec({ batch: 16 }), history), Math.ceil(40 * 1024 * NEED_FACTOR + NEED_OVERHEAD_MIB));
  assert.equal(estimateNeedMiB(spec({ hf: "mistralai/Mistral-7B-v0.1" }), history), undefined);
  // checkpointing changes memory: a different shape
  assert.notEqual(memoryKey(spec({ gradientCheckpointing: false })), memoryKey(spec()));
});

test("unknown needs take a whole GPU: one run per GPU", () => {
  const gpus = hostGpus({ gpus: 2, gpuMemoryGiB: 80 });
  assert.equal(chooseGpu(gpus, [], 0), 0);
  assert.equal(chooseGpu(gpus, [{ gpu: 0, needMiB: 81920 }], 0), 1);
  assert.equal(chooseGpu(gpus, [{ gpu: 0, needMiB: 81920 }, { gpu: 1, needMiB: 81920 }], 0), undefined);
  // GPUs of unknown memory: one run each, whatever the need says
  const unknown = hostGpus({ gpus: 2 });
  assert.equal(chooseGpu(unknown, [{ gpu: 0, needMiB: 1 }], 5000), 1);
  assert.equal(chooseGpu(unknown, [{ gpu: 0, needMiB: 1 }, { gpu: 1, needMiB: 1 }], 5000), undefined);
});

test("known small needs share a GPU while they fit, spreading to the emptiest GPU first", () => {
  const gpus = hostGpus({ gpus: 2, gpuMemoryGiB: 80 }); // 81920 MiB each
  const placed: { gpu: number; needMiB: number }[] = [];
  for (let i = 0; i < 8; i++) {
    const g = chooseGpu(gpus, placed, 16384);
    if (g === undefined) break;
    placed.push({ gpu: g, needMiB: 16384 });
  }
  assert.deepEqual(placed.map((p) => p.gpu), [0, 1, 0, 1, 0, 1, 0, 1]); // 4 × 16 GiB fit in 80 GiB, twice
  assert.equal(chooseGpu(gpus, placed, 16384), 0); // a 5th still fits (81920 - 65536 = 16384): equal room, the first GPU
  assert.equal(chooseGpu(gpus, [...placed, { gpu: 0, needMiB: 16384 }, { gpu: 1, needMiB: 16384 }], 16384), undefined);
  // a large run does not squeeze in next to small ones
  assert.equal(chooseGpu(gpus, [{ gpu: 0, needMiB: 30000 }, { gpu: 1, needMiB: 30000 }], 60000), undefined);
});

test("the script's need: 0 (whole GPU) when unknown or larger than every GPU; capacity counts what the GPUs hold", () => {
  const gpus = hostGpus({ gpus: 2, gpuMemoryGiB: 80 });
  assert.equal(scriptNeed(gpus, undefined), 0);
  assert.equal(scriptNeed(gpus, 90000), 0);
  assert.equal(scriptNeed(gpus, 16000), 16000);
  assert.equal(gpuCapacity(gpus, [undefined, 16000]), 2);
  assert.equal(gpuCapacity(gpus, [16384, 20000]), 10);
  assert.equal(gpuCapacity(hostGpus({ gpus: 3 }), [16384]), 3);
});

test("doctor reports each GPU's index and memory from nvidia-smi (a stand-in nvidia-smi: this machine has no GPU)", async () => {
  const { mkdtempSync, writeFileSync, chmodSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { LocalExec } = await import("../../src/remote/exec");
  const { doctor } = await import("../../src/remote/doctor");
  const bin = mkdtempSync(join(tmpdir(), "syllabus-smi-"));
  // answers the query doctor sends, as the real tool prints it
  writeFileSync(join(bin, "nvidia-smi"), '#!/bin/sh\ncase "$*" in *index,memory.total,name*) printf "0, 81559, NVIDIA H100 80GB HBM3\\n1, 81559, NVIDIA H100 80GB HBM3\\n";; esac\n');
  chmodSync(join(bin, "nvidia-smi"), 0o755);
  const exec = new LocalExec("local", { ...process.env, PATH: `${bin}:${process.env.PATH}` });
  const r = await doctor(exec, { python: "/bin/false", workdir: bin });
  assert.deepEqual(r.gpus, ["NVIDIA H100 80GB HBM3", "NVIDIA H100 80GB HBM3"]);
  assert.deepEqual(r.gpuDevices, [{ index: 0, memoryMiB: 81559 }, { index: 1, memoryMiB: 81559 }]);
});
