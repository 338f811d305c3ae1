#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }): there is no
// desktop VS Code offline, so this accepts the Electron-style command line runTests() spawns and runs the tests
// in code-server + headless Chromium instead. Exit code = the test run's (0 pass, 1 fail, 124 no report).
import { mkdirSync } from "node:fs";
import { runExtensionTests } from "./lib/extensionTests.mjs";
import { scratch } from "./lib/env.mjs";

const argv = process.argv.slice(2);
const opts = { dev: [], positional: [] };
for (let i = 0; i < argv.length; i++) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
  if (!m) { opts.positional.push(argv[i]); continue; }
  const [, key, inline] = m;
  const value = () => (inline !== undefined ? inline : argv[++i]);
  if (key === "extensionDevelopmentPath") opts.dev.push(value());
  else if (key === "extensionTestsPath") opts.tests = value();
  else if (key === "extensions-dir") opts.extensionsDir = value();
  else if (key === "folder-uri") opts.positional.push(new URL(value()).pathname);
  else if (key === "user-data-dir") value(); // each run gets its own fresh user data under the scratch dir
  // Electron-only flags (--no-sandbox, --disable-updates, --skip-welcome, …) mean nothing here
}
if (!opts.tests || opts.dev.length !== 1) {
  console.error("code-shim: need exactly one --extensionDevelopmentPath and an --extensionTestsPath");
  process.exit(2);
}
if (opts.extensionsDir) mkdirSync(opts.extensionsDir, { recursive: true });
try {
  const result = await runExtensionTests({
    extensionDevelopmentPath: opts.dev[0],
    extensionTestsPath: opts.tests,
    folder: opts.positional[0],
    extensionsDir: opts.extensionsDir,
    dir: scratch("exthost"),
  });
  console.error(`code-shim: exit ${result.code} ${JSON.stringify(result.timings)}`);
  process.exit(result.code);
} catch (e) {
  console.error("code-shim:", e);
  process.exit(3);
}
