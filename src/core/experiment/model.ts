/**
 * The resolved, typed experiment model: what a `.syllabus` file means once parsed, name-resolved and
 * validated. It is the ONE model that `plan`, `run`, the tree view and the reports consume; the language
 * (src/language) produces it, nothing else needs to know the syntax. zod validates it at the boundary.
 * Paths here are absolute (resolved against the config file's folder).
 */
import { z } from "zod";
import { STRATEGIES } from "../ordering/types";

export const SchedulerModel = z.discriminatedUnion("type", [
  z.object({ type: z.literal("direct"), maxConcurrent: z.number().int().positive().default(1) }),
  z.object({
    type: z.literal("slurm"),
    partition: z.string().optional(),
    gres: z.string().optional(),
    time: z.string().optional(),
    account: z.string().optional(),
    qos: z.string().optional(),
    /** Extra `--name=value` sbatch options from an explicit list (slurmFields.ts). */
    options: z.array(z.string()).optional(),
    /** `%` concurrency limit of the job array. */
    maxConcurrent: z.number().int().positive().optional(),
  }),
]);
export type SchedulerModel = z.infer<typeof SchedulerModel>;

export const HostModel = z.object({
  name: z.string(),
  /** `local` runs on this machine (the demo's embedded default host); `ssh` needs `ssh`. */
  kind: z.enum(["local", "ssh"]),
  /** user@host[:port] or an alias from ~/.ssh/config. */
  ssh: z.string().optional(),
  scheduler: SchedulerModel,
  python: z.string().optional(),
  workdir: z.string().optional(),
  /** Declared CUDA GPUs (devices 0..N-1); absent: discovered with nvidia-smi at launch (direct hosts). */
  gpus: z.number().int().min(0).optional(),
  /** GiB of each GPU, for packing several runs onto one. */
  gpuMemoryGiB: z.number().positive().optional(),
});
export type HostModel = z.infer<typeof HostModel>;

export const DifficultySource = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("column"), column: z.string() }),
  z.object({ kind: z.literal("scores"), file: z.string(), by: z.enum(["id", "row"]) }),
  z.object({ kind: z.literal("human_answer_share") }),
  /** Per-model letter-probability JSONL files (from `syllabus_trainer score` or an API). */
  z.object({ kind: z.literal("llm_ensemble"), files: z.array(z.string()).min(1) }),
]);
export type DifficultySource = z.infer<typeof DifficultySource>;

export const DatasetFormat = z.enum(["medqa", "medmcqa", "lek", "csv", "jsonl"]);
export type DatasetFormat = z.infer<typeof DatasetFormat>;

export const DatasetModel = z.object({
  name: z.string(),
  format: DatasetFormat,
  train: z.string().optional(),
  test: z.string().optional(),
  /** Column mapping for generic csv/jsonl: id, question, options (A..E), answer, category. */
  columns: z.record(z.string()).optional(),
  category: z.object({ column: z.string() }).optional(),
  difficulty: DifficultySource.optional(),
  /** MedMCQA `cop` base: 1 in the original files, 0 in the Hugging Face export. */
  copBase: z.union([z.literal(0), z.literal(1)]).optional(),
  /** Only the first N questions of each file (a quick subset). */
  limit: z.number().int().positive().optional(),
  /** Files that are not public: where to get them (missing files are then expected, see ownFiles.ts). */
  bringYourOwn: z.string().optional(),
});
export type DatasetModel = z.infer<typeof DatasetModel>;

/** `study`: the paper's fine-tuning template (App. B); `plain`: the same without its instruction line. */
export const PromptStyle = z.enum(["study", "plain"]);
export type PromptStyle = z.infer<typeof PromptStyle>;

