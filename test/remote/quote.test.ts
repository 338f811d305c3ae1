import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { command, expandableWord, shellQuote } from "../../src/remote/quote";

const NASTY = [
  "plain",
  "with space",
  "it's",
  `"double"`,
  "$HOME",
  "${PATH}",
  "`id`",
  "$(touch /tmp/syllabus-pwned)",
  "line1\nline2",
  "tab\there",
  "back\\slash",
  "",
  "-n",
  "*",
  "~",
  "a'b\"c$d`e\\f",
  "ünïcödé ✓",
];

test("shellQuote round-trips every nasty argument through a real /bin/sh", () => {
  for (const arg of NASTY) {
    const r = spawnSync("/bin/sh", ["-c", `printf '%s' ${shellQuote(arg)}`], { encoding: "utf8" });
    assert.equal(r.stdout, arg, `argument ${JSON.stringify(arg)}`);
  }
});

test("command() keeps argument boundaries (argv comes back unchanged)", () => {
  const cmd = command(["python3", "-c", "import sys, json; print(json.dumps(sys.argv[1:]))", ...NASTY]);
  const r = spawnSync("/bin/sh", ["-c", cmd], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), NASTY);
});

test("command substitution inside an argument is never executed", () => {
  spawnSync("rm", ["-f", "/tmp/syllabus-pwned"]);
  spawnSync("/bin/sh", ["-c", command(["echo", "$(touch /tmp/syllabus-pwned)", "`touch /tmp/syllabus-pwned`"])]);
  assert.equal(spawnSync("test", ["-e", "/tmp/syllabus-pwned"]).status, 1);
});

test("safe words stay unquoted, empty becomes ''", () => {
  assert.equal(shellQuote("/a/b-c_d.txt"), "/a/b-c_d.txt");
  assert.equal(shellQuote(""), "''");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.throws(() => command([]));
});

test("expandableWord expands $VAR and ~ but nothing else", () => {
  const env = { ...process.env, HOME: "/home/x y", SCRATCH: "/scratch/u" };
  const run = (w: string) => spawnSync("/bin/sh", ["-c", `printf '%s' ${w}`], { encoding: "utf8", env }).stdout;
  assert.equal(run(expandableWord("$SCRATCH/syllabus")), "/scratch/u/syllabus");
  assert.equal(run(expandableWord("${SCRATCH}/a b")), "/scratch/u/a b");
  assert.equal(run(expandableWord("~/runs")), "/home/x y/runs");
  assert.throws(() => expandableWord("$(id)/x"), /only \$VAR/);
  assert.throws(() => expandableWord("/a/`id`"), /only \$VAR/);
  assert.throws(() => expandableWord('/a/"b'), /only \$VAR/);
});
