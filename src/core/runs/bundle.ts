/**
 * The run bundle: the contract between Syllabus (TypeScript) and the trainer (python/syllabus_trainer).
 *
 * One folder per run. Syllabus writes run.json, train.jsonl and eval/<set>.jsonl; the trainer writes
 * status.json (atomically), events.jsonl (append-only), consumed.txt, predictions/<set>.jsonl,
 * result.json and log.txt. Every file is validated here with zod and on the Python side by
 * `syllabus_trainer/bundle.py`; both refuse a schemaVersion they do not know. Field names are camelCase
 * on both sides. python/syllabus_trainer/README.md describes the same contract in prose — keep the
 * three in step (test/core/runs/bundle.test.ts checks the trainer accepts what this module produces).
 *
 * zod was chosen because it is already the project's boundary validator (experiment/model.ts) and
 * gives field paths for error messages. The parse helpers work on text so callers can feed them
 * files read locally or over SFTP; `read*` wrappers read local files.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { DataError, type DataIssue } from "../errors";
import { PromptStyle } from "../experiment/model";

/** The only bundle schema version this Syllabus writes and reads. */
export const BUNDLE_SCHEMA_VERSION = 1 as const;

/**
 * The trainer's version; it is part of every run id (a new trainer means new runs). Duplicated from
 * python/syllabus_trainer/__init__.py `__version__`; a test checks that the two agree.
 */
export const TRAINER_VERSION = "0.1.0";

/** File and folder names inside a run folder. Paths in run.json are relative to the run folder. */
export const BUNDLE_FILES = {
  run: "run.json",
  train: "train.jsonl",
  evalDir: "eval",
  status: "status.json",
  events: "events.jsonl",
  consumed: "consumed.txt",
  predictionsDir: "predictions",
  result: "result.json",
  log: "log.txt",
  /** Latest resumable training state (adapter + optimizer + scheduler + RNG + position). */
  checkpointDir: "checkpoint",
  /** The final LoRA adapter (PEFT format), written when training ends. */
  adapterDir: "adapter",
} as const;

export function predictionsFile(evalSet: string): string {
  return `${BUNDLE_FILES.predictionsDir}/${evalSet}.jsonl`;
}

const LETTERS = ["A", "B", "C", "D", "E"] as const;
export const Letter = z.enum(LETTERS);
export type Letter = z.infer<typeof Letter>;

/** Names used in paths (eval sets): no separators, no dot-files. */
const SafeName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "use letters, digits, '_', '-', '.' (no '/' and not starting with '.')");
/** A path inside the run folder: relative, no '..'. */
const RelativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.split(/[\\/]/).includes(".."), "must be a path inside the run folder (relative, no '..')");
const IsoTime = z.string().datetime({ offset: true });

function schemaVersionField() {
  return z.literal(BUNDLE_SCHEMA_VERSION, {
    errorMap: (issue, ctx) =>
      issue.code === "invalid_literal"
        ? {
            message:
              `schemaVersion ${JSON.stringify(ctx.data)} is not supported: this Syllabus reads bundle schema ` +
              `${BUNDLE_SCHEMA_VERSION} (trainer ${TRAINER_VERSION}); use matching versions of Syllabus and the trainer`,
          }
        : { message: ctx.defaultError },
  });
}

// ───────────────────────────── run.json ─────────────────────────────

export const LoraSpec = z.object({
  r: z.number().int().positive(),
  alpha: z.number().positive(),
  dropout: z.number().min(0).max(1),
  /** Module names to adapt; default: all linear projections q,k,v,o,gate,up,down (the study's). */
  targets: z.array(z.string().min(1)).min(1).optional(),
  /** Adapt only the last N transformer layers (peft layers_to_transform); absent = all. */
  topLayers: z.number().int().positive().optional(),
});
export type LoraSpec = z.infer<typeof LoraSpec>;

