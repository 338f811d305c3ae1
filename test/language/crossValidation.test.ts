/** `cross_validation { … }` in the language: resolution, and the errors that keep held-out scores honest. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../src/language/analyze";
import type { Fix } from "../../src/language/diagnostics";
import { makeWorkspace, VALID } from "./fixtures";

const ws = makeWorkspace();
const run = (text: string) => analyze(text, ws.file);
/** Applies a quick fix's edits, last first so earlier offsets stay valid. */
const applyFix = (text: string, fix: Fix) => [...fix.edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
const at = (text: string, d: { start: number; end: number }) => text.slice(d.start, d.end);

test("cross_validation resolves with its defaults; evaluate = [lek] then checks clean", () => {
  const text = VALID.replace("evaluate   = [lek, medqa]", "evaluate   = [lek]\n  cross_validation { folds = 4 }");
  const a = run(text);
  assert.deepEqual(a.diagnostics.map((d) => d.code).filter((c) => c !== "unused"), []);
  assert.deepEqual(a.config!.experiments.lek_to_medqa!.crossValidation, { folds: 4, seed: 0, stratify: "none" });
  const full = run(VALID.replace("evaluate   = [lek, medqa]", "evaluate   = [lek]\n  cross_validation { folds = 5  seed = 3  stratify = category }"));
  assert.deepEqual(full.config!.experiments.lek_to_medqa!.crossValidation, { folds: 5, seed: 3, stratify: "category" });
});

test("evaluating another set under cross_validation is an error on that set, naming the full-data alternative", () => {
  const text = VALID.replace("evaluate   = [lek, medqa]", "evaluate   = [lek, medqa]\n  cross_validation { folds = 4 }");
  const errs = run(text).diagnostics.filter((d) => d.severity === "error");
  assert.equal(errs.length, 1);
  assert.equal(at(text, errs[0]!), "medqa");
  assert.match(errs[0]!.message, /scored only on its held-out fold of `lek`; evaluate `medqa` in a separate experiment trained on all of `lek`/);
  const only = VALID.replace("evaluate   = [lek, medqa]", "evaluate   = [medqa]\n  cross_validation { folds = 4 }");
  assert.ok(run(only).diagnostics.some((d) => d.severity === "error" && /evaluate `medqa` in a separate experiment/.test(d.message)));
});

test("folds < 2 and stratify without categories are errors", () => {
  const one = VALID.replace("evaluate   = [lek, medqa]", "evaluate   = [lek]\n  cross_validation { folds = 1 }");
  assert.ok(run(one).diagnostics.some((d) => d.severity === "error" && /`folds` must be at least 2/.test(d.message)));
  const noCat = VALID.replace('  category   = column("Category")\n', "").replace("strategies = [random, blocked, interleaved, curriculum, blocked_curriculum, interleaved_curriculum]", "strategies = [random, curriculum]").replace("evaluate   = [lek, medqa]", "evaluate   = [lek]\n  cross_validation { folds = 4  stratify = category }");
  const d = run(noCat).diagnostics.filter((x) => x.severity === "error");
  assert.equal(d.length, 1, JSON.stringify(d));
  assert.match(d[0]!.message, /`stratify = category` needs categories/);
});

test("scoring the training set without folds: a clear warning whose quick fix adds cross-validation", () => {
  const a = run(VALID);
  const w = a.diagnostics.find((d) => d.code === "no-test")!;
  assert.match(w.message, /scored on the very questions they were trained on .* Add `cross_validation \{ folds = 4 \}`/);
  const fixed = applyFix(VALID, w.fixes![0]!);
  assert.match(fixed, /cross_validation = \{ folds = 4 \}/);
  const after = run(fixed);
  assert.ok(!after.diagnostics.some((d) => d.code === "no-test"));
  // medqa is still evaluated: the fix leads to the next, specific error rather than silence.
  assert.ok(after.diagnostics.some((d) => d.code === "cross-validation"));
});
