import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, Location, Range, TextEdit, WorkspaceEdit, FoldingRange, SemanticTokens } from "vscode-languageserver-protocol";
import { makeWorkspace, VALID } from "./fixtures";
import { posOf, startHarness, type Harness } from "./lspHarness";
import { pathToFileURL } from "node:url";

const ws = makeWorkspace();
const sshDir = mkdtempSync(path.join(os.tmpdir(), "syllabus-ssh-"));
writeFileSync(path.join(sshDir, "config"), `Host gpu-box\n  HostName 10.0.0.5\n  User alice\nInclude extra/*.conf\nHost *\n  ServerAliveInterval 30\n`);
mkdirSync(path.join(sshDir, "extra"));
writeFileSync(path.join(sshDir, "extra", "lab.conf"), "Host lab-a100 lab-h100\n  User bob\n");
let h: Harness;
before(async () => {
  h = await startHarness({ sshConfig: path.join(sshDir, "config") });
});
after(() => h.close());
const uri = pathToFileURL(ws.file).href;
const req = <T>(method: string, params: object) => h.client.sendRequest(method, params) as Promise<T>;
const apply = (text: string, edits: TextEdit[]): string => {
  const lines = text.split("\n");
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => off(b.range.start) - off(a.range.start)).reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
};
const textAt = (text: string, r: Range) => {
  const lines = text.split("\n");
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(off(r.start), off(r.end));
};

test("diagnostics as you type, with exact ranges", async () => {
  const first = await h.open(ws.file, VALID);
  assert.deepEqual(first.diagnostics.map((d) => d.code), ["no-test"]);
  const typo = VALID.replace("host       = cluster", "host       = clustr");
  const p = await h.change(ws.file, 2, typo);
  const d = p.diagnostics.find((x) => x.code === "undefined-name")!;
  assert.equal(d.severity, 1);
  assert.equal(d.source, "syllabus");
  assert.deepEqual(d.range, { start: posOf(typo, "clustr"), end: posOf(typo, "clustr", 6) });
  await h.change(ws.file, 3, VALID);
});

test("completion: keys valid at the cursor, enum values, strategies, names, presets", async () => {
  const text = VALID.replace("  host       = cluster\n", "  host       = cluster\n  \n");
  await h.change(ws.file, 4, text);
  const keyPos = posOf(text, "  \n}", 2);
  const keys = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: keyPos });
  const labels = keys.map((k) => k.label);
  assert.ok(labels.includes("baseline") && labels.includes("category_order") && labels.includes("reference"));
  assert.ok(!labels.includes("seeds"), "keys already written are not offered");

  const inList = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: posOf(text, "blocked,", 0) });
  // All six are listed: only the one under the cursor (being edited) is offered, never a duplicate.
  assert.deepEqual(inList.map((c) => c.label), ["blocked"]);
  const partial = text.replace("random, blocked, interleaved, ", "");
  await h.change(ws.file, 5, partial);
  const rest = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: posOf(partial, "curriculum, blocked_curriculum") });
  assert.deepEqual(rest.map((c) => c.label), ["random", "blocked", "interleaved", "curriculum"]);
  assert.match((rest[2]!.documentation as { value: string }).value, /3 contiguous thirds/);
  await h.change(ws.file, 6, text);

  const models = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: posOf(text, "tiny, big", 0) });
  const names = models.map((c) => c.label);
  assert.ok(names.includes("tiny") && names.includes("study.tinyllama") && names.includes("study.tiny-random-llama"));
  assert.ok(!names.includes("big") && !names.includes("study.mistral-7b"), "already listed");

  const host = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: posOf(text, "= cluster\n", 2) });
  assert.deepEqual(host.map((c) => c.label).sort(), ["cluster", "local"]);

  const quant = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: posOf(text, "= nf4", 2) });
  assert.deepEqual(quant.map((c) => c.label), ["nf4", "none"]);

  const top = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.deepEqual(top.map((c) => c.label), ["host", "dataset", "model", "experiment", "study"]);
  await h.change(ws.file, 7, VALID);
});

