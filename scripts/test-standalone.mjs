// Proves that no test reads outside the repository (Yang et al.'s data, the golden orders and the examples
// are all shipped in it): clones the repository (its committed files) into a fresh temp folder with nothing
// beside it (none of the folders that stand beside it on our CI machines), links in the installed dependencies (node_modules, .venv), and runs there the
// tests that read the shipped data, golden orders and examples. .ci/run calls it; it takes a few minutes.
//   node scripts/test-standalone.mjs
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const base = mkdtempSync(join(tmpdir(), "syllabus-standalone-"));
const clone = join(base, "syllabus");
// a plain clone (committed files only, as a user gets them), then the installed dependencies linked in
const clonedOk = spawnSync("git", ["clone", "-q", "--no-hardlinks", root, clone], { stdio: "inherit" }).status === 0;
if (!clonedOk) process.exit(1);
for (const dep of ["node_modules", ".venv"]) if (existsSync(join(root, dep)) && !existsSync(join(clone, dep))) symlinkSync(join(root, dep), join(clone, dep));
const files = spawnSync("git", ["ls-files"], { cwd: clone, encoding: "utf8" }).stdout.split("\n").filter(Boolean).length;
console.log(`cloned ${files} files to ${clone}; beside it: ${readdirSync(base).join(", ")}`);

const testFiles = (dir) => readdirSync(join(clone, dir)).flatMap((n) => {
  const p = join(dir, n);
  return statSync(join(clone, p)).isDirectory() ? testFiles(p) : p.endsWith(".test.ts") ? [p] : [];
});
const run = (cmd, args) => {
  console.log(`\n$ (in the copy) ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { cwd: clone, stdio: "inherit", env: { ...process.env, SYLLABUS_STANDALONE: "1" } }).status ?? 1;
};
// The node suites that read shipped files (data/, test/fixtures/golden, examples/), and the trainer tests that do.
const node = run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "test/standalone.test.ts", ...["test/core", "test/language", "test/cli"].flatMap(testFiles)]);
const python = existsSync(join(clone, ".venv/bin/python"))
  ? run(join(clone, ".venv/bin/python"), ["-m", "pytest", "-q", "-p", "no:cacheprovider", "python/tests/test_encoding.py", "python/tests/test_contract.py", "python/tests/test_evaluate.py", "python/tests/test_score.py"])
  : (console.log("no .venv: trainer tests not run (npm run setup:python)"), process.env.CI === "true" ? 1 : 0);
rmSync(base, { recursive: true, force: true });
console.log(`\nstandalone: node ${node === 0 ? "passed" : "FAILED"}, python ${python === 0 ? "passed" : "FAILED"}`);
process.exit(node === 0 && python === 0 ? 0 : 1);
