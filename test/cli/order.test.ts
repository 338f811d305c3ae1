import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { QuestionLine } from "../../src/core/runs/bundle";
import { syllabus } from "./run-cli";

const GOLDEN = "../shared/golden/orders";
const INPUT = `${GOLDEN}/input.csv`;
const MEDQA = "../shared/data/medqa/us_test_5options.jsonl";
const dir = mkdtempSync(join(tmpdir(), "syllabus-cli-order-"));

const golden = (name: string) => readFileSync(`${GOLDEN}/${name}.txt`, "utf8");

test("order --reference reproduces the published code's blocked order (seed 1) exactly, to stdout", () => {
  const r = syllabus("order", "--input", INPUT, "--strategy", "blocked", "--seed", "1", "--reference");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, golden("blocked_seed1"));
});

test("order --reference reproduces bucketed curricula and the interleaved orders, written atomically to --output", () => {
  const cases: [string, string[]][] = [
    ["curriculum_buckets_seed42", ["--strategy", "curriculum", "--curriculum", "buckets", "--seed", "42"]],
    ["interleaved_curriculum_buckets_seed1", ["--strategy", "interleaved_curriculum", "--curriculum", "buckets", "--seed", "1", "--easy", "0.66", "--medium", "0.80"]],
    ["random_seed123", ["--strategy", "random", "--seed", "123"]],
  ];
  for (const [name, args] of cases) {
    const out = join(dir, `${name}.txt`);
    const r = syllabus("order", "--input", INPUT, ...args, "--reference", "--output", out);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out, "utf8"), golden(name), name);
    assert.match(r.stderr, /60 questions/);
  }
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".tmp")), [], "no temp file is left behind");
});

test("order --output-format jsonl writes full questions in order, valid run-bundle QuestionLines", () => {
  const out = join(dir, "medqa.jsonl");
  const r = syllabus("order", "--input", MEDQA, "--input-format", "medqa", "--category-column", "meta_info", "--strategy", "blocked", "--seed", "3", "--output", out, "--output-format", "jsonl");
  assert.equal(r.status, 0, r.stderr);
  const lines = readFileSync(out, "utf8").trim().split("\n").map((l) => QuestionLine.parse(JSON.parse(l)));
  assert.equal(lines.length, 1273);
  assert.equal(new Set(lines.map((l) => l.id)).size, 1273);
  // Blocked: one contiguous block per category, sorted category order.
  const firstHard = lines.findIndex((l) => l.category === "step2&3");
  assert.equal(firstHard, 679);
  assert.ok(lines.slice(0, 679).every((l) => l.category === "step1"));
});

test("order --output-format csv quotes text and keeps a header", () => {
  const r = syllabus("order", "--input", MEDQA, "--input-format", "medqa", "--strategy", "random", "--seed", "1", "--output-format", "csv");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.split("\n")[0]!, /^id,category,difficulty,question,A,B,C,D,E,answer$/);
  // Read back with a real CSV parser: commas, quotes and newlines in the text survive.
  const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 1273);
  const source = readFileSync(MEDQA, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { question: string; answer_idx: string });
  for (const row of rows.slice(0, 50)) {
    const original = source[Number(row.id!.slice("medqa-".length)) - 1]!;
    assert.equal(row.question, original.question);
    assert.equal(row.answer, original.answer_idx);
  }
});

test("a bad input file gives file:line and the field on stderr, and a non-zero exit", () => {
  const bad = join(dir, "bad.csv");
  writeFileSync(bad, "id,category,difficulty\na,x,0.1\nb,x,very hard\nc,,0.3\n");
  const r = syllabus("order", "--input", bad, "--strategy", "blocked");
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: \\[difficulty\\] difficulty "very hard" is not a number`));
});

test("a question without the category a strategy needs is named by line", () => {
  const bad = join(dir, "nocat.csv");
  writeFileSync(bad, "id,category,difficulty\na,x,0.1\nb,,0.2\n");
  const r = syllabus("order", "--input", bad, "--strategy", "blocked");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /nocat\.csv:3: \[category\]/);
});

test("an unknown strategy gets a 'did you mean' and exit 2; unknown options too", () => {
  const r = syllabus("order", "--input", INPUT, "--strategy", "interleaved_curiculum");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /"interleaved_curiculum" is not a strategy — did you mean "interleaved_curriculum"\?/);
  const o = syllabus("order", "--input", INPUT, "--strategy", "random", "--sede", "1");
  assert.equal(o.status, 2);
  assert.match(o.stderr, /unknown option --sede — did you mean "--seed"\?/);
  const s = syllabus("order", "--input", INPUT, "--strategy", "random", "--seed=-1");
  assert.equal(s.status, 2);
  assert.match(s.stderr, /--seed must be at least 0/);
});

test("--help prints the options and exits 0", () => {
  const r = syllabus("order", "--help");
  assert.equal(r.status, 0);
  assert.match(r.stdout, /--strategy NAME/);
  assert.match(r.stdout, /--output-format F/);
  assert.match(r.stdout, /--scores-by id\|row/);
});