test("completion: data file paths inside strings and ssh hosts from ~/.ssh/config (with Include)", async () => {
  const files = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: posOf(VALID, 'data/lek/train.csv"', 9) });
  assert.deepEqual(files.map((c) => c.label).sort(), ["llm_difficulty.csv", "train.csv"]);
  const dirs = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: posOf(VALID, 'data/lek/train.csv"', 0) });
  assert.ok(dirs.some((c) => c.label === "data/"));
  const ssh = await req<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: posOf(VALID, '"me@login', 1) });
  assert.deepEqual(ssh.map((c) => c.label), ["gpu-box", "lab-a100", "lab-h100"]);
  assert.equal(ssh[0]!.detail, "~/.ssh/config → alice@10.0.0.5");
});

test("hover: keys, values and strategies with the study's definition and an example order", async () => {
  const onKey = await req<Hover>("textDocument/hover", { textDocument: { uri }, position: posOf(VALID, "accumulate", 2) });
  assert.match((onKey.contents as { value: string }).value, /\*\*accumulate\*\*: `integer`[\s\S]*effective batch = batch × accumulate[\s\S]*Default: `1`/);
  const onStrategy = await req<Hover>("textDocument/hover", { textDocument: { uri }, position: posOf(VALID, "interleaved_curriculum", 3) });
  const s = (onStrategy.contents as { value: string }).value;
  assert.match(s, /Interleaved Curriculum/);
  assert.match(s, /Example order: `M₁ S₁ P₁ \| M₂ S₂ P₂ \| M₃ S₃ P₃`/);
  assert.match(s, /Needs categories and difficulty/);
  assert.deepEqual(onStrategy.range, { start: posOf(VALID, "interleaved_curriculum"), end: posOf(VALID, "interleaved_curriculum", 22) });
  const onPreset = await req<Hover>("textDocument/hover", { textDocument: { uri }, position: posOf(VALID, "tinyllama", 2) });
  assert.match((onPreset.contents as { value: string }).value, /lr 5e-4, batch 16/);
  const onVariant = await req<Hover>("textDocument/hover", { textDocument: { uri }, position: posOf(VALID, "slurm", 1) });
  assert.match((onVariant.contents as { value: string }).value, /job array/);
});

test("go to definition and find references", async () => {
  const def = await req<Location>("textDocument/definition", { textDocument: { uri }, position: posOf(VALID, "tiny, big", 1) });
  assert.deepEqual(def.range, { start: posOf(VALID, "tiny {"), end: posOf(VALID, "tiny {", 4) });
  const refs = await req<Location[]>("textDocument/references", { textDocument: { uri }, position: posOf(VALID, "dataset lek", 9), context: { includeDeclaration: true } });
  assert.equal(refs.length, 3);
  assert.ok(refs.every((r) => textAt(VALID, r.range) === "lek"));
});

