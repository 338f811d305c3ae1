/**
 * Writes the demo workspace: a generated "which option is …" data set (train/test CSV) and an experiment of
 * all six strategies × 2 seeds with the real `smollm2-135m` model on the built-in `local` host. Existing
 * files are kept, so a second demo run reuses the same runs (same content → same run ids).
 */
import { existsSync, mkdirSync } from "node:fs";
import { writeFileAtomicSync } from "../atomicFile";
import { join } from "node:path";
import { toCsv, whichOptionQuestions } from "./whichOption";

export const DEMO_CONFIG = "demo.syllabus";
export const DEMO_EXPERIMENT = "demo";
/** The eval set's name in reports (the dataset block below). */
export const DEMO_DATASET = "which_option";
/** Every test question has 4 options: a random guess is right 25% of the time. */
export const DEMO_CHANCE = 0.25;

export const DEMO_SYLLABUS = `# Syllabus demo: does the ORDER of training data matter?
# All six strategies of Yang et al. (2024) x 2 seeds, fine-tuning a real pretrained model (SmolLM2-135M,
# LoRA, on this machine's CPU) on a GENERATED task: 'Which option is "tiger"?' among 2 (easy), 3 (medium)
# or 4 (hard) words of one family (the category). The test set is 80 held-out 4-option questions: 25% is chance.
#
# The effect: easy-to-hard order (curriculum) learns the task while random order stays at chance on the same
# 160 examples in the same 40 steps (measured on 2 CPU cores, seeds 1 and 2: 91.3% and 90.0% vs 22.5% and
# 32.5%). Two runs train at a time, one CPU thread each: the 12 runs took 4 min 18 s on an idle 2-core machine.
# Why: the model starts out always answering one letter; on 2-option questions finding the quoted word's
# letter is all there is to learn, so an easy start learns "point at the matching option" in a few steps,
# which the harder questions then only extend; started on the hard mix, the short budget runs out first.

dataset ${DEMO_DATASET} {
  format     = csv
  train      = "data/train.csv"
  test       = "data/test.csv"
  columns    { id = "id"  question = "question"  answer = "answer" }
  category   = column("category")
  difficulty = column("difficulty")
}

model smollm2 {
  preset = smollm2-135m
  prompt = plain   # the study's template without its instruction line: half the tokens, twice as fast on a CPU
}

experiment demo {
  train_on   = ${DEMO_DATASET}
  evaluate   = [${DEMO_DATASET}]
  models     = [smollm2]
  strategies = [random, blocked, interleaved, curriculum, blocked_curriculum, interleaved_curriculum]
  # difficulty 0 = 2 options, 0.5 = 3 options, 1 = 4 options
  curriculum = buckets { easy = 0.25  medium = 0.75 }
  seeds      = [1, 2]
  host       = local
}
`;

function writeIfMissing(file: string, text: string): void {
  if (existsSync(file)) return;
  writeFileAtomicSync(file, text);
}

/** Writes the workspace into `dir` and returns the config file's path. */
/** Questions the demo trains on and is scored on (measured to learn within the budget). */
export const DEMO_SIZES = { train: 160, test: 80 };

export function writeDemoWorkspace(dir: string, sizes = DEMO_SIZES): string {
  mkdirSync(join(dir, "data"), { recursive: true });
  writeIfMissing(join(dir, "data", "train.csv"), toCsv(whichOptionQuestions({ count: sizes.train, seed: 2024, prefix: "train", optionCounts: [2, 3, 4] })));
  writeIfMissing(join(dir, "data", "test.csv"), toCsv(whichOptionQuestions({ count: sizes.test, seed: 8, prefix: "test", optionCounts: [4] })));
  writeIfMissing(join(dir, DEMO_CONFIG), DEMO_SYLLABUS);
  return join(dir, DEMO_CONFIG);
}
