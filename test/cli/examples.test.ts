/**
 * The shipped examples work as shipped: every file in examples/ passes `syllabus check` (no error) and every
 * experiment in it passes `syllabus plan` — planned on the shipped data, or, when it needs a file the user
 * brings (`bring_your_own`), skipped with a warning that says what to put where.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/language/load";
import { syllabus } from "./run-cli";

const examples = readdirSync("examples").filter((f) => f.endsWith(".syllabus")).map((f) => join("examples", f));

test("every example checks clean", () => {
  assert.ok(examples.length >= 2);
  for (const file of examples) {
    const r = syllabus("check", file);
    assert.equal(r.status, 0, `${file}:\n${r.stdout}${r.stderr}`);
    assert.doesNotMatch(r.stdout, /: error:/, file);
  }
});

test("every experiment of every example plans (or says which file to bring)", () => {
  let planned = 0;
  for (const file of examples) {
    for (const experiment of Object.keys(loadConfig(file).config.experiments)) {
      const r = syllabus("plan", file, "--experiment", experiment, "--json");
      assert.equal(r.status, 0, `${file} ${experiment}:\n${r.stderr}`);
      const out = JSON.parse(r.stdout) as { skipped?: boolean; runs?: unknown[]; missingOwnFiles?: { file: string }[] };
      if (out.skipped) assert.match(r.stderr, /needs your own file: put .+ at \/.+/, `${file} ${experiment}`);
      else (assert.ok(out.runs!.length > 0), planned++);
    }
  }
  assert.ok(planned >= 1, "at least one example runs on the shipped data");
});

test("the real-data example runs on local with a tiny model on a small subset of the shipped files", () => {
  const { config } = loadConfig("examples/medqa-local.syllabus");
  for (const exp of Object.values(config.experiments)) {
    assert.equal(exp.host, "local");
    for (const m of exp.models) assert.equal(config.models[m]!.hf, "tiny-random-llama");
    for (const ds of [exp.trainOn, ...exp.evaluate]) {
      assert.ok(config.datasets[ds]!.limit! <= 200, `${ds} is a small subset`);
      for (const f of [config.datasets[ds]!.train, config.datasets[ds]!.test]) if (f) assert.ok(f.startsWith(join(process.cwd(), "data")), f);
    }
  }
});
