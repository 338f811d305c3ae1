/** Tokenizes with the real TextMate engine VS Code uses (vscode-textmate + the oniguruma wasm). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";
import { BLOCKS, type ValueType } from "../../src/language/schema";
import { VALID } from "./fixtures";

const root = path.resolve(__dirname, "../..");
const require_ = createRequire(__filename);

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = readFileSync(path.join(path.dirname(require_.resolve("vscode-oniguruma")), "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === "source.syllabus" ? vsctm.parseRawGrammar(readFileSync(path.join(root, "syntaxes/syllabus.tmLanguage.json"), "utf8"), "syllabus.tmLanguage.json") : null),
  });
  const g = await registry.loadGrammar("source.syllabus");
  assert.ok(g);
  return g;
}

const grammarP = loadGrammar();

/** [text, innermost scope] for every token of every line. */
async function tokens(text: string): Promise<[string, string][]> {
  const g = await grammarP;
  let stack = vsctm.INITIAL;
  const out: [string, string][] = [];
  for (const line of text.split("\n")) {
    const r = g.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const s = line.slice(t.startIndex, t.endIndex);
      if (s.trim()) out.push([s, t.scopes[t.scopes.length - 1]!]);
    }
    stack = r.ruleStack;
  }
  return out;
}

const scopeOf = async (text: string, piece: string) => (await tokens(text)).find(([s]) => s === piece)?.[1];

test("block headers, keys, strings, numbers, comments", async () => {
  const t = await tokens(VALID);
  const find = (s: string) => t.find(([x]) => x === s)?.[1];
  assert.equal(find("host"), "keyword.other.block.syllabus");
  assert.equal(find("cluster"), "entity.name.type.syllabus");
  assert.equal(find("ssh"), "variable.other.property.syllabus");
  assert.equal(find("="), "keyword.operator.assignment.syllabus");
  assert.equal(find("# Replicate the LEK → MedQA arm with two models"), "comment.line.number-sign.syllabus");
  assert.equal(find("1e-4"), "constant.numeric.syllabus");
  assert.equal(find("gpu"), "string.quoted.double.syllabus");
  assert.equal(find("column"), "support.function.syllabus");
  assert.equal(find("study"), "entity.name.namespace.syllabus");
  assert.equal(find("mistral-7b"), "support.constant.preset.syllabus");
  assert.equal(find("lora"), "entity.name.tag.syllabus");
});

test("every strategy name is a strategy constant; names that merely contain one are not", async () => {
  for (const s of ["random", "blocked", "interleaved", "curriculum", "blocked_curriculum", "interleaved_curriculum"])
    assert.equal(await scopeOf(`experiment e { strategies = [${s}] }`, s), "support.constant.strategy.syllabus", s);
  assert.equal(await scopeOf("experiment e { strategies = [curriculum2] }", "curriculum2"), "variable.other.syllabus");
  assert.equal(await scopeOf("experiment e { train_on = blocked-set }", "blocked-set"), "variable.other.syllabus");
});

test("an unterminated string ends at the end of its line; the next line is tokenized normally", async () => {
  const t = await tokens('host h {\n  ssh = "oops\n  python = "p"\n}');
  assert.ok(t.some(([s, sc]) => s === "python" && sc === "variable.other.property.syllabus"));
});

test("escapes inside strings, and a `#` inside a string is not a comment", async () => {
  const t = await tokens('host h { python = "a\\"b # not a comment" }');
  assert.ok(t.some(([s, sc]) => s === '\\"' && sc === "constant.character.escape.syllabus"));
  assert.ok(!t.some(([, sc]) => sc.startsWith("comment")));
});

test("every key in the schema tokenizes as a property when assigned", async () => {
  const keys = new Set<string>();
  const walk = (t: ValueType) => {
    if (t.kind === "block") t.keys.forEach((k) => (keys.add(k.name), walk(k.type)));
    if (t.kind === "variant") t.variants.forEach((v) => v.keys?.forEach((k) => (keys.add(k.name), walk(k.type))));
  };
  for (const b of BLOCKS) for (const k of b.keys) keys.add(k.name), walk(k.type);
  for (const k of keys) assert.equal(await scopeOf(`model m { ${k} = 1 }`, k), "variable.other.property.syllabus", k);
});
