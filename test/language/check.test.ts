import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { analyze } from "../../src/language/analyze";
import { ResolvedConfig, LOCAL_HOST } from "../../src/core/experiment/model";
import { makeWorkspace, VALID } from "./fixtures";

const ws = makeWorkspace();
const run = (text: string) => analyze(text, ws.file);
const errors = (text: string) => run(text).diagnostics.filter((d) => d.severity === "error");
const warnings = (text: string) => run(text).diagnostics.filter((d) => d.severity === "warning");
const at = (text: string, d: { start: number; end: number }) => text.slice(d.start, d.end);

test("the valid config resolves to the zod-valid experiment model with absolute paths", () => {
  const a = run(VALID);
  // Only the expected warning: LEK has no test split (the study cross-validates on it).
  assert.deepEqual(a.diagnostics.map((d) => [d.severity, d.code]), [["warning", "no-test"]]);
  const c = ResolvedConfig.parse(a.config);
  assert.deepEqual(c.hosts.local, LOCAL_HOST);
  assert.deepEqual(c.hosts.cluster!.scheduler, { type: "slurm", partition: "gpu", gres: "gpu:a100:1", time: "1-04:00:00" });
  assert.equal(c.hosts.cluster!.ssh, "me@login.hpc.example:2222");
  assert.equal(c.datasets.lek!.train, path.join(ws.dir, "data/lek/train.csv"));
  assert.deepEqual(c.datasets.lek!.difficulty, { kind: "scores", file: path.join(ws.dir, "data/lek/llm_difficulty.csv"), by: "row" });
  assert.deepEqual(c.datasets.lek!.category, { column: "Category" });
  // preset tinyllama with overrides: lr and warmup from the file, the rest from Yang et al. 2024, Table 2 and App. B
  const tiny = c.models.tiny!;
  assert.equal(tiny.hf, "TinyLlama/TinyLlama-1.1B-Chat-v0.4");
  assert.deepEqual({ ...tiny.optim }, { lr: 1e-4, batch: 16, accumulate: 1, schedule: "linear", warmup: 10, weightDecay: 0, gradClip: 1, epochs: 1, optimizer: "paged_adamw_8bit" });
  assert.deepEqual(tiny.lora, { r: 16, alpha: 64, dropout: 0.1 });
  assert.equal(tiny.maxLength, 512);
  assert.equal(c.models["study.mistral-7b"]!.optim.lr, 1e-4);
  assert.equal(c.models["study.mistral-7b"]!.optim.accumulate, 2);
  const e = c.experiments.lek_to_medqa!;
  assert.deepEqual(e.models, ["tiny", "big", "study.mistral-7b"]);
  assert.deepEqual(e.curriculum, { mode: "buckets", easy: 0.26, medium: 0.56 });
  assert.equal(e.host, "cluster");
  assert.equal(e.baseline, "random");
});

test("defaults: strategies all six, curriculum strict, host local, category order sorted", () => {
  const text = `dataset d { format = medqa  test = "data/medqa/test.jsonl"  train = "data/medqa/test.jsonl" category = column("c") difficulty = column("d") }
experiment e { train_on = d  evaluate = [d]  models = [study.tiny-random-llama]  seeds = [0] }`;
  const a = run(text);
  assert.deepEqual(a.diagnostics.filter((x) => x.severity === "error"), []);
  const e = a.config!.experiments.e!;
  assert.equal(e.strategies.length, 6);
  assert.deepEqual(e.curriculum, { mode: "strict" });
  assert.equal(e.host, "local");
  assert.equal(e.categoryOrder, "sorted");
  assert.equal(a.config!.models["study.tiny-random-llama"]!.quantize, "none");
});

test("one typo does not hide the rest of the file", () => {
  const broken = VALID.replace("train_on   = lek", "train_on   = = lek").replace('format     = lek', "formt      = lek");
  const errs = errors(broken);
  assert.ok(errs.some((d) => d.code === "syntax"), "the syntax error");
  const unknown = errs.find((d) => d.code === "unknown-key")!;
  assert.match(unknown.message, /did you mean `format`/);
  assert.equal(at(broken, unknown), "formt");
  // Blocks after the errors are still understood: the host reference resolves, no spurious errors.
  assert.ok(!errs.some((d) => /cluster/.test(d.message)));
  const a = run(broken);
  assert.ok(a.decls.some((d) => d.name === "lek_to_medqa"));
});

