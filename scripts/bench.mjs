// `npm run bench`: runs every benchmark in bench/*.ts, one process each (so one cannot warm
// another's caches), and prints each one's figures with its goal and its reference run side by side.
// `npm run bench -- ordering language` runs only those.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const wanted = process.argv.slice(2);
const benches = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name}`);
  const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", join("bench", `${name}.ts`)], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
