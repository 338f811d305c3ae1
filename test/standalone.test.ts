// The repository stands alone: a plain clone has no shared folder beside it and no study notes, so no tracked
// file may read outside the repository or cite a document users cannot open.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);

test("no tracked file reaches outside the repository or cites the internal study notes", () => {
  // Built from pieces so this guard does not match itself (the before-stop hook greps for the same words).
  const outside = new RegExp(["\\.\\./" + "shared\\b", "/work/" + "shared", "paper" + "-spec"].join("|"));
  const grep = spawnSync("git", ["grep", "-lE", outside.source, "--", ".", ":!CHANGELOG.md"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(grep.status, 1, `git grep found files reaching outside the repo:\n${grep.stdout}${grep.stderr}`);
});

test("the data the tests and examples read is tracked, with its licence", () => {
  for (const f of ["data/medqa/us_test_5options.jsonl", "data/medqa/LICENSE", "data/medmcqa/dev.json", "data/medmcqa/LICENSE", "test/fixtures/golden/orders/input.csv", "test/fixtures/golden/reference_orders.py"]) {
    assert.ok(tracked.includes(f), `${f} is tracked`);
  }
});
