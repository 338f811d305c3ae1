/**
 * The "Syllabus: New Experiment" template: an experiment that RUNS as written on this machine (`local`), on
 * the public MedMCQA and MedQA files Syllabus ships (the command copies them into the workspace's data/
 * folder, see src/language/starter.ts), with a tiny model and small subsets (`limit`). The comments
 * say how to grow it into the study (Yang et al. 2024, §2–3): more data, the study's models on a GPU host,
 * the curriculum strategies with a difficulty source.
 */
export interface TemplateOptions {
  /** Name of the experiment block. */
  name?: string;
  /** Paths relative to the new file. */
  medmcqaTrain?: string;
  medqaTest?: string;
}

export const TEMPLATE_DATA = { medmcqaTrain: "data/medmcqa/dev.json", medqaTest: "data/medqa/us_test_5options.jsonl" } as const;

export function newExperimentTemplate(options: TemplateOptions = {}): string {
  const name = options.name ?? "first_experiment";
  return `# Does the ORDER of training data matter? Train on MedMCQA questions in three orders, evaluate on MedQA.
# Runs as written on this machine: a tiny model and small subsets (\`limit\`), so expect chance accuracy
# (20% on 5 options); it checks the pipeline end to end. Paths are relative to this file.
# Hover any key or value for its meaning; Ctrl+Space for what fits. To grow it into the study
# (Yang et al. 2024): remove \`limit\`, use the study's models (\`study.tinyllama\`, …) on a GPU host
# (\`host x { ssh = "…" }\`), and add a difficulty source for the curriculum strategies.

dataset medmcqa {
  format   = medmcqa
  train    = ${JSON.stringify(options.medmcqaTrain ?? TEMPLATE_DATA.medmcqaTrain)}
  cop_base = 1
  category = column("subject_name")
  limit    = 120
}

dataset medqa {
  format = medqa
  test   = ${JSON.stringify(options.medqaTest ?? TEMPLATE_DATA.medqaTest)}
  limit  = 60
}

model tiny {
  preset     = tiny-random-llama
  max_length = 1024  # MedQA vignettes are long: the preset's 256 tokens cannot hold question + 5 options
}

experiment ${name} {
  train_on   = medmcqa
  evaluate   = [medqa]
  models     = [tiny]
  strategies = [random, blocked, interleaved]
  seeds      = [1, 2]
  host       = local
}
`;
}
