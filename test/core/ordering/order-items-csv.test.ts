/** The fast id/category/difficulty CSV reader: agrees with csv-parse on tricky files, rejects bad ones. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { parseDifficulty, readOrderItemsCsv } from "../../helpers/order-items-csv";
import { dataErrorOf } from "../../helpers/dataError";

const enc = (s: string) => Buffer.from(s, "utf8");

function quote(field: string, always: boolean): string {
  return always || /[",\r\n]/.test(field) || field.startsWith(" ") ? `"${field.replaceAll('"', '""')}"` : field;
}


test("agrees with csv-parse on random files with quotes, commas, newlines, CRLF and unicode", () => {
  const text = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "é", "\u{1F600}", "x") , maxLength: 12 });
  const row = fc.record({
    id: fc.string({ unit: fc.constantFrom("q", "1", ",", '"', "\n", "é"), minLength: 1, maxLength: 6 }),
    category: text,
    difficulty: fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }).map(String), fc.constantFrom("", "NaN", "0.66", "1e-3", " 0.5 ")),
    question: text,
  });
  fc.assert(
    fc.property(fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 20 }), fc.boolean(), fc.boolean(), (rows, crlf, alwaysQuote) => {
      fc.pre(rows.every((r) => r.id.trim() !== ""));
      const eol = crlf ? "\r\n" : "\n";
      const csv = ["question,id,difficulty,category", ...rows.map((r) => [r.question, r.id, r.difficulty, r.category].map((f) => quote(f, alwaysQuote)).join(","))].join(eol) + eol;
      const items = readOrderItemsCsv(enc(csv), "t.csv");
      const expected = (parse(csv, { columns: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[]);
      assert.equal(items.length, expected.length);
      items.forEach((item, k) => {
        const e = expected[k]!;
        assert.equal(item.id, e.id);
        // A blank (or whitespace-only) category is missing, like pandas' empty cell.
        assert.equal(item.category, e.category!.trim() === "" ? undefined : e.category);
        assert.equal(item.difficulty, parseDifficulty(e.difficulty!) ?? undefined);
      });
    }),
    { numRuns: 300 },
  );
});

test("records know their physical line, also after multi-line quoted fields", () => {
  const csv = 'id,category,difficulty,question\nq1,a,0.1,"two\nlines"\n\nq2,b,,plain\r\nq3,"c, d",0.9,"say ""hi"""\n';
  const items = readOrderItemsCsv(enc("\uFEFF" + csv), "t.csv");
  assert.deepEqual(items, [
    { id: "q1", category: "a", difficulty: 0.1, source: { file: "t.csv", line: 2 } },
    { id: "q2", category: "b", source: { file: "t.csv", line: 5 } },
    { id: "q3", category: "c, d", difficulty: 0.9, source: { file: "t.csv", line: 6 } },
  ]);
});

test("pandas NA spellings are missing difficulties; other text is an error naming the line", () => {
  for (const na of ["", "NaN", "NA", "null", "None", "n/a"]) assert.equal(parseDifficulty(na), undefined);
  for (const bad of ["abc", "0x10", "1,5", "inf", "--1"]) assert.equal(parseDifficulty(bad), null);
  assert.equal(parseDifficulty(" 1e-3 "), 0.001);
  const e = dataErrorOf(() => readOrderItemsCsv(enc("id,category,difficulty\nq1,a,0.5\nq2,a,hard\nq3,a,?\n"), "d.csv"));
  assert.deepEqual(e.issues.map((i) => [i.line, i.field]), [[3, "difficulty"], [4, "difficulty"]]);
  assert.match(e.message, /d\.csv:3: \[difficulty\] "hard" is not a number/);
});

test("malformed files are DataErrors with file, line and a fix", () => {
  const cases: [string, number, RegExp][] = [
    ['id,category,difficulty\nq1,a,0.5\nq2,"open,0.1\n', 3, /never closed/],
    ['id,category,difficulty\nq1,"a"b,0.5\n', 2, /text follows a closing quote/],
    ["id,category,difficulty\nq1,a\n", 2, /2 fields, but column "difficulty" is field 3/],
    ["id,category,difficulty\nq1,a,0.1\nq1,b,0.2\n", 3, /id "q1" is already used on line 2/],
    ["id,category,difficulty\n,a,0.1\n", 2, /id is empty/],
    ["name,category,difficulty\nq1,a,0.1\n", 1, /no "id" column \(it has: name, category, difficulty\)/],
  ];
  for (const [csv, line, message] of cases) {
    const e = dataErrorOf(() => readOrderItemsCsv(enc(csv), "bad.csv"));
    assert.equal(e.issues[0]!.file, "bad.csv");
    assert.equal(e.issues[0]!.line, line, csv);
    assert.match(e.issues[0]!.message, message);
    assert.ok(e.issues[0]!.fix);
  }
});

test("duplicate ids are found however they are written (quoted, last column before CRLF, non-ASCII)", () => {
  const csv = 'category,id\r\na,q1\r\nb,"q1"\r\nc,é\r\nd,"é"\r\ne,q2\r\n';
  const e = dataErrorOf(() => readOrderItemsCsv(enc(csv), "dup.csv"));
  assert.deepEqual(e.issues.map((i) => [i.line, i.message]), [
    [3, 'id "q1" is already used on line 2'],
    [5, 'id "é" is already used on line 4'],
  ]);
  // Many distinct ids: no false alarms from hash collisions being mistaken for duplicates.
  const many = ["id,category,difficulty", ...Array.from({ length: 50_000 }, (_, i) => `id${i},c${i % 7},${(i % 100) / 100}`)].join("\n");
  assert.equal(readOrderItemsCsv(enc(many), "many.csv").length, 50_000);
});

test("a header alone, or an empty file's header without a line end, gives no questions", () => {
  assert.deepEqual(readOrderItemsCsv(enc("id,category,difficulty\n"), "h.csv"), []);
  assert.deepEqual(readOrderItemsCsv(enc("id,category,difficulty"), "h.csv"), []);
  assert.deepEqual(readOrderItemsCsv(enc("\n\nid\r\n\r\nq1\r\n"), "h.csv"), [{ id: "q1", source: { file: "h.csv", line: 5 } }]);
});

test("columns may be renamed, and absent category/difficulty columns leave the values missing", () => {
  const items = readOrderItemsCsv(enc("qid,subject_name,llm_difficulty\nq1,Anatomy,0.25\n"), "m.csv", { id: "qid", category: "subject_name", difficulty: "llm_difficulty" });
  assert.deepEqual(items, [{ id: "q1", category: "Anatomy", difficulty: 0.25, source: { file: "m.csv", line: 2 } }]);
  assert.deepEqual(readOrderItemsCsv(enc("id\nq1\n"), "x.csv"), [{ id: "q1", source: { file: "x.csv", line: 2 } }]);
});
