import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { detectCopBase, loadItems, loadQuestions, optionLetters } from "../../../src/core/questions";
import { fixture, issuesOf, REAL } from "./fixtures";

test("MedQA US test (5 options): 1,273 questions with line-based ids, answers and options", async () => {
  const qs = await loadQuestions(REAL.medqa, { format: "medqa" });
  assert.equal(qs.length, 1273);
  const first = qs[0]!;
  assert.equal(first.id, "medqa-1");
  assert.match(first.question, /^A junior orthopaedic surgery resident/);
  assert.equal(first.answer, "C");
  assert.equal(first.options.C, "Tell the attending that he cannot fail to disclose this mistake");
  assert.deepEqual(optionLetters(first), ["A", "B", "C", "D", "E"]);
  assert.equal(first.category, undefined);
  assert.deepEqual(first.source, { file: REAL.medqa, line: 1, row: 0 });
  const last = qs[1272]!;
  assert.equal(last.id, "medqa-1273");
  assert.deepEqual(last.source, { file: REAL.medqa, line: 1273, row: 1272 });
  // Every row's answer letter matches the text the file gives as `answer`.
  const raw = readFileSync(REAL.medqa, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { answer: string; answer_idx: string });
  qs.forEach((q, i) => assert.equal(q.options[q.answer], raw[i]!.answer));
  assert.ok(qs.every((q) => optionLetters(q).length === 5));
});

test("MedQA meta_info can be chosen as the category", async () => {
  const qs = await loadQuestions(REAL.medqa, { format: "medqa", columns: { category: "meta_info" } });
  const counts = new Map<string, number>();
  for (const q of qs) counts.set(q.category!, (counts.get(q.category!) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(counts), { step1: 679, "step2&3": 594 });
});

test("MedQA 4-option files import too", async () => {
  const file = fixture(
    "medqa4.jsonl",
    readFileSync(REAL.medqa, "utf8").split("\n").slice(0, 30).filter(Boolean).map((l) => {
      const r = JSON.parse(l) as { options: Record<string, string>; answer_idx: string; answer: string };
      const letters = ["A", "B", "C", "D", "E"].filter((x) => x !== r.answer_idx).slice(0, 3).concat(r.answer_idx).sort();
      const options = Object.fromEntries(letters.map((x, i) => ["ABCD"[i]!, r.options[x]!]));
      const answer_idx = "ABCD"[letters.indexOf(r.answer_idx)]!;
      return JSON.stringify({ ...r, options, answer_idx });
    }).join("\n"),
  );
  const qs = await loadQuestions(file, { format: "medqa" });
  assert.equal(qs.length, 30);
  assert.ok(qs.every((q) => optionLetters(q).length === 4));
});

test("MedMCQA dev: 4,183 questions, cop detected as 1-based, subject as category", async () => {
  const detected = await detectCopBase(REAL.medmcqa);
  assert.equal(detected.base, 1);
  assert.equal(detected.evidence.cop, 4);
  const qs = await loadQuestions(REAL.medmcqa, { format: "medmcqa" });
  assert.equal(qs.length, 4183);
  const first = qs[0]!;
  assert.equal(first.id, "45258d3d-b974-44dd-a161-c3fccbdadd88");
  assert.equal(first.question, "Which of the following is not true for myelinated nerve fibers:");
  assert.equal(first.answer, "A"); // cop 1, 1-based
  assert.equal(first.options.D, "Local anesthesia is effective only when the nerve is not covered by myelin sheath");
  assert.equal(first.category, "Physiology");
  assert.equal(qs[1]!.id, "b944ada9-d776-4c2a-9180-3ae5f393f72d");
  assert.equal(qs.filter((q) => q.category === "Dental").length, 1318);
  const byAnswer = new Map<string, number>();
  for (const q of qs) byAnswer.set(q.answer, (byAnswer.get(q.answer) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries([...byAnswer].sort()), { A: 1348, B: 1085, C: 925, D: 825 });
  assert.equal(qs[4182]!.source.line, 4183);
});

test("MedMCQA in the Hugging Face export (0-based cop) gives the same answers", async () => {
  const lines = readFileSync(REAL.medmcqa, "utf8").split("\n").slice(0, 200).filter(Boolean);
  const zeroBased = lines.map((l) => {
    const r = JSON.parse(l) as { cop: number };
    return JSON.stringify({ ...r, cop: r.cop - 1 });
  });
  const hf = fixture("hf.json", zeroBased.join("\n") + "\n");
  const orig = fixture("orig.json", lines.join("\n") + "\n");
  assert.equal((await detectCopBase(hf)).base, 0);
  const a = await loadQuestions(hf, { format: "medmcqa" });
  const b = await loadQuestions(orig, { format: "medmcqa" });
  assert.deepEqual(a.map((q) => q.answer), b.map((q) => q.answer));
});

test("MedMCQA with only cop 1..3 is ambiguous: an error asking for cop_base, unless it is given", async () => {
  const rows = [1, 2, 3, 2].map((cop, i) => JSON.stringify({ id: `m${i}`, question: `Q${i}?`, opa: "a", opb: "b", opc: "c", opd: "d", cop, subject_name: "Anatomy" }));
  const file = fixture("ambiguous.json", rows.join("\n"));
  const issues = await issuesOf(() => loadQuestions(file, { format: "medmcqa" }));
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.field, "cop");
  assert.match(issues[0]!.fix!, /cop_base = 1/);
  assert.match(issues[0]!.fix!, /cop_base = 0/);
  const one = await loadQuestions(file, { format: "medmcqa", copBase: 1 });
  const zero = await loadQuestions(file, { format: "medmcqa", copBase: 0 });
  assert.deepEqual(one.map((q) => q.answer), ["A", "B", "C", "B"]);
  assert.deepEqual(zero.map((q) => q.answer), ["B", "C", "D", "C"]);
});

test("MedMCQA mixing cop 0 and cop 4 is an error naming both lines", async () => {
  const rows = [0, 2, 4].map((cop, i) => JSON.stringify({ id: `m${i}`, question: `Q${i}?`, opa: "a", opb: "b", opc: "c", opd: "d", cop }));
  const issues = await issuesOf(() => loadQuestions(fixture("mixed.json", rows.join("\n")), { format: "medmcqa" }));
  assert.equal(issues[0]!.line, 3);
  assert.match(issues[0]!.message, /line 1/);
});

test("the golden order input (id, category, difficulty) is a label table", async () => {
  const items = await loadItems(REAL.golden, { format: "csv" });
  assert.equal(items.length, 60);
  assert.deepEqual(items[0], { id: "q000", category: "surgery", difficulty: 0.841, source: { file: REAL.golden, line: 2, row: 0 } });
  assert.ok(items.every((it) => !("question" in it)));
});

test("cop detection is not fooled by a quoted \"cop\": 0 inside the text", async () => {
  const rows = [
    { id: "m1", question: 'He wrote {"cop": 0, "x": 1} on the board?', opa: "a", opb: "b", opc: "c", opd: "d", cop: 4 },
    { id: "m2", question: "Q2?", opa: "a", opb: "b", opc: "c", opd: "d", cop: 2 },
  ];
  const file = fixture("quoted-cop.json", rows.map((r) => JSON.stringify(r)).join("\n"));
  const detected = await detectCopBase(file);
  assert.deepEqual(detected, { base: 1, evidence: { line: 1, cop: 4 } });
});