test("rename edits every reference and the declaration", async () => {
  const prep = await req<Range>("textDocument/prepareRename", { textDocument: { uri }, position: posOf(VALID, "= cluster", 3) });
  assert.equal(textAt(VALID, prep), "cluster");
  const edit = await req<WorkspaceEdit>("textDocument/rename", { textDocument: { uri }, position: posOf(VALID, "= cluster", 3), newName: "hpc" });
  const renamed = apply(VALID, edit.changes![uri]!);
  assert.match(renamed, /host hpc \{/);
  assert.match(renamed, /host       = hpc/);
  assert.ok(!renamed.includes("cluster"));
  await assert.rejects(req("textDocument/rename", { textDocument: { uri }, position: posOf(VALID, "= cluster", 3), newName: "bad name" }), /not a valid name/);
});

test("formatting edits give the canonical text, and comments survive", async () => {
  const messy = `# top\nmodel   m{preset=tinyllama   # inherits\noptim{lr=1e-4}}\nexperiment e {train_on=d evaluate=[d] models=[m] seeds=[1,2]}`;
  await h.change(ws.file, 16, messy);
  const edits = await req<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  const formatted = apply(messy, edits);
  assert.equal(formatted, `# top\nmodel m {\n  preset = tinyllama  # inherits\n  optim  { lr = 1e-4 }\n}\n\nexperiment e { train_on = d  evaluate = [d]  models = [m]  seeds = [1, 2] }\n`);
  await h.change(ws.file, 17, formatted);
  assert.deepEqual(await req<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
});

test("code actions: did-you-mean, add a missing key, create a missing block", async () => {
  const text = VALID.replace("interleaved_curriculum]", "interleaved_curiculum]").replace("train_on   = lek", "train_on   = lekk").replace('  ssh       = "me@login.hpc.example:2222"  # alias or user@host[:port]\n', "");
  const p = await h.change(ws.file, 18, text);
  const byCode = (c: string) => p.diagnostics.find((d) => d.code === c)!;
  const actions = async (r: Range) => req<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: r, context: { diagnostics: [] } });
  const a1 = await actions(byCode("unknown-value").range);
  assert.equal(a1[0]!.title, "Change to `interleaved_curriculum`");
  assert.ok(apply(text, a1[0]!.edit!.changes![uri]!).includes("interleaved_curriculum]"));
  const missing = await actions(byCode("missing-key").range);
  assert.equal(missing[0]!.title, 'Add `ssh = ""`');
  assert.match(apply(text, missing[0]!.edit!.changes![uri]!), /workdir {3}= "\$SCRATCH\/syllabus"\n {2}ssh = ""\n\}/);
  const undef = await actions(p.diagnostics.find((d) => d.code === "undefined-name" && d.message.includes("lekk"))!.range);
  assert.deepEqual(undef.map((a) => a.title), ["Change to `lek`", "Create dataset `lekk`"]);
  const created = apply(text, undef[1]!.edit!.changes![uri]!);
  assert.match(created, /\ndataset lekk \{\n {2}format = medqa\n\}\n$/);
  await h.change(ws.file, 19, VALID);
});

test("document symbols, folding ranges and semantic tokens", async () => {
  const symbols = await req<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => `${s.detail} ${s.name}`), ["host cluster", "dataset lek", "dataset medqa", "model tiny", "model big", "experiment lek_to_medqa"]);
  assert.ok(symbols[0]!.children!.some((c) => c.name === "scheduler" && c.children!.some((g) => g.name === "gres")));
  const folds = await req<FoldingRange[]>("textDocument/foldingRange", { textDocument: { uri } });
  assert.ok(folds.some((f) => f.startLine === 1 && f.endLine === 5));
  const tokens = await req<SemanticTokens>("textDocument/semanticTokens/full", { textDocument: { uri } });
  assert.equal(tokens.data.length % 5, 0);
  // First token: the comment on line 0; then `host` keyword on line 1.
  assert.deepEqual(tokens.data.slice(0, 10), [0, 0, VALID.indexOf("\n"), 7, 0, 1, 0, 4, 0, 0]);
});

test("the server survives garbage and keeps answering", async () => {
  const garbage = "}}}]]] host { = = \"unterminated\n model m { optim { lr = [[[[ } experiment";
  const p = await h.change(ws.file, 20, garbage);
  assert.ok(p.diagnostics.length > 0);
  for (let line = 0; line < 2; line++)
    for (let character = 0; character < 40; character += 3) {
      await req("textDocument/completion", { textDocument: { uri }, position: { line, character } });
      await req("textDocument/hover", { textDocument: { uri }, position: { line, character } });
    }
  const back = await h.change(ws.file, 21, VALID);
  assert.deepEqual(back.diagnostics.map((d) => d.code), ["no-test"]);
});
