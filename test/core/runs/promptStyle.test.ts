// The model's prompt in the contract: `prompt = plain` reaches run.json and the run id; the default (study)
// adds nothing, so the ids of runs planned before the setting existed stay what they were.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planExperiment } from "../../../src/core/runs/plan";
import { analyze } from "../../../src/language/analyze";

function configWith(modelExtra: string) {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-prompt-"));
  writeFileSync(join(dir, "q.csv"), "id,question,A,B,answer,category,difficulty\nq1,Which?,x,y,A,c,0\nq2,What?,x,y,B,c,1\n");
  const text = `dataset d {\n  format = csv\n  train = "q.csv"\n  test = "q.csv"\n  columns { id = "id" question = "question" answer = "answer" }\n  category = column("category")\n  difficulty = column("difficulty")\n}\nmodel m {\n  preset = smollm2-135m\n${modelExtra}}\nexperiment e {\n  train_on = d\n  evaluate = [d]\n  models = [m]\n  strategies = [random]\n  seeds = [1]\n  host = local\n}\n`;
  const file = join(dir, "x.syllabus");
  writeFileSync(file, text);
  return { text, file, result: analyze(text, file) };
}

test("prompt = plain reaches run.json and changes the run id; study is the default and adds nothing", async () => {
  const [plain, study, absent] = ["  prompt = plain\n", "  prompt = study\n", ""].map((extra) => {
    const r = configWith(extra).result;
    assert.ok(r.config, r.diagnostics.map((d) => d.message).join("\n"));
    return r.config!;
  });
  assert.equal(plain!.models.m!.prompt, "plain");
  const [p] = (await planExperiment(plain!, "e")).runs;
  const [s] = (await planExperiment(study!, "e")).runs;
  const [a] = (await planExperiment(absent!, "e")).runs;
  assert.equal(p!.spec.model.prompt, "plain");
  assert.equal(s!.spec.model.prompt, undefined);
  assert.equal(a!.spec.model.prompt, undefined);
  assert.notEqual(p!.runId, a!.runId);
  assert.equal(s!.runId, a!.runId);
});

test("an unknown prompt is a check error at its line naming the choices", () => {
  const { text, result: bad } = configWith("  prompt = chat\n");
  const d = bad.diagnostics.find((x) => /chat/.test(x.message));
  assert.ok(d, bad.diagnostics.map((x) => x.message).join("\n"));
  assert.match(d.message, /study/);
  assert.match(d.message, /plain/);
  assert.equal(text.slice(d.start, d.end), "chat");
});
