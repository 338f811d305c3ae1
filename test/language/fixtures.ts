/** A temporary workspace with small data files and a valid config that uses every block. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const VALID = `# Replicate the LEK → MedQA arm with two models
host cluster {
  ssh       = "me@login.hpc.example:2222"  # alias or user@host[:port]
  scheduler = slurm { partition = "gpu"  gres = "gpu:a100:1"  time = "1-04:00:00" }
  python    = "$HOME/envs/syllabus/bin/python"
  workdir   = "$SCRATCH/syllabus"
}

dataset lek {
  format     = lek
  train      = "data/lek/train.csv"
  category   = column("Category")
  difficulty = scores("data/lek/llm_difficulty.csv", by = row)
}

dataset medqa { format = medqa  test = "data/medqa/test.jsonl" }

model tiny {
  preset = tinyllama
  optim  { lr = 1e-4  warmup = 10 }
}

model big {
  hf       = "meta-llama/Llama-2-13b-chat-hf"
  quantize = nf4
  lora     { r = 16  alpha = 64  dropout = 0.1 }
  optim    { lr = 1e-4  batch = 4  accumulate = 2  schedule = linear  warmup = 0 }
}

experiment lek_to_medqa {
  train_on   = lek
  evaluate   = [lek, medqa]
  models     = [tiny, big, study.mistral-7b]
  strategies = [random, blocked, interleaved, curriculum, blocked_curriculum, interleaved_curriculum]
  curriculum = buckets { easy = 0.26  medium = 0.56 }
  seeds      = [1, 2, 3, 4, 5]
  host       = cluster
}
`;

export function makeWorkspace(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "syllabus-lang-"));
  mkdirSync(path.join(dir, "data", "lek"), { recursive: true });
  mkdirSync(path.join(dir, "data", "medqa"), { recursive: true });
  writeFileSync(path.join(dir, "data", "lek", "train.csv"), "prompt,A,B,C,D,E,Answer,Category\nq,a,b,c,d,e,A,ID\n");
  writeFileSync(path.join(dir, "data", "lek", "llm_difficulty.csv"), "Index,llm_difficulty\n0,0.5\n");
  writeFileSync(path.join(dir, "data", "medqa", "test.jsonl"), '{"question":"q","options":{"A":"a","B":"b"},"answer_idx":"A"}\n');
  const file = path.join(dir, "experiment.syllabus");
  writeFileSync(file, VALID);
  return { dir, file };
}
