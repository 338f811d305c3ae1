import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { join } from "node:path";
import { writeStarterExperiment } from "../../src/language/starter";
import { planExperiment } from "../../src/core/runs/plan";
import { renderConfigReference } from "../../src/language/reference";
import { BLOCKS, type ValueType } from "../../src/language/schema";
import { analyze } from "../../src/language/analyze";
import { newExperimentTemplate } from "../../src/language/template";
import { formatText } from "../../src/language/format";

const root = path.resolve(__dirname, "../..");
const REPO = root;

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

test("the new-experiment template runs on `local` as written: tiny model, shipped data, no unshipped file", async () => {
  const text = newExperimentTemplate();
  assert.equal(formatText(text), text, "the template is already canonically formatted");
  // In a folder holding only what "New Experiment" copies there (the shipped data), it checks clean and plans.
  const dir = mkdtempSync(join(tmpdir(), "syllabus-template-"));
  const file = writeStarterExperiment(dir, join(REPO, "data"));
  const a = analyze(readFileSync(file, "utf8"), file);
  assert.deepEqual(a.diagnostics.map((d) => d.message), []);
  const exp = a.config!.experiments.first_experiment!;
  assert.equal(exp.host, "local");
  for (const m of exp.models) assert.equal(a.config!.models[m]!.hf, "tiny-random-llama", "no multi-GB model on local");
  const plan = await planExperiment(a.config!, exp.name);
  assert.equal(plan.trainCount, 120);
  assert.equal(plan.runs.length, exp.strategies.length * exp.seeds.length);
  assert.equal(plan.runs[0]!.evalSets[0]!.questions.length, 60);
  // A second "New Experiment" in the same folder keeps the first file and the data.
  const second = writeStarterExperiment(dir, join(REPO, "data"));
  assert.notEqual(second, file);
  assert.match(readFileSync(second, "utf8"), /experiment experiment_2 \{/);
  // Without the data, check names the missing files (and nothing else is an error).
  const missing = analyze(text, "/nonexistent/new.syllabus");
  assert.deepEqual([...new Set(missing.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))], ["missing-file"]);
});
