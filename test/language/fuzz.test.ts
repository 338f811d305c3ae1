/**
 * The language never throws or hangs on any input: random mutations of a valid config, random text,
 * huge files, deep nesting, unterminated strings. Every service the server offers runs on each input.
 * Bounded to a few seconds by fast-check's time limit.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyze } from "../../src/language/analyze";
import { complete } from "../../src/language/completion";
import { formatText } from "../../src/language/format";
import { hover } from "../../src/language/hover";
import { LineIndex } from "../../src/language/lineIndex";
import { definition, references, rename } from "../../src/language/navigation";
import { documentSymbols, foldingRanges } from "../../src/language/outline";
import { semanticTokens } from "../../src/language/semanticTokens";
import { VALID } from "./fixtures";

const FILE = "/tmp/fuzz/experiment.syllabus";
const env = { sshAliases: () => [], listDir: () => [] };

function exercise(text: string, offsets: number[]): void {
  const a = analyze(text, FILE, { fileExists: () => false });
  const index = new LineIndex(text);
  for (const d of a.diagnostics) {
    assert.ok(d.start >= 0 && d.end <= text.length && d.start <= d.end, `diagnostic range ${d.start}-${d.end} outside 0-${text.length}: ${d.message}`);
    for (const f of d.fixes ?? []) for (const e of f.edits) assert.ok(e.start >= 0 && e.end <= text.length && e.start <= e.end);
  }
  const formatted = formatText(text);
  if (formatted !== undefined) assert.equal(formatText(formatted), formatted, "format is idempotent whenever it formats");
  semanticTokens(a, index);
  documentSymbols(a.ast, index);
  foldingRanges(a.ast, index);
  for (const o of offsets) {
    const off = Math.min(o, text.length);
    complete(a, off, env);
    hover(a, off);
    definition(a, off);
    references(a, off, true);
    rename(a, off, "renamed");
  }
}

const SIGNIFICANT = ["{", "}", "[", "]", "(", ")", "=", ",", ".", '"', "#", "\n", " ", "-", "1", "e", "a", "_", "\\", "é", "\u0000", "model", "host x {"];

const mutation = fc.record({ at: fc.nat(), del: fc.nat({ max: 6 }), insert: fc.array(fc.constantFrom(...SIGNIFICANT), { maxLength: 4 }) });

test("fuzz: random mutations of a valid config", () => {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 3, maxLength: 6 }), (muts, offsets) => {
      let text = VALID;
      for (const m of muts) {
        const at = m.at % (text.length + 1);
        text = text.slice(0, at) + m.insert.join("") + text.slice(at + m.del);
      }
      exercise(text, offsets.map((o) => o % (text.length + 1)));
    }),
    { numRuns: 400, interruptAfterTimeLimit: 2500 },
  );
});

test("fuzz: random text and random unicode", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.fullUnicodeString({ maxLength: 200 }), fc.array(fc.constantFrom(...SIGNIFICANT), { maxLength: 120 }).map((a) => a.join(""))), fc.array(fc.nat({ max: 300 }), { maxLength: 5 }), (text, offsets) => {
      exercise(text, offsets);
    }),
    { numRuns: 400, interruptAfterTimeLimit: 1500 },
  );
});

test("deep nesting does not overflow the stack", () => {
  const n = 50_000;
  for (const text of [
    "model m { a = " + "[".repeat(n),
    "model m { a = " + "[".repeat(n) + "]".repeat(n) + " }",
    "model m " + "{ a ".repeat(n),
    "model m { optim " + "{ lr ".repeat(n) + "}".repeat(n),
    "dataset d { difficulty = " + "f(".repeat(n) + ")".repeat(n) + " }",
    "}".repeat(n) + "{".repeat(n),
  ]) {
    const a = analyze(text, FILE, { fileExists: () => false });
    assert.ok(a.diagnostics.length > 0);
    exercise(text, [text.length >> 1, text.length]);
  }
});

test("unterminated strings and stray quotes", () => {
  for (const text of ['host h { ssh = "abc', 'host h { ssh = "abc\n python = "p" }', '"', '""""', 'host "h" { }', 'dataset d { train = "a\\', 'x = "\\q"']) {
    exercise(text, [0, 3, text.length]);
  }
  const a = analyze('host h { ssh = "abc\n  python = "p"\n}', FILE);
  assert.ok(a.diagnostics.some((d) => /unterminated string/.test(d.message)));
  assert.ok(a.blocks[0]!.values.python === "p", "the line after an unterminated string still parses");
});

test("a huge file (50,000 lines) is analyzed, completely", { timeout: 60_000 }, () => {
  const blocks: string[] = [];
  for (let i = 0; i < 2500; i++) blocks.push(`model m${i} {\n  preset = tinyllama\n  optim { lr = 1e-4 }\n  # ${"x".repeat(20)}\n}\n` + `host h${i} { ssh = "h${i}" }\n` + "\n".repeat(15));
  const text = blocks.join("");
  assert.ok(text.split("\n").length >= 50_000);
  const a = analyze(text, FILE, { fileExists: () => true });
  assert.equal(a.decls.length, 5000);
  assert.deepEqual(a.diagnostics, []);
  exercise(text, [0, text.length >> 1]);
});

// Inputs that would be quadratic (or recursive) in a naive implementation; the timeout catches a hang.
test("pathological scale: duplicates, undefined names, a 10,000-model preset chain, 20,000 comments", { timeout: 60_000 }, () => {
  const n = 10_000;
  const dups = Array.from({ length: n }, () => 'host h { ssh = "x" }').join("\n");
  assert.equal(analyze(dups, FILE).diagnostics.filter((d) => d.code === "duplicate-name").length, n - 1);
  const undef = Array.from({ length: n }, (_, i) => `model m${i} { preset = nope${i} }`).join("\n");
  const u = analyze(undef, FILE).diagnostics.filter((d) => d.code === "undefined-name");
  assert.equal(u.length, n);
  assert.ok(u[0]!.message.length < 400, "the list of known names is capped");
  const chain = Array.from({ length: n }, (_, i) => `model m${i} { preset = ${i === 0 ? "tinyllama" : "m" + (i - 1)} }`).join("\n");
  const c = analyze(chain, FILE);
  assert.deepEqual(c.diagnostics, []);
  assert.equal(c.config!.models[`m${n - 1}`]!.hf, "TinyLlama/TinyLlama-1.1B-Chat-v0.4");
  const ring = chain.replace("preset = tinyllama", `preset = m${n - 1}`);
  assert.equal(analyze(ring, FILE).diagnostics.filter((d) => d.code === "cycle").length, n);
  const comments = "experiment e {\n" + Array.from({ length: 20_000 }, (_, i) => `  # c${i}\n  seeds = [${i}]  # t${i}`).join("\n") + "\n}\n";
  const f = formatText(comments)!;
  assert.equal(f.split("#").length - 1, 40_000);
});
