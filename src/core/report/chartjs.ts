/**
 * The report's page script (src/webview/report.ts: chart.js + the one chart plugin + the chart-spec renderer,
 * the same code the panels draw with), as text to inline: the report must open offline and make no external
 * request. A packaged extension or CLI ships it beside its bundle (dist/report.js, scripts/build.mjs); run from
 * source (tests, `npx tsx`), it is bundled from src/webview/report.ts once per process with esbuild.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { existsSync, readFileSync } from "node:fs";

let cached: string | undefined;

export function reportScriptSource(): string {
  if (cached) return cached;
  // __filename is the bundle (dist/cli.js, dist/extension.js) or this file under tsx.
  const from = typeof __filename === "string" ? __filename : join(process.cwd(), "index.js");
  const beside = join(dirname(from), "report.js");
  if (!from.endsWith(".ts") && existsSync(beside)) return (cached = readFileSync(beside, "utf8"));
  const entry = join(dirname(from), "..", "..", "webview", "report.ts");
  if (!existsSync(entry)) throw new Error(`the report's page script is missing (looked for ${beside} and ${entry}). Fix: run npm run build in the Syllabus folder`);
  // From source only: esbuild is a devDependency, present wherever the sources are.
  const esbuild = createRequire(from)("esbuild") as typeof import("esbuild");
  const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, write: false, format: "iife", platform: "browser", target: "es2022", minify: true, legalComments: "inline", logLevel: "silent" });
  return (cached = out.outputFiles[0]!.text);
}
