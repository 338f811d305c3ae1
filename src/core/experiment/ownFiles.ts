/**
 * "Bring your own" files: a dataset that declares `bring_your_own = "…"` names files that are not public
 * (the study's curated LEK set). Until the user puts them in place, `check` warns (src/language/check.ts) and
 * the experiments that need them are skipped by `plan` and refused by `run`, with this one message saying
 * what to put where.
 */
import { existsSync } from "node:fs";
import type { DatasetModel, ResolvedConfig } from "./model";

export interface MissingOwnFile {
  dataset: string;
  file: string;
  /** The dataset's `bring_your_own` text: what the file is and where to get it. */
  what: string;
}

function filesOf(ds: DatasetModel): string[] {
  const files = [ds.train, ds.test];
  if (ds.difficulty?.kind === "scores") files.push(ds.difficulty.file);
  if (ds.difficulty?.kind === "llm_ensemble") files.push(...ds.difficulty.files);
  return files.filter((f): f is string => !!f);
}

/** The bring-your-own files an experiment needs that are not there yet (empty when it can be planned). */
export function missingOwnFiles(config: ResolvedConfig, experiment: string, exists: (file: string) => boolean = existsSync): MissingOwnFile[] {
  const exp = config.experiments[experiment];
  if (!exp) return [];
  const out: MissingOwnFile[] = [];
  for (const name of new Set([exp.trainOn, ...exp.evaluate])) {
    const ds = config.datasets[name];
    if (!ds?.bringYourOwn) continue;
    for (const file of filesOf(ds)) if (!exists(file)) out.push({ dataset: name, file, what: ds.bringYourOwn });
  }
  return out;
}

/** One sentence per missing file: "experiment X needs your own file: put <what> at <path> (dataset d)". */
export function describeMissingOwnFiles(experiment: string, missing: MissingOwnFile[]): string {
  return missing.map((m) => `experiment ${experiment} needs your own file: put ${m.what} at ${m.file} (dataset ${m.dataset})`).join("\n");
}
