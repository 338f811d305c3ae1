/**
 * Writes the demo workspace: a generated arithmetic data set (train/test CSV) and an experiment of all
 * six strategies × 2 seeds with `tiny-random-llama` on the built-in `local` host. Existing files are
 * kept, so a second demo run reuses the same runs (same content → same run ids).
 */
import { existsSync, mkdirSync } from "node:fs";
import { writeFileAtomicSync } from "../atomicFile";
import { join } from "node:path";
import { arithmeticQuestions, toCsv } from "./arithmetic";

export const DEMO_CONFIG = "demo.syllabus";
export const DEMO_EXPERIMENT = "demo";

export const DEMO_SYLLABUS = `# Syllabus demo: does the ORDER of training data matter?
# All six strategies of Yang et al. (2024) x 2 seeds, on a generated arithmetic set whose difficulty is
# known by construction, with a tiny randomly initialised Llama on this machine (CPU).

dataset arithmetic {
  format     = csv
  train      = "data/train.csv"
  test       = "data/test.csv"
  columns    { id = "id"  question = "question"  answer = "answer" }
  category   = column("category")
  difficulty = column("difficulty")
}

model tiny {
  preset = tiny-random-llama
}

experiment demo {
  train_on   = arithmetic
  evaluate   = [arithmetic]
  models     = [tiny]
  strategies = [random, blocked, interleaved, curriculum, blocked_curriculum, interleaved_curriculum]
  curriculum = buckets { easy = 0.45  medium = 0.7 }
  seeds      = [1, 2]
  host       = local
}
`;

function writeIfMissing(file: string, text: string): void {
  if (existsSync(file)) return;
  writeFileAtomicSync(file, text);
}

/** Writes the workspace into `dir` and returns the config file's path. */
export function writeDemoWorkspace(dir: string, sizes = { train: 192, test: 96 }): string {
  mkdirSync(join(dir, "data"), { recursive: true });
  writeIfMissing(join(dir, "data", "train.csv"), toCsv(arithmeticQuestions({ count: sizes.train, seed: 2024, prefix: "train" })));
  writeIfMissing(join(dir, "data", "test.csv"), toCsv(arithmeticQuestions({ count: sizes.test, seed: 8, prefix: "test" })));
  writeIfMissing(join(dir, DEMO_CONFIG), DEMO_SYLLABUS);
  return join(dir, DEMO_CONFIG);
}