export const ModelSpec = z.object({
  /** Hub id, local folder (absolute or relative to the run folder), `tiny-random-llama` or `smollm2-135m`. */
  hf: z.string().min(1),
  /** nf4 = QLoRA as the study (4-bit, double quant, bf16 compute) on CUDA; without CUDA only the tiny models (or SYLLABUS_DEVICE=cpu) fall back to float32 LoRA, and say so; a real model exits 2. */
  quantize: z.enum(["nf4", "none"]),
  lora: LoraSpec,
  /** Token budget per example; longer prompts are cut inside the question text. */
  maxLength: z.number().int().min(16),
  /** `plain`: the study's template without its instruction line; absent = `study` (so older run ids stay). */
  prompt: PromptStyle.optional(),
  /** Recompute activations in backward (memory for time); absent: on for nf4, off otherwise. Not part of the run id. */
  gradientCheckpointing: z.boolean().optional(),
});
export type ModelSpec = z.infer<typeof ModelSpec>;

export const OptimSpec = z.object({
  lr: z.number().positive(),
  /** Questions per micro-batch. */
  batch: z.number().int().positive(),
  /** Micro-batches per optimizer step; a final partial group still steps. */
  accumulate: z.number().int().positive(),
  schedule: z.enum(["linear", "cosine", "constant"]),
  /** < 1: fraction of the optimizer steps; ≥ 1: a whole number of steps. */
  warmup: z.number().min(0).refine((w) => w < 1 || Number.isInteger(w), "warmup ≥ 1 counts steps and must be a whole number"),
  weightDecay: z.number().min(0),
  /** Max global gradient norm; 0 disables clipping. */
  gradClip: z.number().min(0),
  /** Passes over train.jsonl, each in the file's order. */
  epochs: z.number().int().positive(),
  /** paged_adamw_8bit needs bitsandbytes on CUDA; otherwise the trainer uses torch AdamW and notes it. */
  optimizer: z.enum(["adamw", "paged_adamw_8bit"]),
});
export type OptimSpec = z.infer<typeof OptimSpec>;

export const EVAL_MODES = ["loglik", "generate"] as const;
export const EvalMode = z.enum(EVAL_MODES);
export type EvalMode = z.infer<typeof EvalMode>;

export const EvalSetSpec = z.object({
  name: SafeName,
  file: RelativePath,
  /** A cross-validation fold's held-out part: the trainer refuses it if it shares a question id with train.jsonl. */
  heldOut: z.boolean().optional(),
});
export type EvalSetSpec = z.infer<typeof EvalSetSpec>;

/** What the run is, for display only: the trainer copies nothing of it into the result. */
export const RunDisplay = z
  .object({
    experiment: z.string().optional(),
    strategy: z.string().optional(),
    model: z.string().optional(),
    dataset: z.string().optional(),
    seed: z.number().int().optional(),
    /** Free-form facts of the order (curriculum mode, thresholds, category order…). */
    order: z.record(z.unknown()).optional(),
  })
  .passthrough();
export type RunDisplay = z.infer<typeof RunDisplay>;

export const RunSpec = z
  .object({
    schemaVersion: schemaVersionField(),
    runId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, '_' and '-' only"),
    /** The trainer version the run id was computed with; the trainer warns when it differs. */
    trainerVersion: z.string().optional(),
    model: ModelSpec,
    optim: OptimSpec,
    /** Seeds python `random`, numpy, torch (CPU and CUDA) and LoRA initialisation. */
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    train: RelativePath.default(BUNDLE_FILES.train),
    eval: z.array(EvalSetSpec).default([]),
    /** Optimizer steps between checkpoints; 0 = only on SIGTERM/SIGUSR1. */
    checkpointEvery: z.number().int().min(0),
    /** Write an events.jsonl progress line every this many optimizer steps. */
    logEvery: z.number().int().positive().default(1),
    /**
     * How accuracy is measured: "loglik" = restricted option log-likelihood, the letter with the highest
     * log P(" X" | prompt) among the question's options (what the published code does; the default);
     * "generate" = greedy decoding, the first option letter in the output, no letter = wrong (what the
     * paper's text describes).
     */
    evalMode: EvalMode.default("loglik"),
    display: RunDisplay.default({}),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.eval.forEach((e, i) => {
      if (seen.has(e.name)) ctx.addIssue({ code: "custom", path: ["eval", i, "name"], message: `eval set '${e.name}' is listed twice` });
      seen.add(e.name);
    });
  });
