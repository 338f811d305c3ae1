// Creates the trainer's Python venv (.venv) from python/requirements-dev.txt.
// Idempotent: a stamp with the requirements' hash skips the install when nothing changed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const venv = join(root, ".venv");
const stamp = join(venv, ".syllabus-requirements");
const reqs = ["python/requirements.txt", "python/requirements-dev.txt"].map((f) => readFileSync(join(root, f), "utf8"));
const hash = createHash("sha256").update(reqs.join("\n")).digest("hex");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) {
  console.log("python venv is up to date (.venv)");
  process.exit(0);
}
const python = process.env.SYLLABUS_PYTHON ?? "python3";
const step = (cmd, args) => {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync(join(venv, "bin/python"))) step(python, ["-m", "venv", venv]);
step(join(venv, "bin/python"), ["-m", "pip", "install", "--quiet", "--upgrade", "pip"]);
step(join(venv, "bin/python"), ["-m", "pip", "install", "--quiet", "-r", "python/requirements-dev.txt"]);
writeFileSync(stamp, hash);
console.log("python venv ready (.venv)");
