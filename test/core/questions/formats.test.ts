import { test } from "node:test";
import assert from "node:assert/strict";
import { loadItems, loadQuestions, optionLetters } from "../../../src/core/questions";
import { at, fixture, issuesOf, jsonl } from "./fixtures";

const LEK_HEADER = ",prompt,A,B,C,D,E,Answer,Category,%A,%B,%C,%D,%E";

test("LEK CSV: saved pandas index ignored, Category, %A..%E as shares, line-based ids", async () => {
  const file = fixture(
    "lek.csv",
    [LEK_HEADER, '0,"Which drug, first?",a1,b1,c1,d1,e1,C,ID,10,5,70.5,10,4.5', "1,Second?,a2,b2,c2,d2,,B,PD,20,60,10,10,"].join("\n") + "\n",
  );
  const qs = await loadQuestions(file, { format: "lek" });
  assert.equal(qs.length, 2);
  assert.equal(qs[0]!.id, "lek-2");
  assert.equal(qs[0]!.question, "Which drug, first?");
  assert.equal(qs[0]!.category, "ID");
  assert.equal(qs[0]!.answer, "C");
  assert.deepEqual(qs[0]!.humanShares, { A: 0.1, B: 0.05, C: 0.705, D: 0.1, E: 0.045 });
  assert.deepEqual(optionLetters(qs[1]!), ["A", "B", "C", "D"]); // empty E cell: a 4-option question
  assert.equal(qs[1]!.humanShares!.E, undefined);
});

test("LEK: a percentage outside [0, 100] names the cell", async () => {
  const file = fixture("lek-bad.csv", [LEK_HEADER, "0,Q?,a,b,c,d,e,A,ID,150,0,0,0,0"].join("\n"));
  const issue = at(await issuesOf(() => loadQuestions(file, { format: "lek" })), 2);
  assert.equal(issue.field, "%A");
});

test("LEK: an empty option in the middle leaves a gap, which is reported", async () => {
  const file = fixture("lek-gap.csv", [LEK_HEADER, "0,Q?,a,,c,d,e,A,ID,1,1,1,1,1"].join("\n"));
  const issue = at(await issuesOf(() => loadQuestions(file, { format: "lek" })), 2);
  assert.match(issue.message, /not contiguous/);
});

test("generic CSV with a column mapping and options in one JSON column", async () => {
  const file = fixture(
    "mapped.csv",
    'qid,text,choices,key,topic,hardness\nx1,Q1?,"{""A"": ""yes"", ""B"": ""no""}",b,cardio,0.25\nx2,Q2?,"[""p"", ""q"", ""r""]",C,neuro,0.75\n',
  );
  const qs = await loadQuestions(file, {
    format: "csv",
    columns: { id: "qid", question: "text", options: "choices", answer: "key", category: "topic", difficulty: "hardness" },
  });
  assert.deepEqual(
    qs.map((q) => [q.id, q.answer, q.category, q.difficulty, optionLetters(q).join("")]),
    [
      ["x1", "B", "cardio", 0.25, "AB"],
      ["x2", "C", "neuro", 0.75, "ABC"],
    ],
  );
});

test("generic JSONL with an options array and no id field gets line-based ids", async () => {
  const file = fixture("noid.jsonl", jsonl([{ question: "Q1?", options: ["a", "b"], answer: "A" }, "", { question: "Q2?", options: ["a", "b"], answer: "B" }]));
  const qs = await loadQuestions(file, { format: "jsonl" });
  assert.deepEqual(qs.map((q) => [q.id, q.source.line, q.source.row]), [["jsonl-1", 1, 0], ["jsonl-3", 3, 1]]);
});

test("an option key that is not a letter is reported", async () => {
  const file = fixture("f.jsonl", jsonl([{ id: "a", question: "Q?", options: { A: "x", B: "y", F: "z" }, answer: "A" }]));
  const issue = at(await issuesOf(() => loadQuestions(file, { format: "jsonl" })), 1);
  assert.equal(issue.field, "options.F");
});

test("a label table has no question text: fine for ordering, an error where questions are needed", async () => {
  const file = fixture("labels.jsonl", jsonl([{ id: "a", category: "x", difficulty: 0.1 }, { id: "b", category: "y" }]));
  const items = await loadItems(file, { format: "jsonl" });
  assert.deepEqual(items.map((i) => [i.id, i.category, i.difficulty]), [["a", "x", 0.1], ["b", "y", undefined]]);
  const issues = await issuesOf(() => loadQuestions(file, { format: "jsonl" }));
  assert.match(issues[0]!.message, /no question text/);
});

test("an empty file is an error, not zero questions", async () => {
  const issues = await issuesOf(() => loadQuestions(fixture("empty.jsonl", ""), { format: "jsonl" }));
  assert.match(issues[0]!.message, /no questions/);
});

test("a missing file is a DataError naming it", async () => {
  const issues = await issuesOf(() => loadQuestions("/nonexistent/q.jsonl", { format: "medqa" }));
  assert.equal(issues[0]!.file, "/nonexistent/q.jsonl");
  assert.match(issues[0]!.message, /not found/);
});

test("option columns can be mapped by letter (a config's flat columns record)", async () => {
  const file = fixture("letters.csv", "id,question,first,second,answer\nq1,Q?,yes,no,B\n");
  const flat = { A: "first", B: "second" } as Record<string, string>;
  const qs = await loadQuestions(file, { format: "csv", columns: flat });
  assert.deepEqual(qs[0]!.options, { A: "yes", B: "no" });
  const typo = await issuesOf(() => loadQuestions(file, { format: "csv", columns: { A: "first", B: "scond" } as Record<string, string> }));
  assert.match(typo[0]!.message, /option B column "scond" is not in the file/);
});