export type RunSpec = z.infer<typeof RunSpec>;
export type RunSpecInput = z.input<typeof RunSpec>;

// ───────────────────────── train.jsonl / eval ─────────────────────────

/** One question per line of train.jsonl and eval/<set>.jsonl (and a score bundle's questions file). */
export const QuestionLine = z
  .object({
    id: z.string().min(1),
    question: z.string(),
    options: z.object({
      A: z.string().optional(),
      B: z.string().optional(),
      C: z.string().optional(),
      D: z.string().optional(),
      E: z.string().optional(),
    }).strict(),
    answer: Letter,
    category: z.string().optional(),
    difficulty: z.number().finite().optional(),
  })
  .superRefine((q, ctx) => {
    const letters = LETTERS.filter((l) => q.options[l] !== undefined);
    const contiguous = letters.every((l, i) => l === LETTERS[i]);
    if (letters.length < 2 || !contiguous) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `options must be 2 to 5 letters contiguous from A, got [${letters.join(", ")}]` });
    }
    if (!letters.includes(q.answer)) {
      ctx.addIssue({ code: "custom", path: ["answer"], message: `answer '${q.answer}' is not one of the question's options [${letters.join(", ")}]` });
    }
  });
export type QuestionLine = z.infer<typeof QuestionLine>;

// ───────────────────────────── status.json ─────────────────────────────

export const RUN_STATES = ["queued", "preparing", "training", "evaluating", "succeeded", "failed", "cancelled"] as const;
export const RunState = z.enum(RUN_STATES);
export type RunState = z.infer<typeof RunState>;
export const TERMINAL_STATES: readonly RunState[] = ["succeeded", "failed", "cancelled"];

export const RunStatus = z.object({
  schemaVersion: schemaVersionField(),
  state: RunState,
  /** The trainer's process id on `host`; null before it starts. */
  pid: z.number().int().positive().nullable(),
  host: z.string().nullable(),
  startedAt: IsoTime.nullable(),
  /** Refreshed at least every 30 s while the trainer lives: a stale heartbeat on a live state means it died. */
  heartbeatAt: IsoTime,
  /** Optimizer steps done and planned. */
  step: z.number().int().min(0),
  totalSteps: z.number().int().min(0).nullable(),
  /** One-line reason when state = failed (the traceback is in log.txt). */
  error: z.string().optional(),
  /** Human note: e.g. "preempted at step 40 (SIGUSR1); resumes from checkpoint", "float32 LoRA on CPU". */
  message: z.string().optional(),
  /** True when a checkpoint exists, so `train` will resume instead of starting over. */
  resumable: z.boolean().optional(),
  /** The GPU the run trains on (its CUDA_VISIBLE_DEVICES, set by the launcher's placement); absent on CPU. */
  gpu: z.string().optional(),
});
export type RunStatus = z.infer<typeof RunStatus>;

// ───────────────────────────── events.jsonl ─────────────────────────────

