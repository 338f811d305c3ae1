// Bundles every entry point with esbuild: one bundle per process the product runs
// (extension host, language server, CLI) and the browser code of the webviews.
// An entry whose source does not exist yet is skipped, so the build works while the house is built.
import { build } from "esbuild";
import { existsSync } from "node:fs";

const common = { bundle: true, sourcemap: "linked", logLevel: "warning", legalComments: "none" };
// ssh2's native helpers (sshcrypto.node, cpu-features) are optional: it falls back to pure JS when they are
// absent, which is what a bundle without node_modules (the .vsix) gets.
const node = { ...common, platform: "node", target: "node20", format: "cjs", external: ["*.node", "cpu-features"] };

const bundles = [
  { ...node, entryPoints: ["src/extension/main.ts"], outfile: "dist/extension.js", external: [...node.external, "vscode"] },
  { ...node, entryPoints: ["src/server/main.ts"], outfile: "dist/server.js" },
  { ...node, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
  { ...common, platform: "browser", target: "es2022", format: "iife", entryPoints: ["src/webview/main.ts"], outfile: "dist/webview.js" },
  // The HTML report's page script: chart.js (its licence comment kept) + the same chart plugin and spec renderer as the panels, inlined by core/report.
  { ...common, platform: "browser", target: "es2022", format: "iife", minify: true, sourcemap: false, legalComments: "inline", entryPoints: ["src/webview/report.ts"], outfile: "dist/report.js" },
];

await Promise.all(bundles.filter((b) => existsSync(b.entryPoints[0])).map((b) => build(b)));
