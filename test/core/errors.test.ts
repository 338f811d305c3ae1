import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, formatIssue } from "../../src/core/errors";

test("an issue names file, line, field and the fix", () => {
  const text = formatIssue({ file: "q.csv", line: 7, field: "Answer", message: "answer 'F' is not an option", fix: "use one of A-E" });
  assert.equal(text, "q.csv:7: [Answer] answer 'F' is not an option. Fix: use one of A-E");
});

test("DataError keeps every issue and caps the message", () => {
  const issues = Array.from({ length: 25 }, (_, i) => ({ file: "f", line: i + 1, message: "bad" }));
  const err = new DataError(issues);
  assert.equal(err.issues.length, 25);
  assert.match(err.message, /and 5 more$/);
});
