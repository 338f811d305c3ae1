import { test } from "node:test";
import assert from "node:assert/strict";
import { arithmeticQuestions } from "../../src/core/demo/arithmetic";

test("the demo set is reproducible, answerable and spans the difficulty range", () => {
  const a = arithmeticQuestions({ count: 200, seed: 7, prefix: "t" });
  const b = arithmeticQuestions({ count: 200, seed: 7, prefix: "t" });
  assert.deepEqual(a, b);
  for (const q of a) {
    const shown = Object.values(q.options);
    assert.equal(new Set(shown).size, 4, `distinct options in ${q.id}`);
    const expr = q.question.match(/What is (\d+) ([+\-×]) (\d+)\?/);
    if (expr) {
      const [x, op, y] = [Number(expr[1]), expr[2], Number(expr[3])];
      const want = op === "+" ? x + y : op === "-" ? x - y : x * y;
      assert.equal(q.options[q.answer], String(want), q.id);
    }
  }
  const d = a.map((q) => q.difficulty!);
  assert.ok(Math.min(...d) < 0.4 && Math.max(...d) === 1);
  assert.deepEqual(new Set(a.map((q) => q.category)).size, 4);
});
