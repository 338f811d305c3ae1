/**
 * The "Syllabus: New Experiment" template: a working replication of the study's LEK → LEK/MedQA/MedMCQA
 * arm (Yang et al. 2024, §2–3 and App. B) with the four study models, the six strategies and five seeds. Data paths
 * are relative to the new file; `syllabus check` names any that do not exist yet.
 */
export interface TemplateOptions {
  /** Name of the experiment block. */
  name?: string;
  lekTrain?: string;
  medqaTest?: string;
  medmcqaTest?: string;
  /** Use only `tiny-random-llama` (runs on CPU in minutes) instead of the study's four models. */
  tiny?: boolean;
}

export function newExperimentTemplate(options: TemplateOptions = {}): string {
  const name = options.name ?? "lek_replication";
  const models = options.tiny ? "[study.tiny-random-llama]" : "[study.tinyllama, study.llama2-7b, study.llama2-13b, study.mistral-7b]";
  return `# Replication of Yang et al. (2024), "Evaluating Fine-Tuning Efficiency of Human-Inspired Learning
# Strategies in Medical Question Answering": fine-tune on LEK in six orders, evaluate on LEK, MedQA, MedMCQA.
# Paths are relative to this file. Hover any key or value for its meaning; Ctrl+Space for what fits.

dataset lek {
  format     = lek
  train      = ${JSON.stringify(options.lekTrain ?? "data/lek/train.csv")}
  category   = column("Category")
  difficulty = human_answer_share  # or scores("data/lek/llm_difficulty.csv", by = row)
}

dataset medqa {
  format = medqa
  test   = ${JSON.stringify(options.medqaTest ?? "data/medqa/us_test_5options.jsonl")}
}

dataset medmcqa {
  format   = medmcqa
  test     = ${JSON.stringify(options.medmcqaTest ?? "data/medmcqa/dev.json")}
  cop_base = 1
}

experiment ${name} {
  train_on   = lek
  evaluate   = [lek, medqa, medmcqa]
  models     = ${models}
  strategies = [random, blocked, interleaved, curriculum, blocked_curriculum, interleaved_curriculum]
  curriculum = buckets { easy = 0.06  medium = 0.15 }  # the study's human-difficulty thresholds
  seeds      = [1, 2, 3, 4, 5]
  host       = local
}
`;
}