test("unknown strategy: did-you-mean with a fix and the exact range", () => {
  const text = VALID.replace("interleaved_curriculum]", "interleaved_curiculum]");
  const d = errors(text).find((x) => x.code === "unknown-value")!;
  assert.equal(d.message.split(" (")[0], "`interleaved_curiculum` is not a strategy — did you mean `interleaved_curriculum`?");
  assert.equal(at(text, d), "interleaved_curiculum");
  assert.deepEqual(d.fixes![0]!.edits, [{ start: d.start, end: d.end, text: "interleaved_curriculum" }]);
});

test("wrong types and ranges", () => {
  const cases: [string, string, RegExp][] = [
    ["seeds      = [1, 2, 3, 4, 5]", 'seeds      = [1, "two"]', /`seeds` expects integer/],
    ["seeds      = [1, 2, 3, 4, 5]", "seeds      = [1, 2.5]", /whole number/],
    ["seeds      = [1, 2, 3, 4, 5]", "seeds      = 3", /expects a list: `\[3\]`/],
    ["quantize = nf4", 'quantize = "nf4"', /`quantize` expects nf4 \| none/],
    ["dropout = 0.1", "dropout = 1.5", /at most 1/],
    ["batch = 4 ", "batch = 0 ", /at least 1/],
  ];
  for (const [from, to, re] of cases) {
    const text = VALID.replace(from, to);
    assert.notEqual(text, VALID, from);
    assert.ok(errors(text).some((d) => re.test(d.message)), `${to}: ${errors(text).map((d) => d.message).join(" | ")}`);
  }
});

test("missing required keys, reported on the block name with an add-key fix", () => {
  const text = VALID.replace('  ssh       = "me@login.hpc.example:2222"  # alias or user@host[:port]\n', "");
  const d = errors(text).find((x) => x.code === "missing-key")!;
  assert.match(d.message, /`host cluster` is missing `ssh`/);
  assert.equal(at(text, d), "cluster");
  const fixed = text.slice(0, d.fixes![0]!.edits[0]!.start) + d.fixes![0]!.edits[0]!.text + text.slice(d.fixes![0]!.edits[0]!.end);
  assert.match(fixed, /\n  ssh = ""\n\}/);
  const noHf = errors(`model m { quantize = nf4 }`).map((x) => x.message);
  assert.ok(noHf.some((m) => /missing `hf` \(or `preset`\)/.test(m)));
  assert.ok(noHf.some((m) => /missing `optim` \(or `preset`\)/.test(m)));
});

test("undefined and duplicate names, with create-block fixes", () => {
  const text = VALID.replace("host       = cluster", "host       = clustr").replace("model big", "model tiny");
  const errs = errors(text);
  const undef = errs.find((d) => d.code === "undefined-name" && /clustr/.test(d.message))!;
  assert.match(undef.message, /no host named `clustr` — did you mean `cluster`\?/);
  assert.deepEqual(undef.fixes!.map((f) => f.title), ["Change to `cluster`", "Create host `clustr`"]);
  const dup = errs.find((d) => d.code === "duplicate-name")!;
  assert.match(dup.message, /duplicate model name `tiny` \(first declared on line 18\)/);
  assert.ok(errors("host local { ssh = \"x\" }").some((d) => /built in/.test(d.message)));
});

test("preset cycles between declared models are reported", () => {
  const text = `model a { preset = b }\nmodel b { preset = c }\nmodel c { preset = a }\nmodel tinyllama { preset = tinyllama }`;
  const cyc = errors(text).filter((d) => d.code === "cycle");
  assert.equal(cyc.length, 3);
  assert.match(cyc[0]!.message, /preset cycle: a → b → c → a/);
  // Naming a model like its preset is not a cycle: it means the built-in preset.
  assert.equal(run(text).diagnostics.filter((d) => d.message.includes("tinyllama")).length, 0);
});

test("strategies that need categories or difficulty the dataset lacks", () => {
  const text = VALID.replace('  category   = column("Category")\n', "").replace('  difficulty = scores("data/lek/llm_difficulty.csv", by = row)\n', "");
  const errs = errors(text);
  const needCat = errs.filter((d) => d.code === "needs-category").map((d) => at(text, d));
  const needDiff = errs.filter((d) => d.code === "needs-difficulty").map((d) => at(text, d));
  assert.deepEqual(needCat, ["blocked", "interleaved", "blocked_curriculum", "interleaved_curriculum"]);
  assert.deepEqual(needDiff, ["curriculum", "blocked_curriculum", "interleaved_curriculum"]);
  assert.match(errs.find((d) => d.code === "needs-difficulty")!.fixes![0]!.title, /human_answer_share/);
});