export const LlmModel = z.object({
  name: z.string(),
  /** Hub id, local folder, `tiny-random-llama` (built from a config, no download) or `smollm2-135m` (from a pip package, offline). */
  hf: z.string(),
  quantize: z.enum(["nf4", "none"]),
  lora: z.object({
    r: z.number().int().positive(),
    alpha: z.number().positive(),
    dropout: z.number().min(0).max(1),
    /** Adapt only the last N transformer layers (absent = all layers, as the study). */
    topLayers: z.number().int().positive().optional(),
  }),
  optim: z.object({
    lr: z.number().positive(),
    batch: z.number().int().positive(),
    accumulate: z.number().int().positive(),
    schedule: z.enum(["linear", "cosine", "constant"]),
    warmup: z.number().min(0),
    weightDecay: z.number().min(0),
    gradClip: z.number().min(0),
    epochs: z.number().int().positive(),
    optimizer: z.enum(["adamw", "paged_adamw_8bit"]),
  }),
  maxLength: z.number().int().positive(),
  /** The prompt of training and evaluation; absent = `study` (Yang et al. 2024, App. B). */
  prompt: PromptStyle.optional(),
  /** Absent: the trainer's default (on for nf4, off otherwise). */
  gradientCheckpointing: z.boolean().optional(),
});
export type LlmModel = z.infer<typeof LlmModel>;

export const CurriculumModel = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("strict") }),
  z.object({ mode: z.literal("buckets"), easy: z.number().min(0).max(1), medium: z.number().min(0).max(1) }),
]);
export type CurriculumModel = z.infer<typeof CurriculumModel>;

/** k-fold cross-validation of the training set (src/core/runs/folds.ts). */
export const CrossValidationModel = z.object({
  folds: z.number().int().min(2),
  /** Seed of the fold assignment; the same folds for every strategy and run seed. */
  seed: z.number().int().nonnegative(),
  stratify: z.enum(["none", "category"]),
});
export type CrossValidationModel = z.infer<typeof CrossValidationModel>;

export const ExperimentModel = z.object({
  name: z.string(),
  trainOn: z.string(),
  evaluate: z.array(z.string()).min(1),
  models: z.array(z.string()).min(1),
  strategies: z.array(z.enum(STRATEGIES)).min(1),
  /** The strategy every gain is measured against. */
  baseline: z.enum(STRATEGIES).default("random"),
  curriculum: CurriculumModel,
  categoryOrder: z.enum(["sorted", "size", "random"]).default("sorted"),
  /** Reproduce the published code's orders id for id. */
  reference: z.boolean().default(false),
  seeds: z.array(z.number().int().nonnegative()).min(1),
  host: z.string(),
  /** When set, runs are planned per fold and each is evaluated only on its held-out fold. */
  crossValidation: CrossValidationModel.optional(),
  /** Evaluation protocol of every run: option log-likelihood (the published code's) or greedy generation (the paper's text). */
  evalMode: z.enum(["loglik", "generate"]).default("loglik"),
});
export type ExperimentModel = z.infer<typeof ExperimentModel>;

/**
 * One table across experiments (`columns`: each experiment's eval sets become columns), or a per-strategy
 * comparison of two such tables (`compare`), e.g. human vs LLM difficulty (Yang et al. 2024, Fig. 2b).
 */
export const StudyModel = z.object({
  name: z.string(),
  title: z.string(),
  columns: z.array(z.string()).optional(),
  compare: z.tuple([z.string(), z.string()]).optional(),
  strategies: z.array(z.enum(STRATEGIES)).optional(),
  alpha: z.number().gt(0).max(1),
});
export type StudyModel = z.infer<typeof StudyModel>;

export const ResolvedConfig = z.object({
  /** Absolute path of the .syllabus file. */
  file: z.string(),
  hosts: z.record(HostModel),
  datasets: z.record(DatasetModel),
  models: z.record(LlmModel),
  experiments: z.record(ExperimentModel),
  studies: z.record(StudyModel).optional(),
});
export type ResolvedConfig = z.infer<typeof ResolvedConfig>;

/** The host every config has without declaring it: this machine. */
export const LOCAL_HOST: HostModel = { name: "local", kind: "local", scheduler: { type: "direct", maxConcurrent: 1 } };
