import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { renderConfigReference } from "../../src/language/reference";
import { BLOCKS, type ValueType } from "../../src/language/schema";
import { analyze } from "../../src/language/analyze";
import { newExperimentTemplate } from "../../src/language/template";
import { formatText } from "../../src/language/format";

const root = path.resolve(__dirname, "../..");

test("docs/config-reference.md is up to date with the schema (regenerate: node --import tsx scripts/gen-config-reference.ts)", () => {
  assert.equal(readFileSync(path.join(root, "docs/config-reference.md"), "utf8"), renderConfigReference());
});

test("the reference documents every key of every block", () => {
  const doc = renderConfigReference();
  const walk = (t: ValueType, prefix: string) => {
    if (t.kind === "block") for (const k of t.keys) (assert.ok(doc.includes(`\`${prefix}${k.name}\``), prefix + k.name), walk(k.type, `${prefix}${k.name}.`));
  };
  for (const b of BLOCKS) for (const k of b.keys) (assert.ok(doc.includes(`| \`${k.name}\``), k.name), walk(k.type, `${k.name}.`));
});

test("every block example in the schema is itself a valid, formatted fragment", () => {
  for (const b of BLOCKS) {
    const a = analyze(b.example, "/tmp/x/example.syllabus", { fileExists: () => true });
    assert.deepEqual(a.ast.errors, [], b.keyword);
    assert.deepEqual(a.diagnostics.filter((d) => d.code === "unknown-key" || d.code === "type"), [], b.keyword);
    assert.ok(formatText(b.example) !== undefined);
  }
});

test("the new-experiment template is a valid replication config of the study", () => {
  for (const tiny of [false, true]) {
    const text = newExperimentTemplate({ tiny });
    const a = analyze(text, "/tmp/x/new.syllabus", { fileExists: () => true });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === "error"), []);
    const e = a.config!.experiments.lek_replication!;
    assert.equal(e.strategies.length, 6);
    assert.deepEqual(e.seeds, [1, 2, 3, 4, 5]);
    assert.deepEqual(e.evaluate, ["lek", "medqa", "medmcqa"]);
    assert.equal(e.models.length, tiny ? 1 : 4);
    assert.equal(formatText(text), text, "the template is already canonically formatted");
  }
  // Without data, check names the missing files (and nothing else is an error).
  const a = analyze(newExperimentTemplate(), "/nonexistent/new.syllabus");
  assert.deepEqual([...new Set(a.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))], ["missing-file"]);
});
