#!/usr/bin/env node
// The real-editor tests (scripts/test-all.mjs runs this). Two layers, both in code-server 4.100.3 (= VS Code
// 1.100.3) driven by headless Chromium:
//   1. extension-host mocha tests (suite/*.test.ts) through unmodified @vscode/test-electron runTests(), whose
//      "VS Code executable" is code-shim.mjs;
//   2. the UI scenario (ui/scenario.mjs): a newcomer's first run from an EMPTY folder with the extension
//      installed from its .vsix (Open Demo → Set Up Local Trainer → Run → comparison), with screenshots;
//   3. the package: `vsce package` makes a .vsix that code-server installs and lists.
// Prerequisites (missingPrerequisites): code-server (install-code-server.sh), Chromium, and the trainer's wheels
// (install-wheels.sh) that the scenario's Set Up Local Trainer installs offline.
// Writes {passed, failed} to $SYLLABUS_E2E_SUMMARY and exits non-zero on any failure. Without code-server or
// Chromium it skips (exit 0), except in CI (CI=true), where that is a failure.
// Options: --only exthost|ui   SYLLABUS_E2E_VERBOSE=1 for the workbench's own logs.
// SYLLABUS_E2E_EXTENSION=DIR tests an already built extension folder instead of this repository (used to check
// that a broken extension fails the tests).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import testElectron from "@vscode/test-electron";
import { clearScratch, missingPrerequisites, REPO_ROOT, scratch } from "./lib/env.mjs";
import { runScenario } from "./ui/scenario.mjs";
import { installVsix, packageVsix } from "./lib/vsix.mjs";

const summaryFile = process.env.SYLLABUS_E2E_SUMMARY;
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const summary = { passed: 0, failed: 0, layers: {} };

function finish() {
  if (summaryFile) writeFileSync(summaryFile, JSON.stringify(summary));
  console.log(`\n[e2e] ${summary.passed} passed, ${summary.failed} failed ${JSON.stringify(summary.layers)}`);
  process.exit(summary.failed === 0 ? 0 : 1);
}

const missing = missingPrerequisites();
if (missing.length) {
  console.log(`e2e: skipped, missing:\n  ${missing.join("\n  ")}`);
  if (process.env.CI === "true") summary.failed = 1;
  summary.skipped = true;
  summary.missing = missing;
  finish();
}

clearScratch();

// the extension under test is the freshly built one
const EXTENSION = process.env.SYLLABUS_E2E_EXTENSION || REPO_ROOT;
if (EXTENSION === REPO_ROOT) {
  const built = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (built.status !== 0) { summary.failed = 1; summary.layers.build = "failed"; finish(); }
}

/** A fresh copy of the test workspace (demo data + broken/unformatted configs). */
function makeWorkspace(name) {
  const dir = join(scratch(name), "workspace");
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, ["--import", "tsx", "test/e2e/fixtures/workspace.ts", dir], { cwd: REPO_ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("could not write the test workspace");
  return dir;
}

async function extensionHostLayer() {
  const outDir = join(REPO_ROOT, ".e2e", "suite");
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: ["index", "activation.test", "language.test", "views.test", "launch.test"].map((n) => join(REPO_ROOT, "test/e2e/suite", `${n}.ts`)),
    outdir: outDir, bundle: true, platform: "node", format: "cjs", target: "node20", external: ["vscode", "mocha"], logLevel: "warning", sourcemap: "inline",
  });
  const resultFile = join(scratch("mocha-result"), "result.json");
  const workspace = makeWorkspace("exthost");
  let code = 0;
  try {
    await testElectron.runTests({
      vscodeExecutablePath: join(REPO_ROOT, "test/e2e/code-shim.mjs"),
      extensionDevelopmentPath: EXTENSION,
      extensionTestsPath: join(outDir, "index.js"),
      launchArgs: [workspace],
      extensionTestsEnv: { SYLLABUS_E2E_MOCHA_RESULT: resultFile },
    });
  } catch (err) {
    code = 1;
    console.error(`extension-host tests: ${err.message ?? err}`);
  }
  const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, "utf8")) : { passed: 0, failed: 1, failures: ["the extension host never reported results"] };
  // a non-zero exit with no counted failure (crash, timeout) is still a failure
  if (code !== 0 && result.failed === 0) result.failed = 1;
  for (const f of result.failures ?? []) console.error(`  FAILED ${f}`);
  return result;
}

async function uiLayer() {
  const dir = scratch("ui-vsix");
  const extensionsDir = installVsix(packageVsix(EXTENSION, dir), EXTENSION, dir);
  const folder = join(scratch("ui-folder"), "empty");
  mkdirSync(folder);
  return runScenario({ folder, extensionsDir, shots: join(REPO_ROOT, "test-results", "e2e") });
}

/** The .vsix installs into a real VS Code server and is listed with its version. */
async function vsixLayer() {
  const dir = scratch("vsix");
  try {
    installVsix(packageVsix(EXTENSION, dir), EXTENSION, dir);
    return { passed: 1, failed: 0 };
  } catch (err) {
    console.error(err.message);
    return { passed: 0, failed: 1 };
  }
}

for (const [name, layer] of [["exthost", extensionHostLayer], ["ui", uiLayer], ["vsix", vsixLayer]]) {
  if (only && only !== name) continue;
  const t0 = Date.now();
  let r;
  try {
    r = await layer();
  } catch (err) {
    console.error(`e2e ${name}:`, err);
    r = { passed: 0, failed: 1 };
  }
  summary.passed += r.passed;
  summary.failed += r.failed;
  summary.layers[name] = { passed: r.passed, failed: r.failed, seconds: Math.round((Date.now() - t0) / 100) / 10 };
}
finish();
