/**
 * Import benchmark: 200,000 MedMCQA-style questions with full text (question, four options, the long
 * `exp` explanation, subject, topic; sampled from the real MedMCQA dev set when present, each made
 * unique), written as JSON lines to a temp folder, then imported with the real importer (cop-base
 * detection pass + streaming import + whole-file validation). Prints the time and the process's peak RSS.
 * Goal: peak RSS < 600 MB (the importer streams; only the kept Question objects grow with the file).
 *
 * Run: node --import tsx bench/import.ts   (or `npm run bench -- import`)
 */
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { once } from "node:events";
import { loadQuestions } from "../src/core/questions";

const ROWS = 200_000;
const GOAL_BYTES = 600 * 1024 * 1024;
const MEDMCQA_DEV = new URL("../data/medmcqa/dev.json", import.meta.url).pathname;

type Row = Record<string, unknown>;

function sourceRows(): Row[] {
  if (existsSync(MEDMCQA_DEV)) return readFileSync(MEDMCQA_DEV, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Row);
  // Without the real file: synthetic rows of MedMCQA's shape and length.
  return Array.from({ length: 1000 }, (_, i) => ({
    question: `A ${20 + (i % 60)}-year-old patient presents with "symptom ${i}", fever and pain; which of the following is the most likely diagnosis?`,
    exp: `Explanation ${i}: `.padEnd(400, "lorem ipsum dolor sit amet "),
    cop: 1 + (i % 4),
    opa: `Option A for ${i}`, opb: `Option B, variant ${i}`, opc: `Option C ${i}`, opd: "None of the above",
    subject_name: ["Anatomy", "Dental", "Medicine", "Surgery"][i % 4], topic_name: null, choice_type: "single",
  }));
}

/** Streams `rows` MedMCQA-style JSON lines to `file` (never one big string). Returns the size in bytes. */
export async function writeBenchJsonl(file: string, rows = ROWS): Promise<number> {
  const src = sourceRows();
  const out = createWriteStream(file);
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = src[i % src.length]!;
    // Unique text and id per row, so duplicate detection keeps one entry per question, as in a real file.
    batch.push(JSON.stringify({ ...r, question: `${String(r["question"])} [${i}]`, id: `bench-${i.toString(16).padStart(8, "0")}` }));
    if (batch.length === 5000) {
      if (!out.write(batch.join("\n") + "\n")) await once(out, "drain");
      batch = [];
    }
  }
  if (batch.length) out.write(batch.join("\n") + "\n");
  out.end();
  await once(out, "finish");
  return statSync(file).size;
}

export interface ImportBenchFigures {
  questions: number;
  fileBytes: number;
  seconds: number;
  questionsPerSecond: number;
  /** Peak resident set size of this process over its whole life (generation + import). */
  peakRssBytes: number;
  rssBeforeImportBytes: number;
  goalBytes: number;
}

export async function runImportBench(rows = ROWS): Promise<ImportBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-bench-import-"));
  try {
    const file = join(dir, "medmcqa-200k.json");
    const fileBytes = await writeBenchJsonl(file, rows);
    (globalThis as { gc?: () => void }).gc?.();
    const rssBeforeImportBytes = process.memoryUsage().rss;
    const t0 = performance.now();
    const questions = await loadQuestions(file, { format: "medmcqa" });
    const seconds = (performance.now() - t0) / 1000;
    if (questions.length !== rows) throw new Error(`imported ${questions.length} of ${rows} questions`);
    return {
      questions: questions.length,
      fileBytes,
      seconds,
      questionsPerSecond: questions.length / seconds,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      rssBeforeImportBytes,
      goalBytes: GOAL_BYTES,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

if (process.argv[1] && /bench[\\/]import\.ts$/.test(process.argv[1])) {
  runImportBench().then((f) => {
    console.log(`import: ${f.questions.toLocaleString("en")} MedMCQA-style questions (${mb(f.fileBytes)} JSON lines, full text)`);
    console.log(`  time       ${f.seconds.toFixed(2)} s (${Math.round(f.questionsPerSecond).toLocaleString("en")} questions/s; cop detection + import + validation)`);
    console.log(`  peak RSS   ${mb(f.peakRssBytes)}   goal < ${mb(f.goalBytes)}   ${f.peakRssBytes < f.goalBytes ? "OK" : "OVER"}   (RSS before import ${mb(f.rssBeforeImportBytes)})`);
    process.exitCode = f.peakRssBytes < f.goalBytes ? 0 : 1;
  });
}
