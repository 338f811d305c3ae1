import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { QuestionLine } from "../../src/core/runs/bundle";
import { syllabus } from "./run-cli";

const GOLDEN = "test/fixtures/golden/orders";
const INPUT = `${GOLDEN}/input.csv`;
const MEDQA = "data/medqa/us_test_5options.jsonl";
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

test("LEK with human-answer-share difficulty: a strict curriculum goes from the most to the least answered", () => {
  const lek = join(dir, "lek.csv");
  writeFileSync(
    lek,
    [
      ",prompt,A,B,C,D,E,Answer,Category,%A,%B,%C,%D,%E",
      "0,Q0?,a,b,c,d,e,A,ID,50,20,10,10,10", // difficulty 0.5
      "1,Q1?,a,b,c,d,e,B,PD,5,90,5,0,0", // 0.1
      "2,Q2?,a,b,c,d,e,C,ID,30,30,20,10,10", // 0.8
      "3,Q3?,a,b,c,d,e,E,PD,10,10,10,0,70", // 0.3
    ].join("\n") + "\n",
  );
  const r = syllabus("order", "--input", lek, "--input-format", "lek", "--difficulty-human", "--strategy", "curriculum");
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split("\n"), ["lek-3", "lek-5", "lek-2", "lek-4"]);
});

test("LLM-ensemble difficulty from two model files orders a curriculum", () => {
  const qs = join(dir, "ens.jsonl");
  const q = (id: string) => JSON.stringify({ id, question: `${id}?`, options: { A: "x", B: "y" }, answer: "A" });
  writeFileSync(qs, [q("a"), q("b"), q("c")].join("\n") + "\n");
  const m1 = join(dir, "m1.jsonl");
  const m2 = join(dir, "m2.jsonl");
  // P(A): a 0.9/0.7 → 0.2; b 0.1/0.3 → 0.8; c 0.5/0.5 → 0.5 difficulty.
  writeFileSync(m1, ['{"id":"a","probs":{"A":0.9,"B":0.1}}', '{"id":"b","probs":{"A":0.1,"B":0.9}}', '{"id":"c","probs":{"A":0.5,"B":0.5}}'].join("\n"));
  writeFileSync(m2, ['{"id":"c","logprobs":{"A":-0.6931471805599453,"B":-0.6931471805599453}}', '{"id":"a","probs":{"A":0.7,"B":0.3}}', '{"id":"b","probs":{"A":0.3,"B":0.7}}'].join("\n"));
  const r = syllabus("order", "--input", qs, "--difficulty-llm", m1, "--difficulty-llm", m2, "--strategy", "curriculum", "--output-format", "jsonl");
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: string; difficulty: number });
  assert.deepEqual(rows.map((x) => x.id), ["a", "c", "b"]);
  assert.ok(Math.abs(rows[0]!.difficulty - 0.2) < 1e-12);
  writeFileSync(m2, '{"id":"a","probs":{"A":0.7,"B":0.3}}\n');
  const missing = syllabus("order", "--input", qs, "--difficulty-llm", m1, "--difficulty-llm", m2, "--strategy", "curriculum");
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /question "b" \(.*ens\.jsonl:2\) has no line in this model's file/);
});
