import { test } from "node:test";
import assert from "node:assert/strict";
import { optionCountDifficulty, whichOptionQuestions, toCsv } from "../../src/core/demo/whichOption";
import { optionLetters } from "../../src/core/questions/question";

test("the demo set is reproducible and answerable; difficulty = option count, category = word family, both balanced", () => {
  const a = whichOptionQuestions({ count: 240, seed: 7, prefix: "t", optionCounts: [2, 3, 4] });
  assert.deepEqual(a, whichOptionQuestions({ count: 240, seed: 7, prefix: "t", optionCounts: [2, 3, 4] }));
  assert.notDeepEqual(a, whichOptionQuestions({ count: 240, seed: 8, prefix: "t", optionCounts: [2, 3, 4] }));
  const cells = new Map<string, number>();
  for (const q of a) {
    const shown = Object.values(q.options);
    assert.equal(new Set(shown).size, shown.length, `distinct options in ${q.id}`);
    const word = q.question.match(/^Which option is "(.+)"\?$/)![1];
    assert.equal(q.options[q.answer], word, q.id);
    assert.equal(shown.filter((w) => w === word).length, 1);
    assert.equal(q.difficulty, optionCountDifficulty(optionLetters(q).length));
    const key = `${q.category}/${optionLetters(q).length}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  // 4 families × 3 option counts, 20 questions each.
  assert.equal(cells.size, 12);
  assert.deepEqual(new Set(cells.values()), new Set([20]));
  // The answer letter is spread over the slots (a model answering always "A" stays near chance).
  const hard = whichOptionQuestions({ count: 160, seed: 8, prefix: "test", optionCounts: [4] });
  const share = hard.filter((q) => q.answer === "A").length / hard.length;
  assert.ok(share > 0.15 && share < 0.35, `share of A ${share}`);
});

test("the CSV leaves absent options empty, so a 2-option question reads back with 2 options", () => {
  const [q] = whichOptionQuestions({ count: 1, seed: 1, prefix: "t", optionCounts: [2] });
  const line = toCsv([q!]).split("\n")[1]!;
  assert.match(line, /^t-0001,"Which option is ""\w+""\?","\w+","\w+",,,[AB],animals,0$/);
});