test("bucket thresholds out of order or outside [0,1]", () => {
  const swapped = VALID.replace("easy = 0.26  medium = 0.56", "easy = 0.56  medium = 0.26");
  const d = errors(swapped).find((x) => /out of order/.test(x.message))!;
  assert.equal(at(swapped, d), "0.26");
  assert.ok(errors(VALID.replace("medium = 0.56", "medium = 1.5")).some((x) => /at most 1/.test(x.message)));
  assert.ok(errors(VALID.replace("easy = 0.26", "easy = -0.1")).some((x) => /at least 0/.test(x.message)));
});

test("data files that do not exist, relative to the config file", () => {
  const text = VALID.replace("data/medqa/test.jsonl", "data/medqa/missing.jsonl");
  const d = errors(text).find((x) => x.code === "missing-file")!;
  assert.match(d.message, new RegExp(`looked for ${path.join(ws.dir, "data/medqa/missing.jsonl").replace(/[/.]/g, "\\$&")}`));
  assert.equal(at(text, d), '"data/medqa/missing.jsonl"');
});

test("sane-range warnings: learning rate, batch, LoRA", () => {
  const text = VALID.replace("lr = 1e-4  batch = 4", "lr = 0.5  batch = 1024").replace("r = 16", "r = 1024");
  const w = warnings(text).filter((d) => d.code === "unusual-value").map((d) => at(text, d));
  assert.deepEqual(w.sort(), ["0.5", "1024", "1024"].sort());
  assert.equal(errors(text).length, 0);
});

test("repeated seeds and a host without ssh", () => {
  const text = VALID.replace("seeds      = [1, 2, 3, 4, 5]", "seeds      = [1, 2, 1]");
  const d = errors(text).find((x) => x.code === "repeated")!;
  assert.match(d.message, /seed 1 is repeated/);
  assert.equal(d.start, text.indexOf("1]", text.indexOf("seeds")));
});

test("Slurm fields Slurm would reject: time format and gres syntax", () => {
  for (const bad of ["4 hours", "04:61:00", "1-25:00", "1:2:3:4"]) {
    const text = VALID.replace('time = "1-04:00:00"', `time = "${bad}"`);
    assert.ok(errors(text).some((d) => d.code === "slurm" && /time/.test(d.message)), bad);
  }
  for (const good of ["60", "30:00", "04:00:00", "2-00", "2-12:30", "UNLIMITED"]) {
    assert.equal(errors(VALID.replace('time = "1-04:00:00"', `time = "${good}"`)).length, 0, good);
  }
  for (const bad of ["gpu 1", "gpu::1", ":1", "gpu:1,"]) assert.ok(errors(VALID.replace('gres = "gpu:a100:1"', `gres = "${bad}"`)).some((d) => /gres/.test(d.message)), bad);
  for (const good of ["gpu", "gpu:2", "gpu:a100:2", "gpu:1,mps:100"]) assert.equal(errors(VALID.replace('gres = "gpu:a100:1"', `gres = "${good}"`)).length, 0, good);
  assert.ok(errors(VALID.replace('"me@login.hpc.example:2222"', '"me@host:99999"')).some((d) => /port/.test(d.message)));
});

test("baseline must be compared; evaluation sets need a test file", () => {
  const text = VALID.replace("strategies = [random, ", "strategies = [");
  assert.ok(errors(text).some((d) => d.code === "baseline"));
  assert.deepEqual(warnings(VALID).map((d) => at(VALID, d)), ["lek"]);
  const noTest = errors(VALID.replace('dataset medqa { format = medqa  test = "data/medqa/test.jsonl" }', 'dataset medqa { format = medqa  train = "data/medqa/test.jsonl" }'));
  assert.ok(noTest.some((d) => /no `test` file to evaluate on/.test(d.message)));
});

test("format rules: human_answer_share needs lek; csv needs columns", () => {
  const t1 = VALID.replace("format     = lek", "format     = medqa").replace('scores("data/lek/llm_difficulty.csv", by = row)', "human_answer_share");
  assert.ok(errors(t1).some((d) => /human_answer_share/.test(d.message)));
  const t2 = VALID.replace("format     = lek", "format     = csv");
  assert.ok(errors(t2).some((d) => /needs `columns/.test(d.message)));
});
