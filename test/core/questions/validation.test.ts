import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, formatIssue } from "../../../src/core/errors";
import { loadItems, loadQuestions, importQuestions } from "../../../src/core/questions";
import { at, fixture, issuesOf, jsonl } from "./fixtures";

const good = (id: string, extra: Record<string, unknown> = {}) => ({ id, question: `What is ${id}?`, options: { A: "one", B: "two", C: "three" }, answer: "B", ...extra });

test("a missing answer is reported with its line and field", async () => {
  const file = fixture("no-answer.jsonl", jsonl([good("a"), good("b", { answer: undefined }), good("c")]));
  const issue = at(await issuesOf(() => loadQuestions(file, { format: "jsonl" })), 2);
  assert.equal(issue.field, "answer");
  assert.match(issue.message, /missing/);
  assert.equal(issue.file, file);
});

test("an answer letter that is not among the options names the offered letters", async () => {
  const file = fixture("bad-letter.jsonl", jsonl([good("a"), good("b", { answer: "E" })]));
  const issue = at(await issuesOf(() => loadQuestions(file, { format: "jsonl" })), 2);
  assert.equal(issue.field, "answer");
  assert.match(issue.message, /"E" is not one of the options \(A, B, C\)/);
  assert.match(issue.fix!, /A, B, C/);
});

test("MedQA: answer_idx outside a 4-option question's letters", async () => {
  const q = { question: "Q?", options: { A: "a", B: "b", C: "c", D: "d" }, answer_idx: "E", meta_info: "step1" };
  const issue = at(await issuesOf(() => loadQuestions(fixture("medqa-bad.jsonl", jsonl([q])), { format: "medqa" })), 1);
  assert.equal(issue.field, "answer_idx");
});

test("duplicate ids name both lines", async () => {
  const file = fixture("dup-id.jsonl", jsonl([good("a"), good("b"), good("a", { question: "Other?" })]));
  const issue = at(await issuesOf(() => loadQuestions(file, { format: "jsonl" })), 3);
  assert.equal(issue.field, "id");
  assert.match(issue.message, /already used on line 1/);
});

test("the same question and options with conflicting answers is an error; with the same answer it is not", async () => {
  const conflict = fixture("dup-q.jsonl", jsonl([good("a"), good("b", { question: "What is a?", answer: "C" })]));
  const issue = at(await issuesOf(() => loadQuestions(conflict, { format: "jsonl" })), 2);
  assert.equal(issue.field, "answer");
  assert.match(issue.message, /line 1 with answer B, here with answer C/);
  const same = fixture("dup-q-same.jsonl", jsonl([good("a"), good("b", { question: "What is a?" })]));
  assert.equal((await loadQuestions(same, { format: "jsonl" })).length, 2);
});

test("an empty option is reported with its letter", async () => {
  const file = fixture("empty-opt.jsonl", jsonl([good("a", { options: { A: "x", B: "  ", C: "z" } })]));
  const issue = at(await issuesOf(() => loadQuestions(file, { format: "jsonl" })), 1);
  assert.equal(issue.field, "options.B");
  assert.match(issue.message, /option B is empty/);
});

test("MedMCQA: a null option is an empty option", async () => {
  const q = { id: "m1", question: "Q?", opa: "a", opb: null, opc: "c", opd: "d", cop: 4 };
  const issue = at(await issuesOf(() => loadQuestions(fixture("mm-null.json", jsonl([q])), { format: "medmcqa" })), 1);
  assert.equal(issue.field, "opa..opd.B");
});

test("non-contiguous option letters", async () => {
  const file = fixture("gap.jsonl", jsonl([good("a", { options: { A: "x", B: "y", D: "z" } })]));
  const issue = at(await issuesOf(() => loadQuestions(file, { format: "jsonl" })), 1);
  assert.match(issue.message, /A,B,D are not contiguous/);
  assert.match(issue.fix!, /A,B,C/);
});

test("fewer than 2 options", async () => {
  const file = fixture("one.jsonl", jsonl([good("a", { options: ["only"], answer: "A" })]));
  const issues = await issuesOf(() => loadQuestions(file, { format: "jsonl" }));
  assert.match(at(issues, 1).message, /at least 2 options, this one has 1/);
});

test("invalid UTF-8 in JSON lines names the line", async () => {
  const bytes = Buffer.concat([Buffer.from(jsonl([good("a")])), Buffer.from('{"id":"b","question":"caf'), Buffer.from([0xe9]), Buffer.from('?","options":{"A":"x","B":"y"},"answer":"A"}\n')]);
  const issue = at(await issuesOf(() => loadQuestions(fixture("latin1.jsonl", bytes), { format: "jsonl" })), 2);
  assert.match(issue.message, /not valid UTF-8/);
  assert.match(issue.fix!, /UTF-8/);
});

