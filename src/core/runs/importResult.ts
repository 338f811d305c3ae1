/**
 * Importing a finished run's files into the store — the one place a result enters it, so every transition
 * (seen finished while syncing, found "already trained" when re-attaching, a rerun's newer result) ends the
 * same way. At import the consumed order is checked against train.jsonl × epochs (`checkConsumedOrder`): a run
 * that did not train in the planned order is marked invalid (store `invalid.json`), shown as such, and kept
 * out of every statistic (src/core/runs/experimentRuns.ts).
 */
import { checkConsumedOrder, parseQuestionLines, parseRunSpec, parseTrainerResult, type TrainerResult } from "./bundle";
import type { RunStore } from "./store";

/** The run folder's files as read from its host. Text readers are lazy: an unchanged result reads nothing else. */
export interface RunFolderReader {
  /** result.json's text, or null when the run has none. */
  result(): Promise<string | null>;
  /** Eval set name → predictions/<set>.jsonl bytes. */
  predictions(): Promise<Record<string, string | Buffer>>;
  /** run.json and train.jsonl texts (for the consumed-order check). */
  runJson(): Promise<string | null>;
  trainJsonl(): Promise<string | null>;
}

export interface ImportOutcome {
  /** "new": first result; "newer": replaced an older one (a rerun); "same": unchanged, nothing written. */
  imported: "new" | "newer" | "same" | "none";
  result?: TrainerResult;
  /** Why the result is not trusted, when it is not. */
  invalid?: string;
}

function localResultText(store: RunStore, runId: string): string | undefined {
  try {
    return store.resultText(runId);
  } catch {
    return undefined;
  }
}

export async function importRunResult(store: RunStore, runId: string, folder: RunFolderReader): Promise<ImportOutcome> {
  const text = await folder.result();
  if (text === null) return { imported: "none" };
  const previous = localResultText(store, runId);
  if (previous !== undefined && previous === text) return { imported: "same", invalid: store.invalid(runId)?.reason };
  const result = parseTrainerResult(text, `${runId}/result.json`);
  const predictions = await folder.predictions();
  for (const [set, bytes] of Object.entries(predictions)) store.writePredictions(runId, set, bytes);
  store.removePredictions(runId, Object.keys(predictions));
  const invalid = await consumedOrderProblem(result, folder, runId);
  store.setInvalid(runId, invalid ?? undefined);
  // result.json last: a reader that sees the new result also sees its predictions and validity.
  store.writeResult(runId, text);
  return { imported: previous === undefined ? "new" : "newer", result, ...(invalid ? { invalid } : {}) };
}

async function consumedOrderProblem(result: TrainerResult, folder: RunFolderReader, runId: string): Promise<string | null> {
  const [specText, trainText] = await Promise.all([folder.runJson(), folder.trainJsonl()]);
  if (specText === null || trainText === null) return `cannot check the training order: the run folder has no ${specText === null ? "run.json" : "train.jsonl"}`;
  const spec = parseRunSpec(specText, `${runId}/run.json`);
  const ids = parseQuestionLines(trainText, `${runId}/train.jsonl`).map((q) => q.id);
  const problem = await checkConsumedOrder(result, ids, spec.optim.epochs);
  return problem && `not trained in the planned order: ${problem}`;
}
