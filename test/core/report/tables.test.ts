import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { tableFromMarginals } from "../../../src/core/stats/index";
import { renderTable } from "../../../src/core/report/tables";

const fixture = JSON.parse(readFileSync(join(__dirname, "../../fixtures/study_table1.json"), "utf8"));
const t1b = fixture.tables["1b"];
const table = tableFromMarginals({
  experiment: "Table 1b",
  strategies: fixture.strategies,
  models: fixture.models,
  evalSets: fixture.evalSets,
  byModel: t1b.byModel.map((r: number[]) => r.map((x) => x / 100)),
  byEvalSet: t1b.byEvalSet.map((r: number[]) => r.map((x) => x / 100)),
});

test("Markdown: the study's layout with the published numbers and the published bold cells", () => {
  const { markdown } = renderTable(table);
  const lines = markdown.split("\n");
  assert.equal(lines[2], "| Strategy | TinyLlama 1.1B | Llama 2 7B | Llama 2 13B | Mistral 7B | LEK | MedMCQA | MedQA | Mean |");
  assert.equal(lines[4], "| Random Shuffle | 20.40 | 38.71 | 42.57 | 47.97 | 43.55 | 36.28 | 32.40 | 37.41 |");
  // Table 1b bold: Curriculum 7B & LEK; BC Tiny; Interleaved MedQA; IC 13B, Mistral, MedMCQA, Mean (Yang et al. 2024, Table 1(b)).
  assert.equal(lines[5], "| Curriculum | 20.88 | **39.21** | 42.82 | 48.39 | **44.36** | 36.86 | 32.26 | 37.83 |");
  assert.equal(lines[7], "| Blocked Curriculum | **21.84** | 37.89 | 42.67 | 48.71 | 43.64 | 37.20 | 32.51 | 37.78 |");
  assert.equal(lines[8], "| Interleaved | 21.74 | 38.87 | 42.79 | 48.88 | 44.18 | 37.04 | **32.99** | 38.07 |");
  assert.equal(lines[9], "| Interleaved Curriculum | 21.67 | 38.98 | **43.02** | **49.32** | 44.22 | **38.09** | 32.43 | **38.25** |");
});

test("LaTeX: \\textbf on the best cells, a valid tabular, published values", () => {
  const { latex } = renderTable(table);
  assert.match(latex, /\\begin\{tabular\}\{lrrrr\|rrr\|r\}/);
  assert.match(latex, /Interleaved Curriculum & 21\.67 & 38\.98 & \\textbf\{43\.02\} & \\textbf\{49\.32\} & 44\.22 & \\textbf\{38\.09\} & 32\.43 & \\textbf\{38\.25\} \\\\/);
  assert.equal((latex.match(/\\textbf/g) ?? []).length, 8);
});

test("CSV: parses back to the same table (csv-parse), one row per strategy", () => {
  const rows = parse(renderTable(table).csv) as string[][];
  assert.deepEqual(rows[0], ["strategy", ...fixture.models, ...fixture.evalSets, "Mean"]);
  assert.deepEqual(rows[6], ["interleaved_curriculum", "21.67", "38.98", "43.02", "49.32", "44.22", "38.09", "32.43", "38.25"]);
});

test("hostile names are escaped in every format; spreadsheet formulas are neutralised", () => {
  const evil = { ...table, strategies: ["random", "=HYPERLINK(\"x\")", "a|b_c<script>alert(1)</script>", "x%y&z", "q", "r"] };
  const { markdown, latex, csv } = renderTable(evil);
  assert.ok(!markdown.includes("<script>"));
  assert.match(markdown, /a\\\|b\\_c&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(latex, /a\|b\\_c\\textless\{\}script\\textgreater\{\}alert\(1\)\\textless\{\}\/script\\textgreater\{\}/);
  assert.match(latex, /x\\%y\\&z/);
  const rows = parse(csv) as string[][];
  assert.equal(rows[2]![0], "'=HYPERLINK(\"x\")");
});
