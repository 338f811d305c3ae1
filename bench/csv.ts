/**
 * CSV import on a file that is ONE physical line: 50 MB of questions whose records end in a bare "\r"
 * (classic Mac line ends; to a line counter the whole file is a single line). This shape once made the
 * importer quadratic (90 s; the unfinished line was re-copied per 64 kB chunk). Printed beside the same
 * rows with "\n" line ends as the reference: the two should take about the same time.
 * Goal: the single-line file imports in < 5 s.
 * Measured on a shared 2-core machine under load average ~18 (so slow in absolute terms): before the
 * fix 12 MB took 7.0 s and 25 MB 44.5 s (quadratic); after it 12 MB 4.1 s, 25 MB 7.8 s, 50 MB 16.6 s with
 * the "\n" reference at 12.1 s — linear, and the single line within 1.4× of the reference.
 *
 * Run: node --import tsx bench/csv.ts   (or `npm run bench -- csv`)
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadQuestions } from "../src/core/questions";

const TARGET_BYTES = 50 * 1024 * 1024;
const GOAL_SECONDS = 5;

function rows(): string[] {
  const out = ["id,question,A,B,C,D,answer"];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const row = `q${i},"A ${20 + (i % 60)}-year-old patient presents with fever, pain and ""symptom ${i}""; which is the most likely diagnosis? ${"details ".repeat(20)}","Option A ${i}","Option B ${i}","Option C ${i}","None of the above",${"ABCD"[i % 4]}`;
    out.push(row);
    size += row.length + 1;
  }
  return out;
}

async function timeImport(file: string): Promise<{ seconds: number; questions: number; bytes: number }> {
  const t0 = performance.now();
  const questions = await loadQuestions(file, { format: "csv", columns: { id: "id", question: "question", answer: "answer" } });
  return { seconds: (performance.now() - t0) / 1000, questions: questions.length, bytes: statSync(file).size };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-bench-csv-"));
  try {
    const r = rows();
    const single = join(dir, "single-line.csv");
    const lines = join(dir, "lines.csv");
    writeFileSync(single, r.join("\r") + "\r");
    writeFileSync(lines, r.join("\n") + "\n");
    const one = await timeImport(single);
    const ref = await timeImport(lines);
    if (one.questions !== r.length - 1 || ref.questions !== r.length - 1) throw new Error(`imported ${one.questions} / ${ref.questions} of ${r.length - 1} questions`);
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
    console.log(`csv: ${one.questions.toLocaleString("en")} questions, ${mb(one.bytes)}`);
    console.log(`  one physical line ("\\r" ends)   ${one.seconds.toFixed(2)} s   goal < ${GOAL_SECONDS} s   ${one.seconds < GOAL_SECONDS ? "OK" : "OVER"}`);
    console.log(`  reference ("\\n" ends)           ${ref.seconds.toFixed(2)} s`);
    process.exitCode = one.seconds < GOAL_SECONDS ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
