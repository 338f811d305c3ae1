/**
 * Plan: an experiment → its runs (model × strategy × seed), each with its training order and a run id
 * that is a content hash of everything that determines the result — the model and optimiser spec, the
 * seed, the exact train.jsonl (so the order itself), the eval files and the trainer version. Labels
 * (experiment, strategy names) are NOT hashed: the same run reached from two experiments is trained once.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { ExperimentModel, LlmModel, ResolvedConfig } from "../experiment/model";
import { DataError } from "../errors";
import { missingOwnFiles } from "../experiment/ownFiles";
import { orderItems, STUDY_THRESHOLDS, type OrderSpec, type Strategy } from "../ordering/index";
import type { Question } from "../questions/question";
import { BUNDLE_FILES, BUNDLE_SCHEMA_VERSION, QuestionLine, serializeJsonLines, TRAINER_VERSION, type RunSpec } from "./bundle";
import { loadDataset } from "./datasets";

type QuestionLineInput = z.input<typeof QuestionLine>;

export interface EvalSet {
  name: string;
  questions: Question[];
  /** train.jsonl-format text of the set, and its sha256. */
  jsonl: string;
  sha256: string;
}

export interface PlannedRun {
  runId: string;
  experiment: string;
  model: string;
  strategy: Strategy;
  seed: number;
  host: string;
  /** run.json, as written into the bundle. */
  spec: RunSpec;
  /** train.jsonl text: the training questions IN TRAINING ORDER. */
  trainJsonl: string;
  /** Ids in training order. */
  order: string[];
  evalSets: EvalSet[];
}

export interface Plan {
  experiment: ExperimentModel;
  trainCount: number;
  runs: PlannedRun[];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A question as the bundle's QuestionLine (a non-finite difficulty is "unknown": left out). */
function questionRow(q: Question): QuestionLineInput {
  const line: QuestionLineInput = { id: q.id, question: q.question, options: q.options, answer: q.answer };
  if (q.category !== undefined) line.category = q.category;
  if (q.difficulty !== undefined && Number.isFinite(q.difficulty)) line.difficulty = q.difficulty;
  return line;
}

/** train.jsonl / eval/<set>.jsonl text, through the contract's serializer (validated, fixed key order). */
const toJsonl = (qs: Question[]) => serializeJsonLines(QuestionLine, qs.map(questionRow));

export function orderSpecOf(exp: ExperimentModel, strategy: Strategy, seed: number): OrderSpec {
  const thresholds = exp.curriculum.mode === "buckets" ? { easy: exp.curriculum.easy, medium: exp.curriculum.medium } : STUDY_THRESHOLDS;
  return { strategy, seed, curriculum: exp.curriculum.mode, thresholds, categoryOrder: exp.categoryOrder, categorySeed: 0, reference: exp.reference };
}

function modelSpec(m: LlmModel): Pick<RunSpec, "model" | "optim"> {
  const model: RunSpec["model"] = { hf: m.hf, quantize: m.quantize, lora: { r: m.lora.r, alpha: m.lora.alpha, dropout: m.lora.dropout, ...(m.lora.topLayers ? { topLayers: m.lora.topLayers } : {}) }, maxLength: m.maxLength };
  if (m.gradientCheckpointing !== undefined) model.gradientCheckpointing = m.gradientCheckpointing;
  return { model, optim: { ...m.optim } };
}

/** The content hash: canonical JSON of what determines the result (key order fixed by construction). */
export function runIdOf(parts: { model: RunSpec["model"]; optim: RunSpec["optim"]; seed: number; trainSha256: string; evals: { name: string; sha256: string }[]; evalMode?: RunSpec["evalMode"] }): string {
  // Gradient checkpointing trades memory for time and leaves the result as it is: not part of the id.
  const { gradientCheckpointing: _speedOnly, ...model } = parts.model;
  void _speedOnly;
  // The default evaluation protocol adds nothing, so the ids of existing (loglik) runs stay what they were.
  const mode = parts.evalMode && parts.evalMode !== "loglik" ? { evalMode: parts.evalMode } : {};
  const canonical = JSON.stringify({ schema: BUNDLE_SCHEMA_VERSION, trainer: TRAINER_VERSION, model, optim: parts.optim, seed: parts.seed, train: parts.trainSha256, eval: parts.evals, ...mode });
  return sha256(canonical).slice(0, 20);
}

function lookup<T>(table: Record<string, T>, name: string, kind: string, where: string): T {
  const found = table[name];
  if (!found) throw new DataError([{ file: where, line: 0, field: kind, message: `${kind} '${name}' is not declared`, fix: `declare \`${kind} ${name} { … }\`` }]);
  return found;
}

export async function planExperiment(config: ResolvedConfig, experimentName: string): Promise<Plan> {
  const exp = lookup(config.experiments, experimentName, "experiment", config.file);
  const own = missingOwnFiles(config, experimentName);
  if (own.length) throw new DataError(own.map((m) => ({ file: m.file, line: 0, field: m.dataset, message: `experiment ${experimentName} needs this file, which you bring yourself (it is not public)`, fix: `put ${m.what} at ${m.file}` })));
  const train = await loadDataset(lookup(config.datasets, exp.trainOn, "dataset", config.file), "train");
  const evalSets: EvalSet[] = [];
  for (const name of exp.evaluate) {
    const questions = await loadDataset(lookup(config.datasets, name, "dataset", config.file), "test");
    const jsonl = toJsonl(questions);
    evalSets.push({ name, questions, jsonl, sha256: sha256(jsonl) });
  }
  const evalRefs = evalSets.map((e) => ({ name: e.name, sha256: e.sha256 }));
  const runs: PlannedRun[] = [];
  for (const modelName of exp.models) {
    const { model, optim } = modelSpec(lookup(config.models, modelName, "model", config.file));
    for (const strategy of exp.strategies) {
      for (const seed of exp.seeds) {
        const orderSpec = orderSpecOf(exp, strategy, seed);
        const positions = orderItems(train, orderSpec);
        const ordered = Array.from(positions, (i) => train[i]!);
        const trainJsonl = toJsonl(ordered);
        const runId = runIdOf({ model, optim, seed, trainSha256: sha256(trainJsonl), evals: evalRefs, evalMode: exp.evalMode });
        const spec: RunSpec = {
          schemaVersion: BUNDLE_SCHEMA_VERSION,
          runId,
          trainerVersion: TRAINER_VERSION,
          model,
          optim,
          seed,
          train: BUNDLE_FILES.train,
          eval: evalSets.map((e) => ({ name: e.name, file: `${BUNDLE_FILES.evalDir}/${e.name}.jsonl` })),
          checkpointEvery: 50,
          logEvery: 1,
          evalMode: exp.evalMode,
          display: {
            experiment: exp.name,
            strategy,
            model: modelName,
            dataset: exp.trainOn,
            seed,
            order: { curriculum: orderSpec.curriculum, thresholds: orderSpec.thresholds, categoryOrder: orderSpec.categoryOrder, reference: orderSpec.reference },
          },
        };
        runs.push({ runId, experiment: exp.name, model: modelName, strategy, seed, host: exp.host, spec, trainJsonl, order: ordered.map((q) => q.id), evalSets });
      }
    }
  }
  return { experiment: exp, trainCount: train.length, runs };
}