const EventBase = { time: IsoTime };
export const RunEvent = z.discriminatedUnion("type", [
  z.object({ ...EventBase, type: z.literal("state"), state: RunState, message: z.string().optional() }),
  z.object({
    ...EventBase,
    type: z.literal("progress"),
    step: z.number().int().min(0),
    totalSteps: z.number().int().min(0),
    epoch: z.number().int().min(0),
    /** Mean loss over the answer tokens of the last logging window. */
    loss: z.number(),
    lr: z.number(),
    tokensPerSecond: z.number().min(0),
    /** Training questions consumed so far (all epochs). */
    questionsSeen: z.number().int().min(0),
    /** Seconds of training so far (across resumes). */
    elapsed: z.number().min(0),
  }),
  z.object({ ...EventBase, type: z.literal("checkpoint"), step: z.number().int().min(0), questionsSeen: z.number().int().min(0), reason: z.enum(["interval", "signal", "end"]) }),
  z.object({ ...EventBase, type: z.literal("resume"), step: z.number().int().min(0), questionsSeen: z.number().int().min(0) }),
  z.object({ ...EventBase, type: z.literal("eval"), set: z.string(), accuracy: z.number().min(0).max(1), n: z.number().int().min(0), correct: z.number().int().min(0) }),
  /** Something the researcher should know (precision fallback, truncations, optimizer substitution). */
  z.object({ ...EventBase, type: z.literal("note"), message: z.string() }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

// ─────────────────────────── predictions/<set>.jsonl ───────────────────────────

export const PredictionLine = z
  .object({
    id: z.string(),
    gold: Letter,
    /** null: evalMode "generate" found no option letter in the output (counted wrong). */
    predicted: Letter.nullable(),
    /** evalMode "loglik": log P(letter | prompt) of each of the question's own option letters (full-vocabulary log-softmax). */
    logprobs: z.record(Letter, z.number()).optional(),
    /** evalMode "generate": the greedy continuation the answer was parsed from. */
    output: z.string().optional(),
    /** Options of the question (its chance level is 1/optionCount). */
    optionCount: z.number().int().min(2).max(5).optional(),
    /** The prompt was cut inside the question text to fit maxLength. */
    truncated: z.boolean().optional(),
    /** The top log-probs tied exactly; `predicted` was drawn among them by a hash of the id (not "A first"). */
    tie: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.logprobs === undefined && p.output === undefined) ctx.addIssue({ code: "custom", path: ["logprobs"], message: "a prediction needs its log-probs (loglik) or its output (generate)" });
    if (p.logprobs !== undefined && p.predicted === null) ctx.addIssue({ code: "custom", path: ["predicted"], message: "a loglik prediction always has a letter" });
    if (p.logprobs !== undefined && p.predicted !== null && !(p.predicted in p.logprobs)) ctx.addIssue({ code: "custom", path: ["predicted"], message: `predicted '${p.predicted}' has no log-prob` });
  });
export type PredictionLine = z.infer<typeof PredictionLine>;

// ───────────────────────────── result.json ─────────────────────────────

export const EvalScore = z.object({
  accuracy: z.number().min(0).max(1),
  n: z.number().int().min(0),
  correct: z.number().int().min(0),
});
export type EvalScore = z.infer<typeof EvalScore>;

/** result.json: what the trainer reports when a run ends (the statistics module's per-(run, eval set) rows are `RunResult` in stats/types). */
export const TrainerResult = z.object({
  schemaVersion: schemaVersionField(),
  runId: z.string(),
  /** Per eval set name. */
  accuracy: z.record(EvalScore),
  /** null when only `evaluate` ran (no training in this bundle). */
  trainSeconds: z.number().min(0).nullable(),
  optimizerSteps: z.number().int().min(0).nullable(),
  /** Peak CUDA memory allocated during training + evaluation (model loading excluded), or the process's peak RSS on CPU. */
  peakMemoryBytes: z.number().int().min(0),
  /** Training tokens (prompt + answer, padding excluded) per second of training. */
  tokensPerSecond: z.number().min(0).nullable(),
  /** e.g. "NVIDIA H100 80GB HBM3" or "cpu". */
  device: z.string(),
  /** How the weights were held, e.g. "nf4 double-quant, bf16 compute (QLoRA as the study)" or the CPU fallback note. */
  precisionNote: z.string(),
  /** How the letter log-probs were computed (float32 head over the autocast body; the same in training's evaluation and `evaluate`). */
  evalPrecision: z.string().optional(),
  truncatedPrompts: z.object({ train: z.number().int().min(0), eval: z.record(z.number().int().min(0)) }),
  versions: z.object({
    python: z.string(),
    torch: z.string(),
    transformers: z.string(),
    peft: z.string(),
    bitsandbytes: z.string().optional(),
    trainer: z.string(),
  }),
  /** The training ids as consumed (consumed.txt); sha256 of that file's bytes: each id followed by "\n". */
  consumedIds: z.object({ count: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  finishedAt: IsoTime,
  /** What the researcher should know about this run (precision fallback, cut prompts, optimizer substitution). */
  notes: z.array(z.string()).optional(),
});
export type TrainerResult = z.infer<typeof TrainerResult>;

// ───────────────────────────── score bundle ─────────────────────────────

/**
 * score.json: zero-shot letter probabilities of one model over one questions file, for the LLM-ensemble
 * difficulty (Yang et al. 2024, §2.5). `python -m syllabus_trainer score FOLDER`.
 */
export const ScoreSpec = z.object({
  schemaVersion: schemaVersionField(),
  model: z.object({
    hf: z.string().min(1),
    quantize: z.enum(["nf4", "none"]).default("none"),
    maxLength: z.number().int().min(16).default(2048),
    /** Prepend the tokenizer's special tokens (BOS). The study's scorer did not (the published scoring script, measure_difficulty/baseline_script.py). */
    addSpecialTokens: z.boolean().default(false),
  }),
  /** Questions (QuestionLine JSONL; `answer` is carried but not used), relative to the folder. */
  questions: RelativePath,
  /** Output ScoreLine JSONL, relative to the folder. */
  output: RelativePath,
  batchSize: z.number().int().positive().default(8),
  seed: z.number().int().min(0).default(0),
});
export type ScoreSpec = z.infer<typeof ScoreSpec>;

/**
 * One line of a letter-probability file: P(letter) renormalised over the question's option letters.
 * Produced by `syllabus_trainer score` or by any API client (GPT-4 logprobs…) in the same format;
 * src/core/difficulty reads it. Probabilities must sum to 1 within 1e-3.
 */
export const ScoreLine = z
  .object({
    id: z.string().min(1),
    probs: z.record(Letter, z.number().min(0).max(1)),
    /** Optional provenance, e.g. the model id. */
    model: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    const letters = Object.keys(s.probs);
    if (letters.length < 2) ctx.addIssue({ code: "custom", path: ["probs"], message: "needs the probabilities of at least 2 option letters" });
    const sum = Object.values(s.probs).reduce((a, b) => a + (b ?? 0), 0);
    if (Math.abs(sum - 1) > 1e-3) {
      ctx.addIssue({ code: "custom", path: ["probs"], message: `probabilities sum to ${sum.toFixed(6)}, not 1 (renormalise over the option letters)` });
    }
  });
export type ScoreLine = z.infer<typeof ScoreLine>;

// ───────────────────────────── helpers ─────────────────────────────

function zodIssues(error: z.ZodError, file: string, line: number, fix?: string): DataIssue[] {
  return error.issues.map((i) => ({
    file,
    line,
    field: i.path.length ? i.path.join(".") : undefined,
    message: i.message,
    fix: i.path[0] === "schemaVersion" ? undefined : fix,
  }));
}

/** Parse one JSON document (run.json, status.json, result.json, score.json) with errors naming the file and fields. */
export function parseJsonFile<S extends z.ZodTypeAny>(schema: S, text: string, file: string, fix?: string): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DataError([{ file, line: 0, message: `is not valid JSON (${(e as Error).message})`, fix: fix ?? "rewrite the file as one JSON object" }]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new DataError(zodIssues(parsed.error, file, 0, fix));
  return parsed.data;
}

/**
 * Parse JSON lines; every bad line is reported (file, 1-based line, field), none dropped. Blank lines
 * are allowed only at the end. `partialLastLine` tolerates a truncated final line (a file being appended to).
 */
export function parseJsonLines<S extends z.ZodTypeAny>(
  schema: S,
  text: string,
  file: string,
  options: { partialLastLine?: boolean; fix?: string } = {},
): z.infer<S>[] {
  const lines = text.split("\n");
  while (lines.length && lines[lines.length - 1]!.trim() === "") lines.pop();
  const out: z.infer<S>[] = [];
  const issues: DataIssue[] = [];
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === "") {
      issues.push({ file, line: lineNo, message: "empty line inside the file", fix: "remove blank lines" });
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      if (options.partialLastLine && i === lines.length - 1 && !text.endsWith("\n")) return; // still being written
      issues.push({ file, line: lineNo, message: `is not valid JSON (${(e as Error).message})`, fix: options.fix ?? "write one JSON object per line" });
      return;
    }
    const parsed = schema.safeParse(data);
    if (parsed.success) out.push(parsed.data);
    else issues.push(...zodIssues(parsed.error, file, lineNo, options.fix));
  });
  if (issues.length) throw new DataError(issues);
  return out;
}

/** Parse question lines and also refuse duplicate ids (a run's order must name each question once per epoch). */
export function parseQuestionLines(text: string, file: string): QuestionLine[] {
  const questions = parseJsonLines(QuestionLine, text, file);
  const first = new Map<string, number>();
  const issues: DataIssue[] = [];
  questions.forEach((q, i) => {
    const prev = first.get(q.id);
    if (prev !== undefined) issues.push({ file, line: i + 1, field: "id", message: `id '${q.id}' repeats line ${prev}`, fix: "give every question a unique id" });
    else first.set(q.id, i + 1);
  });
  if (issues.length) throw new DataError(issues);
  return questions;
}

/** Serialise for a bundle: validated first, so Syllabus never writes a file the trainer would refuse. */
export function serializeRunSpec(spec: RunSpecInput): string {
  return JSON.stringify(RunSpec.parse(spec), null, 2) + "\n";
}
export function serializeJsonLines<S extends z.ZodTypeAny>(schema: S, rows: z.input<S>[]): string {
  return rows.map((r) => JSON.stringify(schema.parse(r))).join("\n") + (rows.length ? "\n" : "");
}

/** The consumed.txt hash as result.json records it: sha256 over each id followed by "\n". */
export async function consumedIdsHash(ids: readonly string[]): Promise<string> {
  const { createHash } = await import("node:crypto");
  const h = createHash("sha256");
  for (const id of ids) h.update(`${id}\n`, "utf8");
  return h.digest("hex");
}

/**
 * Did the trainer consume exactly train.jsonl's order (× epochs)? Compares result.json's consumedIds with
 * the ids Syllabus wrote; returns null when they agree, else a sentence for the run's detail view.
 */
export async function checkConsumedOrder(
  result: Pick<TrainerResult, "consumedIds" | "optimizerSteps">,
  trainIds: readonly string[],
  epochs: number,
): Promise<string | null> {
  if (!result.consumedIds) return "result.json has no consumedIds (the run was only evaluated)";
  const expected = Array.from({ length: epochs }, () => trainIds).flat();
  if (result.consumedIds.count !== expected.length) {
    return `the trainer consumed ${result.consumedIds.count} questions, train.jsonl × ${epochs} epoch(s) has ${expected.length}`;
  }
  if (result.consumedIds.sha256 !== (await consumedIdsHash(expected))) {
    return "the trainer consumed the questions in a different order than train.jsonl (consumedIds.sha256 differs)";
  }
  return null;
}

export const parseRunSpec = (text: string, file: string = BUNDLE_FILES.run) =>
  parseJsonFile(RunSpec, text, file, "regenerate the run with `syllabus plan`");
export const parseRunStatus = (text: string, file: string = BUNDLE_FILES.status) => parseJsonFile(RunStatus, text, file);
export const parseTrainerResult = (text: string, file: string = BUNDLE_FILES.result) => parseJsonFile(TrainerResult, text, file);
export const parseScoreSpec = (text: string, file: string = "score.json") => parseJsonFile(ScoreSpec, text, file);
export const parseRunEvents = (text: string, file: string = BUNDLE_FILES.events) => parseJsonLines(RunEvent, text, file, { partialLastLine: true });
export const parsePredictionLines = (text: string, file: string) => parseJsonLines(PredictionLine, text, file);
export const parseScoreLines = (text: string, file: string) => parseJsonLines(ScoreLine, text, file, { fix: "each line: {\"id\": …, \"probs\": {\"A\": p, …}} summing to 1" });

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new DataError([{ file: path, line: 0, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
}

export const readRunSpec = (path: string) => parseRunSpec(readText(path), path);
export const readRunStatus = (path: string) => parseRunStatus(readText(path), path);
export const readTrainerResult = (path: string) => parseTrainerResult(readText(path), path);
export const readRunEvents = (path: string) => parseRunEvents(readText(path), path);
export const readQuestionLines = (path: string) => parseQuestionLines(readText(path), path);
export const readPredictionLines = (path: string) => parsePredictionLines(readText(path), path);
export const readScoreLines = (path: string) => parseScoreLines(readText(path), path);
export const readScoreSpec = (path: string) => parseScoreSpec(readText(path), path);
