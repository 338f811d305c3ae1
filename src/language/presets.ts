/**
 * The published study's models as named presets (Yang et al. 2024, Table 2 for lr/batch/accumulate; App. B
 * for QLoRA: nf4, LoRA r16/α64/dropout 0.1, linear schedule, warmup 0, weight decay 0, grad clip 1.0, one
 * epoch, max length 512, paged 8-bit AdamW as in the published code), so a replication config is short:
 * `model tiny { preset = tinyllama }` or `models = [study.tinyllama]`.
 * `tiny-random-llama` is a randomly initialised tiny Llama built from a config (no download) for tests and
 * the demo; it runs on CPU, hence no quantization and plain AdamW.
 */
import type { LlmModel } from "../core/experiment/model";

export type ModelSettings = Omit<LlmModel, "name">;

const STUDY_COMMON = {
  quantize: "nf4" as const,
  lora: { r: 16, alpha: 64, dropout: 0.1 },
  maxLength: 512,
};
const STUDY_OPTIM = {
  schedule: "linear" as const,
  warmup: 0,
  weightDecay: 0,
  gradClip: 1.0,
  epochs: 1,
  optimizer: "paged_adamw_8bit" as const,
};

export interface Preset {
  name: string;
  doc: string;
  settings: ModelSettings;
}

export const PRESETS: Preset[] = [
  {
    name: "tinyllama",
    doc: "TinyLlama 1.1B chat v0.4 as in the study: lr 5e-4, batch 16, accumulate 1 (effective batch 16).",
    settings: { hf: "TinyLlama/TinyLlama-1.1B-Chat-v0.4", ...STUDY_COMMON, optim: { lr: 5e-4, batch: 16, accumulate: 1, ...STUDY_OPTIM } },
  },
  {
    name: "llama2-7b",
    doc: "Llama 2 7B chat as in the study: lr 5e-5 (the paper's value; a code comment says 1e-4 for LEK), batch 4, accumulate 2.",
    settings: { hf: "meta-llama/Llama-2-7b-chat-hf", ...STUDY_COMMON, optim: { lr: 5e-5, batch: 4, accumulate: 2, ...STUDY_OPTIM } },
  },
  {
    name: "llama2-13b",
    doc: "Llama 2 13B chat as in the study: lr 1e-4, batch 4, accumulate 2.",
    settings: { hf: "meta-llama/Llama-2-13b-chat-hf", ...STUDY_COMMON, optim: { lr: 1e-4, batch: 4, accumulate: 2, ...STUDY_OPTIM } },
  },
  {
    name: "mistral-7b",
    doc: "Mistral 7B (base) as in the study: lr 1e-4, batch 4, accumulate 2.",
    settings: { hf: "mistralai/Mistral-7B-v0.1", ...STUDY_COMMON, optim: { lr: 1e-4, batch: 4, accumulate: 2, ...STUDY_OPTIM } },
  },
  {
    name: "tiny-random-llama",
    doc: "A tiny randomly initialised Llama built from a config (no download): for tests and the demo, runs on CPU.",
    settings: {
      hf: "tiny-random-llama",
      quantize: "none",
      lora: { r: 16, alpha: 64, dropout: 0.1 },
      maxLength: 256,
      optim: { lr: 1e-3, batch: 4, accumulate: 1, schedule: "linear", warmup: 0, weightDecay: 0, gradClip: 1.0, epochs: 1, optimizer: "adamw" },
    },
  },
];

export const PRESET_BY_NAME = new Map(PRESETS.map((p) => [p.name, p]));

/** Namespace for presets used directly as references: `models = [study.tinyllama]`. */
export const STUDY_NAMESPACE = "study";

export function presetSettings(name: string): ModelSettings | undefined {
  const p = PRESET_BY_NAME.get(name);
  return p ? structuredClone(p.settings) : undefined;
}
