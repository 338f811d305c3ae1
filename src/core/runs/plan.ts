/**
 * Plan: an experiment → its runs (model × strategy × seed, and × fold under cross-validation: each fold's
 * runs train on the other folds and are evaluated only on the held-out one), each with its training order and a run id
 * that is a content hash of everything that determines the result — the model and optimiser spec, the
 * seed, the training questions in order (so the order itself), the eval questions and the trainer version.
 * Labels are NOT hashed — experiment and strategy names, nor a question's category or difficulty, which
 * the trainer never reads: the same run reached from two experiments, or under two difficulty sources
 * that give the same order (random, blocked, interleaved), is trained once.
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
import { assignFolds, splitFold } from "./folds";

type QuestionLineInput = z.input<typeof QuestionLine>;

export interface EvalSet {
  name: string;
  questions: Question[];
  /** train.jsonl-format text of the set. */
  jsonl: string;
  /** sha256 of what the trainer reads of the set (contentHash): part of the run id. */
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
  /** Under cross-validation: which fold (1-based) is held out, of how many. */
  fold?: { index: number; of: number };
}

export interface Plan {
  experiment: ExperimentModel;
  trainCount: number;
  runs: PlannedRun[];
  /** Under cross-validation: held-out questions per fold (fold 1 first). */
  foldSizes?: number[];
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

/** sha256 of the questions as the trainer uses them (id, text, options, answer; in order), without labels. */
export function contentHash(qs: readonly Question[]): string {
  return sha256(qs.map((q) => JSON.stringify({ id: q.id, question: q.question, options: q.options, answer: q.answer })).join("\n"));
}

export function orderSpecOf(exp: ExperimentModel, strategy: Strategy, seed: number): OrderSpec {
  const thresholds = exp.curriculum.mode === "buckets" ? { easy: exp.curriculum.easy, medium: exp.curriculum.medium } : STUDY_THRESHOLDS;
  return { strategy, seed, curriculum: exp.curriculum.mode, thresholds, categoryOrder: exp.categoryOrder, categorySeed: 0, reference: exp.reference };
}

function modelSpec(m: LlmModel): Pick<RunSpec, "model" | "optim"> {
  const model: RunSpec["model"] = { hf: m.hf, quantize: m.quantize, lora: { r: m.lora.r, alpha: m.lora.alpha, dropout: m.lora.dropout, ...(m.lora.topLayers ? { topLayers: m.lora.topLayers } : {}) }, maxLength: m.maxLength };
  if (m.gradientCheckpointing !== undefined) model.gradientCheckpointing = m.gradientCheckpointing;
  // the default prompt adds nothing, so the ids of runs planned before the setting existed stay what they were
  if (m.prompt && m.prompt !== "study") model.prompt = m.prompt;
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
  const trainDs = lookup(config.datasets, exp.trainOn, "dataset", config.file);
  const train = await loadDataset(trainDs, "train");
  if (exp.crossValidation) {
    const cv = exp.crossValidation;
    const foldOf = assignFolds(train, cv, trainDs.train ?? trainDs.name);
    const runs: PlannedRun[] = [];
    const foldSizes: number[] = [];
    for (let f = 0; f < cv.folds; f++) {
      const { train: foldTrain, heldOut } = splitFold(train, foldOf, f);
      foldSizes.push(heldOut.length);
      // The held-out part is named by `evaluate` (train_on, or a dataset with the same questions): its column.
      const jsonl = toJsonl(heldOut);
      const evalSets = [{ name: exp.evaluate[0] ?? exp.trainOn, questions: heldOut, jsonl, sha256: contentHash(heldOut) }];
      runs.push(...planRuns(config, exp, foldTrain, evalSets, { index: f + 1, of: cv.folds }));
    }
    return { experiment: exp, trainCount: train.length, runs, foldSizes };
  }
  const evalSets: EvalSet[] = [];
  for (const name of exp.evaluate) {
    const questions = await loadDataset(lookup(config.datasets, name, "dataset", config.file), "test");
    const jsonl = toJsonl(questions);
    evalSets.push({ name, questions, jsonl, sha256: contentHash(questions) });
  }
  return { experiment: exp, trainCount: train.length, runs: planRuns(config, exp, train, evalSets) };
}

/** model × strategy × seed runs on one training set (the whole set, or one fold's training part). */
function planRuns(config: ResolvedConfig, exp: ExperimentModel, train: Question[], evalSets: EvalSet[], fold?: { index: number; of: number }): PlannedRun[] {
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
        const runId = runIdOf({ model, optim, seed, trainSha256: contentHash(ordered), evals: evalRefs, evalMode: exp.evalMode });
        const spec: RunSpec = {
          schemaVersion: BUNDLE_SCHEMA_VERSION,
          runId,
          trainerVersion: TRAINER_VERSION,
          model,
          optim,
          seed,
          train: BUNDLE_FILES.train,
          eval: evalSets.map((e) => ({ name: e.name, file: `${BUNDLE_FILES.evalDir}/${e.name}.jsonl`, ...(fold ? { heldOut: true } : {}) })),
          checkpointEvery: 50,
          logEvery: 1,
          evalMode: exp.evalMode,
          display: {
            experiment: exp.name,
            strategy,
            model: modelName,
            dataset: exp.trainOn,
            seed,
            ...(fold ? { fold: fold.index, folds: fold.of } : {}),
            order: { curriculum: orderSpec.curriculum, thresholds: orderSpec.thresholds, categoryOrder: orderSpec.categoryOrder, reference: orderSpec.reference },
          },
        };
        const run: PlannedRun = { runId, experiment: exp.name, model: modelName, strategy, seed, host: exp.host, spec, trainJsonl, order: ordered.map((q) => q.id), evalSets };
        if (fold) run.fold = fold;
        runs.push(run);
      }
    }
  }
  return runs;
}