test("invalid UTF-8 in a CSV names the line, also across read chunks", async () => {
  const head = "id,question,A,B,answer\n";
  const filler = Array.from({ length: 3000 }, (_, i) => `q${i},Question number ${i} with some padding text?,yes,no,A\n`).join("");
  const bad = Buffer.concat([Buffer.from("bad,Caf"), Buffer.from([0xe9]), Buffer.from(" au lait?,yes,no,B\n")]);
  const file = fixture("latin1.csv", Buffer.concat([Buffer.from(head + filler), bad, Buffer.from("last,Last?,yes,no,A\n")]));
  const issues = await issuesOf(() => loadQuestions(file, { format: "csv" }));
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.line, 3002);
});

test("malformed JSON lines are reported, and every problem in the file comes in ONE error", async () => {
  const file = fixture(
    "many.jsonl",
    jsonl([good("a"), '{"id": "b", "question": "Q?", "options": {', good("c", { answer: "Z" }), "[1, 2]", good("a")]),
  );
  let error: unknown;
  try {
    await loadQuestions(file, { format: "jsonl" });
  } catch (err) {
    error = err;
  }
  assert.ok(error instanceof DataError);
  assert.deepEqual(error.issues.map((i) => i.line), [2, 3, 4, 5]);
  assert.match(at(error.issues, 2).message, /malformed JSON/);
  assert.match(at(error.issues, 4).message, /not an object/);
  assert.match(error.message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:`));
});

test("questions are streamed: valid ones are yielded before the error at the end", async () => {
  const file = fixture("stream.jsonl", jsonl([good("a"), good("b"), good("c", { answer: "" })]));
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const q of importQuestions(file, { format: "jsonl" })) seen.push(q.id);
  }, DataError);
  assert.deepEqual(seen, ["a", "b"]);
});

test("CSV: a wrong number of fields and an unclosed quote are reported with lines", async () => {
  const fields = fixture("fields.csv", "id,question,A,B,answer\nq1,Q1?,x,y,A\nq2,Q2?,x,A\nq3,Q3?,x,y,B\n");
  const issue = at(await issuesOf(() => loadQuestions(fields, { format: "csv" })), 3);
  assert.match(issue.message, /different number of fields/);
  const quote = fixture("quote.csv", 'id,question,A,B,answer\nq1,Q1?,x,y,A\nq2,"Q2?,x,y,A\n');
  const q = await issuesOf(() => loadQuestions(quote, { format: "csv" }));
  assert.ok(q.some((i) => /Quote Not Closed/i.test(i.message) && i.line >= 3), JSON.stringify(q));
});

test("CSV: records with quoted newlines (LF and CRLF) keep the line they start on", async () => {
  for (const nl of ["\n", "\r\n"]) {
    const text = ["id,question,A,B,answer", 'q1,"two', 'lines?",x,y,A', "q2,Q2?,x,y,B", "", 'q3,"three', "", 'lines?","a ""quoted""",y,A'].join(nl) + nl;
    const qs = await loadQuestions(fixture(`multi${nl.length}.csv`, text), { format: "csv" });
    assert.deepEqual(qs.map((q) => q.source.line), [2, 4, 6]);
    assert.equal(qs[2]!.options.A, 'a "quoted"');
  }
});

test("a column the user names must exist: reported once, with the columns there are", async () => {
  const file = fixture("cols.csv", "id,question,A,B,answer,cat\nq1,Q1?,x,y,A,k\n");
  const issues = await issuesOf(() => loadQuestions(file, { format: "csv", columns: { category: "Category" } }));
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.line, 1);
  assert.match(issues[0]!.message, /"Category" is not in the file \(columns: id, question, A, B, answer, cat\)/);
});

test("a non-numeric difficulty is an error; blank and NaN mean missing", async () => {
  const file = fixture("diff.csv", "id,category,difficulty\na,x,0.5\nb,x,\nc,x,NaN\nd,x,hard\n");
  const issue = at(await issuesOf(() => loadItems(file, { format: "csv" })), 5);
  assert.equal(issue.field, "difficulty");
  const ok = fixture("diff-ok.csv", "id,category,difficulty\na,x,0.5\nb,x,\nc,x,NaN\n");
  const items = await loadItems(ok, { format: "csv" });
  assert.deepEqual(items.map((i) => i.difficulty), [0.5, undefined, undefined]);
});

test("issues format as file:line: [field] message. Fix: …", async () => {
  const file = fixture("fmt.jsonl", jsonl([good("a", { answer: "Q" })]));
  const issues = await issuesOf(() => loadQuestions(file, { format: "jsonl" }));
  assert.match(formatIssue(issues[0]!), new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1: \\[answer\\] answer "Q" is not one of the options \\(A, B, C\\)\\. Fix: use one of A, B, C$`));
});
