/**
 * Finds chart.js's UMD build at run time (node_modules/chart.js/dist/chart.umd.js) so the report can
 * inline it: the report must open offline and make no external request.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { existsSync, readFileSync } from "node:fs";

let cached: string | undefined;

export function chartJsUmdSource(): string {
  if (cached) return cached;
  // __filename is the bundle (dist/cli.js) or this file under tsx: both resolve the project's node_modules.
  const from = typeof __filename === "string" ? __filename : join(process.cwd(), "index.js");
  // A packaged extension/CLI may ship the file beside its bundle (dist/chart.umd.js).
  const tries: string[] = [join(dirname(from), "chart.umd.js")];
  try {
    // chart.js exports no "./dist/chart.umd.js" subpath: resolve the package entry and look beside it.
    tries.push(join(dirname(createRequire(from).resolve("chart.js")), "chart.umd.js"));
  } catch {
    /* not resolvable from here: fall through to the working directory */
  }
  tries.push(join(process.cwd(), "node_modules/chart.js/dist/chart.umd.js"));
  const found = tries.find((p) => existsSync(p));
  if (!found) throw new Error(`chart.js is not installed (looked for ${tries.join(", ")}). Fix: run npm install in the Syllabus folder`);
  cached = readFileSync(found, "utf8");
  return cached;
}
