/** `syllabus check` and `syllabus lsp --stdio` as real processes. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { makeWorkspace, VALID } from "./fixtures";

const root = path.resolve(__dirname, "../..");
// tsx by absolute URL, so the CLI can run from any working directory.
const TSX = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
const cli = (args: string[], cwd = root) => spawnSync(process.execPath, ["--import", TSX, path.join(root, "src/cli/main.ts"), ...args], { cwd, encoding: "utf8" });

test("syllabus check: file:line:col: severity: message, exit 1 on an error", () => {
  const ws = makeWorkspace();
  const bad = path.join(ws.dir, "bad.syllabus");
  const text = VALID.replace("interleaved_curriculum]", "interleaved_curiculum]").replace("lr = 1e-4  batch = 4", "lr = 0.5  batch = 4");
  writeFileSync(bad, text);
  const where = (needle: string, t = text) => {
    const before = t.slice(0, t.indexOf(needle));
    return `${before.split("\n").length}:${before.length - before.lastIndexOf("\n")}`;
  };
  const r = cli(["check", "bad.syllabus", "experiment.syllabus"], ws.dir);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trim().split("\n");
  const expected = "`interleaved_curiculum` is not a strategy — did you mean `interleaved_curriculum`? (one of: random, blocked, interleaved, curriculum, blocked_curriculum, interleaved_curriculum)";
  assert.ok(lines.includes(`bad.syllabus:${where("interleaved_curiculum")}: error: ${expected}`), r.stdout);
  assert.ok(lines.some((l) => l.startsWith(`bad.syllabus:${where("0.5")}: warning: \`lr\` = 0.5 is outside the usual range`)), r.stdout);
  assert.ok(lines.some((l) => l.startsWith(`experiment.syllabus:${where("lek, medqa", VALID)}: warning:`)), r.stdout);
  // The valid file's one training question also gets the data warnings: one bucket holds it, and all six
  // strategies give the same one-question order.
  assert.ok(lines.some((l) => l.startsWith("experiment.syllabus:") && /warning: lopsided curriculum buckets: easy 0 \(0%\) · medium 1 \(100%\)/.test(l)), r.stdout);
  assert.ok(lines.some((l) => l.startsWith("experiment.syllabus:") && /warning: `random` and `blocked` and .* give the same training order/.test(l)), r.stdout);
  assert.match(r.stderr, /2 files: 1 error, 5 warnings/);
});

test("syllabus check: warnings only exit 0; --json carries the resolved model", () => {
  const ws = makeWorkspace();
  const r = cli(["check", "--json", ws.file]);
  assert.equal(r.status, 0, r.stderr);
  const [report] = JSON.parse(r.stdout);
  assert.equal(report.config.datasets.medqa.test, path.join(ws.dir, "data/medqa/test.jsonl"));
  assert.equal(cli(["check"]).status, 2);
  assert.equal(cli(["check", path.join(ws.dir, "missing.syllabus")]).status, 1);
});

test("the example replication config checks clean, with bring-your-own warnings saying where to put the LEK and MedQA-train files", () => {
  const r = cli(["check", "examples/replication.syllabus"]);
  assert.equal(r.status, 0, r.stdout);
  const own = r.stdout.split("\n").filter((l) => l.includes(": warning: bring your own file"));
  assert.ok(own.some((l) => /put the study's curated LEK CSV .* at \/.*examples\/data\/lek\/lek_full\.csv/.test(l)), r.stdout);
  assert.ok(own.some((l) => /examples\/data\/medqa\/us_train\.jsonl/.test(l)), r.stdout);
  for (const l of own) assert.match(l, /examples\/data\/(lek\/lek_full\.csv|medqa\/us_train\.jsonl)/);
});

test("syllabus lsp --stdio answers initialize and publishes diagnostics", async () => {
  const child = spawn(process.execPath, ["--import", TSX, path.join(root, "src/cli/main.ts"), "lsp", "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  const send = (msg: object) => {
    const body = JSON.stringify({ jsonrpc: "2.0", ...msg });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  let buffer = Buffer.alloc(0);
  const messages: { id?: number; method?: string; result?: { capabilities?: object }; params?: { diagnostics: { message: string }[] } }[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const head = buffer.indexOf("\r\n\r\n");
      if (head < 0) break;
      const len = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, head).toString())![1]);
      if (buffer.length < head + 4 + len) break;
      messages.push(JSON.parse(buffer.subarray(head + 4, head + 4 + len).toString()));
      buffer = buffer.subarray(head + 4 + len);
    }
  });
  const waitFor = async (pred: (m: (typeof messages)[number]) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const m = messages.find(pred);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("timed out; got " + JSON.stringify(messages));
  };
  try {
    send({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
    const init = await waitFor((m) => m.id === 1);
    assert.ok(init.result?.capabilities && "completionProvider" in init.result.capabilities);
    send({ method: "initialized", params: {} });
    send({ method: "textDocument/didOpen", params: { textDocument: { uri: "file:///tmp/x.syllabus", languageId: "syllabus", version: 1, text: "modle m { }" } } });
    const diag = await waitFor((m) => m.method === "textDocument/publishDiagnostics");
    assert.match(diag.params!.diagnostics[0]!.message, /`modle` is not a block — did you mean `model`\?/);
    send({ id: 2, method: "shutdown" });
    await waitFor((m) => m.id === 2);
    send({ method: "exit" });
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    assert.equal(code, 0);
  } finally {
    child.kill();
  }
});
