// Hover on `seeds` / `evaluate` of an experiment: the smallest detectable gain for its eval sets and seeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { analyze } from "../../src/language/analyze";
import { hover } from "../../src/language/hover";
import { minimalDetectableEffect } from "../../src/core/stats/power";
import { VALID, makeWorkspace } from "./fixtures";

test("hovering seeds or evaluate shows the MDE computed from the eval set's size and the seeds", () => {
  const ws = makeWorkspace();
  const lines = Array.from({ length: 1273 }, (_, i) => JSON.stringify({ question: `q${i}`, options: { A: "a", B: "b", C: "c", D: "d" }, answer_idx: "A" })).join("\n") + "\n";
  writeFileSync(path.join(ws.dir, "data", "medqa", "test.jsonl"), lines);
  const a = analyze(VALID, ws.file);
  const expected = minimalDetectableEffect({ questions: 1273, seeds: 5 });
  for (const key of ["seeds      =", "evaluate   ="]) {
    const h = hover(a, VALID.indexOf(key) + 2)!;
    assert.ok(h, key);
    assert.match(h.markdown, /\*\*Power of `lek_to_medqa`\*\*/);
    assert.match(h.markdown, new RegExp(`medqa: smallest detectable gain ${(expected.optimistic * 100).toFixed(1)}–${(expected.conservative * 100).toFixed(1)} pp \\(5% two-sided, 80% power; 1,273 questions × 5 seeds, assumed discordance 20%`));
    assert.match(h.markdown, /- lek: question count unknown \(no readable `test` file\)/);
  }
  const onValue = hover(a, VALID.indexOf("[1, 2, 3, 4, 5]") + 1)!;
  assert.match(onValue.markdown, /Power of/);
  assert.doesNotMatch(hover(a, VALID.indexOf("strategies =") + 2)!.markdown, /Power of/);
});
