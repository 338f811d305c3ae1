/**
 * Extension-host test entry (the @vscode/test-electron contract: `run()` resolves when all tests pass). Runs
 * every compiled *.test.js beside it with mocha, and writes {passed, failed, failures} to the file named by
 * SYLLABUS_E2E_MOCHA_RESULT so test/e2e/run.mjs can count tests, not just read an exit code.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Mocha from "mocha";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 60000, reporter: "spec" });
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith(".test.js")).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const failures: string[] = [];
    let passed = 0;
    const runner = mocha.run((failed) => {
      const out = process.env.SYLLABUS_E2E_MOCHA_RESULT;
      if (out) writeFileSync(out, JSON.stringify({ passed, failed, failures }));
      if (failed > 0) reject(new Error(`${failed} extension-host test(s) failed`));
      else resolve();
    });
    runner.on("pass", () => passed++);
    runner.on("fail", (test, err: Error) => failures.push(`${test.fullTitle()}: ${err.message}`));
  });
}
