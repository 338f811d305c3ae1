// `npm run demo`: the README's first command. Sets up the trainer's Python venv, builds, and runs
// `syllabus demo` (generated data, six strategies × 2 seeds on this machine, HTML report).
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(process.execPath, ["scripts/setup-python.mjs"]);
step(process.execPath, ["scripts/build.mjs"]);
step(process.execPath, ["dist/cli.js", "demo", ...process.argv.slice(2)]);
