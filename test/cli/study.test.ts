// One study table across experiments and a difficulty comparison, from REAL tiny runs (tiny random Llama,
// CPU, the local host): a 2-fold cross-validation experiment gives the training set's column, a full-data
// experiment the test set's, each under two difficulty sources declared with `from` (no copied grid).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDemoWorkspace } from "../../src/core/demo/workspace";

function syllabus(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { encoding: "utf8", timeout: 900_000, env: { ...process.env, OMP_NUM_THREADS: "1" } });
  return { status: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

const hasVenv = existsSync(".venv/bin/python");

const CONFIG = `dataset lek {
  format     = csv
  train      = "data/train.csv"
  columns    { id = "id"  question = "question"  answer = "answer" }
  category   = column("category")
  difficulty = column("difficulty")
}
dataset lek_llm { from = lek  difficulty = scores("data/llm.csv", by = row) }
dataset medqa {
  format  = csv
  test    = "data/test.csv"
  columns { id = "id"  question = "question"  answer = "answer" }
}
model tiny { preset = tiny-random-llama }

experiment human_full {
  train_on   = lek
  evaluate   = [medqa]
  models     = [tiny]
  strategies = [random, curriculum]
  seeds      = [1, 2]
}
experiment human_cv { from = human_full  evaluate = [lek]  cross_validation { folds = 2 } }
experiment llm_full { from = human_full  train_on = lek_llm }
experiment llm_cv   { from = human_cv    train_on = lek_llm }

study table_human { title = "Table 1(a)"  columns = [human_cv, human_full] }
study table_llm   { title = "Table 1(b)"  columns = [llm_cv, llm_full] }
study fig2b       { compare = [table_human, table_llm]  alpha = 0.1 }
`;

test("Table 1 from a CV experiment plus a full-data experiment, and a Fig. 2b comparison of two difficulty sources, on real runs", { skip: !hasVenv && process.env.CI !== "true" ? "no .venv (npm run setup:python)" : false, timeout: 1_800_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-study-"));
  const file = writeDemoWorkspace(dir, { train: 20, test: 10 });
  // The "LLM" difficulty: another ranking of the same 20 questions (by row).
  writeFileSync(join(dir, "data", "llm.csv"), ["Index,llm_difficulty", ...Array.from({ length: 20 }, (_, i) => `${i},${((i * 7) % 20) / 20}`)].join("\n") + "\n");
  writeFileSync(file, CONFIG);
  const check = syllabus("check", file);
  assert.equal(check.status, 0, check.out);

  const plans = Object.fromEntries(["human_full", "human_cv", "llm_full", "llm_cv"].map((e) => {
    const p = syllabus("plan", file, "--experiment", e, "--json");
    assert.equal(p.status, 0, p.out);
    return [e, JSON.parse(p.stdout) as { runs: { runId: string; strategy: string; seed: number; fold?: number }[] }];
  }));
  assert.equal(plans.human_cv!.runs.length, 2 * 2 * 2);
  // random does not depend on difficulty: the LLM arm reuses the human arm's random runs (same ids).
  const ids = (e: string, s: string) => plans[e]!.runs.filter((r) => r.strategy === s).map((r) => r.runId).sort();
  assert.deepEqual(ids("llm_cv", "random"), ids("human_cv", "random"));
  assert.notDeepEqual(ids("llm_cv", "curriculum"), ids("human_cv", "curriculum"));

  for (const e of ["human_full", "human_cv", "llm_full", "llm_cv"]) {
    const r = syllabus("run", file, "--experiment", e);
    assert.equal(r.status, 0, r.out);
  }

  const out = join(dir, "table");
  const table = syllabus("report", file, "--study", "table_human", "--out", out, "--no-png");
  assert.equal(table.status, 0, table.out);
  const md = readFileSync(join(out, "tables", "table-human.md"), "utf8");
  assert.match(md, /\| Strategy \| tiny \| lek \| medqa \| Mean \|/, md);
  // The lek column is the CV experiment's: per seed, correct over both held-out folds (all 20 questions), then the mean over seeds.
  const stats = JSON.parse(readFileSync(join(out, "stats.json"), "utf8"));
  for (const strategy of ["random", "curriculum"]) {
    const perSeed = [1, 2].map((seed) => {
      const folds = plans.human_cv!.runs.filter((r) => r.strategy === strategy && r.seed === seed);
      assert.equal(folds.length, 2);
      let correct = 0;
      let n = 0;
      for (const f of folds) {
        const res = JSON.parse(readFileSync(join(dir, ".syllabus", "runs", f.runId, "result.json"), "utf8")).accuracy.lek;
        correct += res.correct;
        n += res.n;
      }
      assert.equal(n, 20);
      return correct / n;
    });
    const cell = stats.cells.find((c: { evalSet: string; strategy: string }) => c.evalSet === "lek" && c.strategy === strategy);
    assert.equal(cell.n, 20);
    assert.deepEqual(cell.accuracies, perSeed);
    const medqa = stats.cells.find((c: { evalSet: string; strategy: string }) => c.evalSet === "medqa" && c.strategy === strategy);
    assert.equal(medqa.n, 10, "the medqa column is the full-data experiment's");
  }

  const cmpOut = join(dir, "fig2b");
  const cmp = syllabus("report", file, "--study", "fig2b", "--out", cmpOut, "--no-png");
  assert.equal(cmp.status, 0, cmp.out);
  const comparison = JSON.parse(readFileSync(join(cmpOut, "comparison.json"), "utf8"));
  assert.equal(comparison.first, "table_human");
  assert.equal(comparison.second, "table_llm");
  const row = (s: string) => comparison.rows.find((r: { strategy: string }) => r.strategy === s);
  assert.deepEqual(row("random").cells, ["tiny / lek", "tiny / medqa"]);
  assert.equal(row("random").test.meanDifference, 0, "the same runs: no difference");
  assert.equal(row("random").significant, false);
  assert.equal(row("curriculum").test.n, 2);
  const text = readFileSync(join(cmpOut, "comparison.md"), "utf8");
  assert.match(text, /\| Random Shuffle \| [\d.]+ \| [\d.]+ \| 0\.00 \|/);
  assert.match(text, /Paired t-test per strategy over \(model, eval set\) cells; each cell is the mean over its seeds; α = 0\.1/);
  assert.match(readFileSync(join(cmpOut, "comparison.html"), "utf8"), /<title>fig2b<\/title>/);
  assert.ok(existsSync(join(cmpOut, "tables", "table-human.md")) && existsSync(join(cmpOut, "tables", "table-llm.md")), "both tables in the comparison's report");
});
