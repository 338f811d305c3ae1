/**
 * examples/replication.syllabus is the whole study (Yang et al. 2024, Tables 1(a), 1(b), 3 and 5, Fig. 2b):
 * once the bring-your-own files exist it checks clean, and it resolves to the study's design.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { analyze } from "../../src/language/analyze";

const file = path.resolve("examples/replication.syllabus");
const text = readFileSync(file, "utf8");
/** As if the user had put the two bring-your-own files in place. */
const a = analyze(text, file, { fileExists: (p) => /lek_full\.csv$|us_train\.jsonl$/.test(p) || existsSync(p) });

test("with its bring-your-own files supplied, the replication config has no error", () => {
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === "error").map((d) => d.message), []);
  assert.ok(a.config);
});

test("it resolves to the study's design: CV for the LEK column, full LEK for MedQA/MedMCQA, three labellings, the MedQA arm", () => {
  const c = a.config!;
  const e = c.experiments;
  for (const name of ["t1a_cv", "t1b_cv", "t3_cv"]) {
    assert.deepEqual(e[name]!.crossValidation, { folds: 4, seed: 0, stratify: "none" }, name);
    assert.deepEqual(e[name]!.evaluate, ["lek"], name);
  }
  for (const name of ["t1a_full", "t1b_full", "t3_full"]) {
    assert.equal(e[name]!.crossValidation, undefined);
    assert.deepEqual(e[name]!.evaluate, ["medqa", "medmcqa"], name);
    assert.equal(e[name]!.models.length, 4);
    assert.equal(e[name]!.strategies.length, 6);
    assert.deepEqual(e[name]!.seeds, [1, 2, 3, 4, 5]);
  }
  assert.deepEqual([e.t1a_cv!.trainOn, e.t1b_cv!.trainOn, e.t3_cv!.trainOn], ["lek", "lek_llm", "lek_clustered"]);
  assert.deepEqual(c.datasets.lek_llm!.difficulty, { kind: "column", column: "llm_difficulty" });
  assert.deepEqual(c.datasets.lek_clustered!.category, { column: "cluster_label" });
  assert.equal(c.datasets.lek_clustered!.train, c.datasets.lek!.train, "every LEK arm trains on the same questions");
  assert.deepEqual(e.t1a_full!.curriculum, { mode: "buckets", easy: 0.06, medium: 0.15 });
  assert.deepEqual(e.t1b_cv!.curriculum, { mode: "buckets", easy: 0.26, medium: 0.56 });
  assert.deepEqual(e.t5_medqa!.evaluate, ["lek_all", "medmcqa", "medqa"]);
  assert.deepEqual(e.t5_medqa!.models, ["study.mistral-7b"]);
  const s = c.studies!;
  assert.deepEqual(s.table1a!.columns, ["t1a_cv", "t1a_full"]);
  assert.deepEqual(s.table3!.columns, ["t3_cv", "t3_full"]);
  assert.deepEqual(s.table5!.columns, ["t5_medqa"]);
  assert.deepEqual(s.fig2b!.compare, ["table1a", "table1b"]);
  assert.equal(s.fig2b!.alpha, 0.1);
  assert.deepEqual(s.categories!.compare, ["table1b", "table3"]);
});
