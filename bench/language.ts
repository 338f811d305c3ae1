/**
 * Language benchmark: a generated 2,000-line config with 50 experiments.
 * - full parse + validate (goal < 50 ms)
 * - completion and hover answers (goal < 20 ms), as functions and as real LSP round trips
 * - re-validation after a one-character edit (goal < 20 ms), as the didChange → publishDiagnostics round trip
 * Run: node --import tsx bench/language.ts
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { analyze } from "../src/language/analyze";
import { complete } from "../src/language/completion";
import { hover } from "../src/language/hover";
import { FileExistsCache } from "../src/language/server";
import { startHarness } from "../test/language/lspHarness";

export interface LanguageBench {
  lines: number;
  experiments: number;
  parseValidateColdMs: number;
  parseValidateMs: number;
  completionMs: number;
  hoverMs: number;
  lspCompletionMs: number;
  lspHoverMs: number;
  editRevalidateMs: number;
}

export function benchConfig(dir: string): string {
  mkdirSync(path.join(dir, "data"), { recursive: true });
  const out: string[] = ["# Generated benchmark config: 10 hosts, 20 datasets, 20 models, 50 experiments", ""];
  for (let i = 0; i < 10; i++) {
    out.push(`host h${i} {`, `  ssh       = "user@gpu${i}.example:22"`, `  scheduler = slurm { partition = "gpu"  gres = "gpu:a100:1"  time = "1-04:00:00" }`, `  python    = "$HOME/envs/syllabus/bin/python"`, `  workdir   = "$SCRATCH/syllabus"`, "}", "");
  }
  for (let i = 0; i < 20; i++) {
    writeFileSync(path.join(dir, "data", `train${i}.csv`), "x\n");
    writeFileSync(path.join(dir, "data", `test${i}.jsonl`), "{}\n");
    out.push(`# dataset ${i}`, `dataset d${i} {`, `  format     = lek`, `  train      = "data/train${i}.csv"`, `  test       = "data/test${i}.jsonl"`, `  category   = column("Category")`, `  difficulty = human_answer_share`, "}", "");
  }
  for (let i = 0; i < 20; i++) {
    out.push(`model m${i} {`, `  preset     = ${["tinyllama", "llama2-7b", "llama2-13b", "mistral-7b"][i % 4]}`, `  quantize   = nf4`, `  lora       { r = 16  alpha = 64  dropout = 0.1 }`, `  optim      { lr = 1e-4  batch = 4  accumulate = 2  schedule = linear  warmup = 0 }`, `  max_length = 512`, "}", "");
  }
  for (let i = 0; i < 50; i++) {
    out.push(
      `# experiment ${i}: train on d${i % 20}, evaluate on three sets`,
      `experiment e${i} {`,
      `  train_on       = d${i % 20}`,
      `  evaluate       = [d${i % 20}, d${(i + 1) % 20}, d${(i + 2) % 20}]`,
      `  models         = [m${i % 20}, m${(i + 5) % 20}, study.tinyllama]`,
      `  strategies     = [`,
      `    random,`,
      `    blocked,`,
      `    interleaved,`,
      `    curriculum,`,
      `    blocked_curriculum,`,
      `    interleaved_curriculum,`,
      `  ]`,
      `  baseline       = random`,
      `  curriculum     = buckets { easy = 0.06  medium = 0.15 }`,
      `  category_order = sorted`,
      `  reference      = false`,
      `  seeds          = [1, 2, 3, 4, 5]`,
      `  host           = h${i % 10}`,
      "}",
      "",
    );
  }
  while (out.length < 2000) out.push(`# padding comment ${out.length}`);
  return out.join("\n") + "\n";
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(n: number, f: () => void): number {
  for (let i = 0; i < 10; i++) f(); // JIT warm-up, as a long-running server is
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

async function timeAsync(n: number, f: (i: number) => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function runLanguageBench(): Promise<LanguageBench> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "syllabus-bench-"));
  const text = benchConfig(dir);
  const file = path.join(dir, "bench.syllabus");
  writeFileSync(file, text);
  const cache = new FileExistsCache();
  const t0 = performance.now();
  const first = analyze(text, file);
  const cold = performance.now() - t0;
  if (first.diagnostics.some((d) => d.severity === "error")) throw new Error("benchmark config has errors: " + first.diagnostics[0]!.message);
  const warm = time(50, () => analyze(text, file, { fileExists: cache.exists }));

  const listAt = text.indexOf("blocked,", text.indexOf("experiment e40"));
  const keyAt = text.indexOf("  baseline", text.indexOf("experiment e40"));
  const hoverAt = text.indexOf("interleaved_curriculum", text.indexOf("experiment e40")) + 3;
  const completionMs = time(50, () => {
    complete(first, listAt);
    complete(first, keyAt);
  }) / 2;
  const hoverMs = time(50, () => hover(first, hoverAt));

  const h = await startHarness({ debounceMs: 0 });
  const uri = h.uri(file);
  await h.open(file, text);
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    return { line: before.split("\n").length - 1, character: offset - before.lastIndexOf("\n") - 1 };
  };
  const lspCompletionMs = await timeAsync(30, () => h.client.sendRequest("textDocument/completion", { textDocument: { uri }, position: position(listAt) }));
  const lspHoverMs = await timeAsync(30, () => h.client.sendRequest("textDocument/hover", { textDocument: { uri }, position: position(hoverAt) }));
  // One-character edits (alternately insert and remove a digit in a seed), each answered by new diagnostics.
  const seedAt = position(text.indexOf("[1, 2, 3, 4, 5]", text.indexOf("experiment e25")) + 1);
  let version = 1;
  const editRevalidateMs = await timeAsync(30, async (i) => {
    const p = new Promise<void>((resolve) => {
      const d = h.client.onNotification("textDocument/publishDiagnostics", () => {
        d.dispose();
        resolve();
      });
    });
    const range = i % 2 === 0 ? { start: seedAt, end: seedAt } : { start: seedAt, end: { ...seedAt, character: seedAt.character + 1 } };
    h.client.sendNotification("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: i % 2 === 0 ? "9" : "" }] });
    await p;
  });
  h.close();
  return {
    lines: text.split("\n").length - 1,
    experiments: Object.keys(first.config!.experiments).length,
    parseValidateColdMs: round(cold),
    parseValidateMs: round(warm),
    completionMs: round(completionMs),
    hoverMs: round(hoverMs),
    lspCompletionMs: round(lspCompletionMs),
    lspHoverMs: round(lspHoverMs),
    editRevalidateMs: round(editRevalidateMs),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

if (require.main === module) {
  runLanguageBench().then((r) => {
    console.log(`language bench: ${r.lines} lines, ${r.experiments} experiments (median of repeated runs; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`);
    console.log(`  parse + validate        ${r.parseValidateMs} ms   (first, cold: ${r.parseValidateColdMs} ms; goal < 50)`);
    console.log(`  completion              ${r.completionMs} ms   (LSP round trip: ${r.lspCompletionMs} ms; goal < 20)`);
    console.log(`  hover                   ${r.hoverMs} ms   (LSP round trip: ${r.lspHoverMs} ms; goal < 20)`);
    console.log(`  1-char edit → diagnostics ${r.editRevalidateMs} ms   (LSP didChange → publishDiagnostics; goal < 20)`);
    process.exit(0);
  });
}
