import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyze } from "../../src/language/analyze";
import { formatText } from "../../src/language/format";
import { parse } from "../../src/language/parser";
import { VALID } from "./fixtures";

const FILE = "/tmp/property/experiment.syllabus";
const exists = () => true;
const model = (text: string) => analyze(text, FILE, { fileExists: exists });

test("format keeps every comment, aligns keys, and is idempotent on the fixture", () => {
  const once = formatText(VALID)!;
  assert.equal(formatText(once), once);
  assert.equal(parse(once).comments.length, parse(VALID).comments.length);
  assert.deepEqual(model(once).config, model(VALID).config);
  assert.match(once, /\n {2}ssh {7}= "me@login\.hpc\.example:2222" {2}# alias or user@host\[:port\]\n/);
});

test("format refuses text with syntax errors (never destroys what is being typed)", () => {
  assert.equal(formatText("model m { lr = }"), undefined);
});

test("long lists break one item per line with trailing commas; comments inside lists survive", () => {
  const text = `experiment e {\n  seeds = [1, # first\n 2]\n}\n`;
  const out = formatText(text)!;
  assert.equal(out, "experiment e {\n  seeds = [\n    1,  # first\n    2,\n  ]\n}\n");
  assert.equal(formatText(out), out);
});

// ---- property tests over generated valid configs with random layout and comments ----

const sep = fc.constantFrom(" ", "  ", "\n", "\n\n", "  # note\n", "\n# own line\n", "\t", "\n  ");
const pick = <T>(xs: T[]) => fc.constantFrom(...xs);

interface Parts {
  items: string[][];
}

const hostItems = fc.tuple(
  pick(['ssh = "alice@gpu.example"', 'ssh = "gpu-box"', 'ssh = "h:2222"']),
  fc.option(pick(["scheduler = direct", "scheduler = direct { max_concurrent = 2 }", 'scheduler = slurm { partition = "gpu"  gres = "gpu:1"  time = "04:00:00" }', "scheduler = slurm"]), { nil: undefined }),
  fc.option(pick(['python = "python3"', 'workdir = "$HOME/x"']), { nil: undefined }),
);
const datasetItems = fc.tuple(
  pick(["format = medqa", "format = jsonl  columns { question = \"q\"  answer = \"a\"  category = \"c\" }", "format = lek"]),
  pick(['train = "d/train.jsonl"', 'train = "d/t.csv"  test = "d/t.csv"']),
  pick(['category = column("Category")', 'category = column("c")']),
  pick(['difficulty = column("d")', 'difficulty = scores("d/s.csv", by = row)', 'difficulty = scores("d/s.csv")', 'difficulty = llm_ensemble(["a.jsonl", "b.jsonl"])']),
);
const modelItems = fc.tuple(
  pick(["preset = tinyllama", "preset = mistral-7b  optim { schedule = cosine  warmup = 10 }", 'hf = "x/y"  optim { lr = 2e-4  batch = 8 }']),
  fc.option(pick(["lora { r = 8  alpha = 16 }", "quantize = none", "max_length = 256", "lora { dropout = 0.05 }"]), { nil: undefined }),
);
const experimentItems = fc.tuple(
  fc.shuffledSubarray(["blocked", "interleaved", "curriculum", "blocked_curriculum", "interleaved_curriculum"]),
  fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 6 }),
  pick(["curriculum = strict", "curriculum = buckets { easy = 0.2  medium = 0.5 }", ""]),
  pick(["host = local", "host = h0", "", "category_order = random", "reference = true"]),
  fc.boolean(),
);

const config = fc
  .record({ host: hostItems, dataset: datasetItems, model: modelItems, experiment: experimentItems, seps: fc.array(sep, { minLength: 40, maxLength: 40 }), commas: fc.boolean() })
  .map(({ host, dataset, model: m, experiment, seps, commas }) => {
    let k = 0;
    const s = () => seps[k++ % seps.length]!;
    const block = (head: string, items: (string | undefined)[]) => `${head} {${s()}${items.filter(Boolean).join(s())}${s()}}`;
    const [strategies, seeds, curriculum, extra, withStudy] = experiment;
    const list = (xs: (string | number)[]) => `[${xs.join(commas ? ", " : " ")}]`;
    const exp = [
      "train_on = d0",
      "evaluate = [d0]",
      `models = ${list(withStudy ? ["m0", "study.tinyllama"] : ["m0"])}`,
      `strategies = ${list(["random", ...strategies])}`,
      `seeds = ${list(seeds)}`,
      curriculum,
      extra,
    ];
    return [block("host h0", host), block("dataset d0", [...dataset]), block("model m0", m), block("experiment e0", exp)].join(s() + "\n");
  });

test("property: generated configs are valid, and format is stable and preserves the model", () => {
  fc.assert(
    fc.property(config, (text) => {
      const before = model(text);
      assert.deepEqual(before.diagnostics.filter((d) => d.severity === "error").map((d) => d.message), [], text);
      const once = formatText(text);
      assert.ok(once !== undefined, text);
      assert.equal(formatText(once), once, "format(format(x)) = format(x)");
      const after = model(once);
      assert.deepEqual(after.config, before.config, "same resolved model after printing");
      assert.equal(parse(once).comments.length, parse(text).comments.length, "no comment lost");
    }),
    { numRuns: 300 },
  );
});
