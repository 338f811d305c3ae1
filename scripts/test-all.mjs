// Runs every test suite of the project and ends with ONE summary line: "N passed, N failed".
//   unit    node's test runner over test/**/*.test.ts (core, language, remote, webview …)
//   python  pytest over python/tests in the trainer's venv (.venv)
//   lint    eslint's layering rules (eslint.config.mjs) and the no-DOM / browser-only typechecks
//           (tsconfig.src.json, tsconfig.webview.json): each step counts as one test
//   e2e     the real-editor tests (code-server + Chromium), when test/e2e/run.mjs exists
// `--only NAME[,NAME]` picks suites. Outside CI, tests whose prerequisites are missing (sshd, Slurm, Chromium,
// code-server, the trainer's venv) are skipped and the summary lists why, with the package to install. In CI
// (CI=true) a missing prerequisite fails instead, so a broken install can never pass as "no tests".
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, readFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const root = new URL("..", import.meta.url).pathname;
const onlyArg = process.argv.indexOf("--only");
const only = onlyArg > 0 ? process.argv[onlyArg + 1].split(",") : null;
const ci = process.env.CI === "true";
const venvPython = join(root, ".venv/bin/python");

function files(dir, suffix, skip = []) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (skip.includes(p)) return [];
    return statSync(p).isDirectory() ? files(p, suffix, skip) : p.endsWith(suffix) ? [p] : [];
  });
}

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

const suites = {
  unit() {
    const tests = files(join(root, "test"), ".test.ts", [join(root, "test/e2e")]);
    if (tests.length === 0) return { passed: 0, failed: 0 };
    const tap = join(mkdtempSync(join(tmpdir(), "syllabus-tap-")), "unit.tap");
    const status = run(process.execPath, [
      "--import", "tsx", "--test", "--test-concurrency=2",
      "--test-reporter=spec", "--test-reporter-destination=stdout",
      "--test-reporter=tap", `--test-reporter-destination=${tap}`, ...tests,
    ]);
    const text = existsSync(tap) ? readFileSync(tap, "utf8") : "";
    const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, "m")) ?? [])[1] ?? 0);
    const result = { passed: count("pass"), failed: count("fail") + count("cancelled"), skipped: count("skipped") };
    // "ok 3 - name # SKIP why": one line per distinct reason, so a plain clone knows what to install
    const reasons = new Map();
    for (const m of text.matchAll(/^\s*ok \d+ - .*# SKIP (.*)$/gm)) reasons.set(m[1], (reasons.get(m[1]) ?? 0) + 1);
    result.skipReasons = [...reasons].map(([why, n]) => `${n} skipped: ${why}`);
    if (status !== 0 && result.failed === 0) result.failed = 1;
    return result;
  },
  python() {
    if (!existsSync(join(root, "python/tests"))) return { passed: 0, failed: 0 };
    if (!existsSync(venvPython)) {
      console.log("python: no .venv (run `npm run setup:python`)");
      return ci ? { passed: 0, failed: 1 } : { passed: 0, failed: 0, skipped: true, skipReasons: ["all skipped: no .venv (npm run setup:python)"] };
    }
    const junit = join(mkdtempSync(join(tmpdir(), "syllabus-py-")), "junit.xml");
    const status = run(venvPython, ["-m", "pytest", "-q", "python/tests", `--junitxml=${junit}`]);
    const xml = existsSync(junit) ? readFileSync(junit, "utf8") : "";
    const attr = (k) => Number((xml.match(new RegExp(`<testsuite [^>]*${k}="(\\d+)"`)) ?? [])[1] ?? 0);
    const failed = attr("failures") + attr("errors");
    const passed = attr("tests") - failed - attr("skipped");
    return { passed, failed: status !== 0 && failed === 0 ? 1 : failed };
  },
  lint() {
    const steps = [
      ["eslint", [join(root, "node_modules/eslint/bin/eslint.js")]],
      ["tsc -p tsconfig.src.json", [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.src.json", "--noEmit"]],
      ["tsc -p tsconfig.webview.json", [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.webview.json", "--noEmit"]],
    ];
    let passed = 0;
    let failed = 0;
    for (const [name, args] of steps) {
      const ok = run(process.execPath, args) === 0;
      console.log(`lint: ${name} ${ok ? "ok" : "FAILED"}`);
      if (ok) passed++;
      else failed++;
    }
    return { passed, failed };
  },
  e2e() {
    const runner = join(root, "test/e2e/run.mjs");
    if (!existsSync(runner)) return { passed: 0, failed: 0 };
    const out = join(mkdtempSync(join(tmpdir(), "syllabus-e2e-")), "summary.json");
    const status = run(process.execPath, [runner], { SYLLABUS_E2E_SUMMARY: out });
    const summary = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : { passed: 0, failed: 1 };
    const r = { passed: summary.passed, failed: status !== 0 && summary.failed === 0 ? 1 : summary.failed };
    if (summary.skipped) Object.assign(r, { skipped: true, skipReasons: [`all skipped, missing: ${(summary.missing ?? []).join("; ")}`] });
    return r;
  },
};

let passed = 0;
let failed = 0;
for (const [name, suite] of Object.entries(suites)) {
  if (only && !only.includes(name)) continue;
  const r = suite();
  console.log(`\n[${name}] ${r.passed} passed, ${r.failed} failed${r.skipped === true ? " (skipped)" : r.skipped ? `, ${r.skipped} skipped` : ""}`);
  for (const why of r.skipReasons ?? []) console.log(`  ${why}`);
  passed += r.passed;
  failed += r.failed;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
