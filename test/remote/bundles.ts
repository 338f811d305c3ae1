/** Small real run bundles for the remote tests: MedQA questions from data/ (shipped) and tiny-random-llama. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LocalBundle } from "../../src/remote/stage";

const MEDQA = join(import.meta.dirname, "..", "..", "data", "medqa", "us_test_5options.jsonl");

export function medqaLines(n: number, start = 0): string[] {
  const rows = readFileSync(MEDQA, "utf8").split("\n").filter(Boolean).slice(start, start + n);
  return rows.map((l, i) => {
    const d = JSON.parse(l) as { question: string; options: Record<string, string>; answer_idx: string };
    return JSON.stringify({ id: `medqa-${start + i}`, question: d.question, options: d.options, answer: d.answer_idx });
  });
}

export interface TinyBundleOptions {
  train?: number;
  eval?: number;
  seed?: number;
  epochs?: number;
  maxLength?: number;
}

/** Writes `<root>/<runId>/` with run.json, train.jsonl and eval/medqa.jsonl; the run takes seconds on CPU. */
export function tinyBundle(root: string, runId: string, o: TinyBundleOptions = {}): LocalBundle {
  const dir = join(root, runId);
  mkdirSync(join(dir, "eval"), { recursive: true });
  writeFileSync(join(dir, "train.jsonl"), medqaLines(o.train ?? 8).join("\n") + "\n");
  writeFileSync(join(dir, "eval", "medqa.jsonl"), medqaLines(o.eval ?? 6, 500).join("\n") + "\n");
  const spec = {
    schemaVersion: 1,
    runId,
    model: { hf: "tiny-random-llama", quantize: "none", lora: { r: 4, alpha: 16, dropout: 0.1 }, maxLength: o.maxLength ?? 512 },
    optim: { lr: 1e-2, batch: 2, accumulate: 1, schedule: "linear", warmup: 0, weightDecay: 0, gradClip: 1, epochs: o.epochs ?? 1, optimizer: "adamw" },
    seed: o.seed ?? 1,
    eval: [{ name: "medqa", file: "eval/medqa.jsonl" }],
    checkpointEvery: 0,
    display: { experiment: "remote-test", strategy: "random", seed: o.seed ?? 1 },
  };
  writeFileSync(join(dir, "run.json"), JSON.stringify(spec, null, 2) + "\n");
  return { runId, dir };
}
