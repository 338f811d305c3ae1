// The lint config (eslint.config.mjs) keeps the house: these run the REAL config over deliberate violations
// (as text at a path inside src/, so nothing is written) and over the tree as it is.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ESLint } from "eslint";

const root = join(import.meta.dirname, "..", "..");
const eslint = new ESLint({ cwd: root });

async function messages(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(root, path) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test("an `import \"vscode\"` in core fails the lint", async () => {
  const found = await messages("src/core/runs/bad.ts", 'import * as vscode from "vscode";\nexport const x = vscode;\n');
  assert.equal(found.length, 1, found.join("\n"));
  assert.match(found[0]!, /syllabus\/layers: src\/core must not import 'vscode'/);
  // the same line is fine in the extension
  assert.deepEqual(await messages("src/extension/ok.ts", 'import * as vscode from "vscode";\nexport const x = vscode;\n'), []);
});

test("core imports nothing from remote, cli, extension, server or language", async () => {
  for (const layer of ["remote/index", "cli/main", "extension/panels", "server/main", "language/parser"]) {
    const found = await messages("src/core/stats/bad.ts", `import { x } from "../../${layer}";\nexport { x };\n`);
    assert.equal(found.length, 1, `${layer}: ${found.join("\n")}`);
    assert.match(found[0]!, new RegExp(`must not import from src/${layer.split("/")[0]}`));
  }
  assert.deepEqual(await messages("src/core/stats/ok.ts", 'import { DataError } from "../errors";\nexport { DataError };\n'), []);
});

test("webview code uses only the DOM, chart.js and the chart model; no vscode anywhere but the extension", async () => {
  assert.match((await messages("src/webview/panels/bad.ts", 'import { readFileSync } from "node:fs";\nexport { readFileSync };\n'))[0]!, /runs in the browser: no Node modules/);
  assert.match((await messages("src/webview/bad.ts", 'import { planExperiment } from "../core/runs/plan";\nexport { planExperiment };\n'))[0]!, /must not import from src\/core/);
  assert.deepEqual(await messages("src/webview/ok.ts", 'import { Chart } from "chart.js";\nimport { strategyColor } from "../core/charts/palette";\nexport { Chart, strategyColor };\n'), []);
  for (const layer of ["remote", "cli", "language", "server"]) {
    assert.match((await messages(`src/${layer}/bad.ts`, 'import "vscode";\n'))[0] ?? "", /must not import 'vscode'/, layer);
  }
});

test("the tree as it is passes the lint", { timeout: 120_000 }, async () => {
  const results = await eslint.lintFiles(["src"]);
  const errors = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`));
  assert.deepEqual(errors, []);
});

test("the webview files only the extension host runs may use Node; the message contract may not", async () => {
  assert.deepEqual(await messages("src/webview/html.ts", 'import { randomBytes } from "node:crypto";\nexport const n = randomBytes(16);\n'), []);
  assert.match((await messages("src/webview/messages.ts", 'import { randomBytes } from "node:crypto";\nexport const n = randomBytes(16);\n'))[0]!, /runs in the browser: no Node modules/);
  assert.match((await messages("src/webview/html.ts", 'import "vscode";\n'))[0]!, /must not import 'vscode' \(no packages here\)/);
  // browser code cannot reach the host-only helpers
  assert.match((await messages("src/webview/main2.ts", 'import { makeNonce } from "./html";\nexport { makeNonce };\n'))[0]!, /must not import from src\/webview\/host/);
});
