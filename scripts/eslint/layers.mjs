// The house rules of the architecture, as one eslint rule: which folder of src/ may import which.
// Folders are the architecture (README "Architecture"): core is pure domain logic, language/server the config
// language, remote the hosts, cli and extension the two front ends, webview the panels' browser code.
// A hand-written rule (not eslint-plugin-import's no-restricted-paths) because it also has to tell browser-safe
// code from Node code: the webviews may use only the DOM, chart.js and the pure chart model in src/core/charts.
import { builtinModules } from "node:module";
import { dirname, relative, resolve, sep } from "node:path";

const SRC = resolve(import.meta.dirname, "..", "..", "src");
const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (s) => s.startsWith("node:") || NODE_BUILTINS.has(s.split("/")[0]);

/**
 * Per layer (a folder under src/, or core/charts): which other layers it may import, and which packages.
 * `packages: null` = any package except those in `forbidPackages`.
 */
export const LAYERS = {
  "core/charts": { layers: ["core/charts"], packages: ["chart.js"], node: false },
  core: { layers: ["core", "core/charts"], forbidPackages: ["vscode", "vscode-languageserver", "vscode-languageclient", "chart.js"], node: true },
  language: { layers: ["language", "core", "core/charts"], forbidPackages: ["vscode", "vscode-languageclient"], node: true },
  server: { layers: ["server", "language", "core", "core/charts"], forbidPackages: ["vscode", "vscode-languageclient"], node: true },
  remote: { layers: ["remote", "core", "core/charts"], forbidPackages: ["vscode", "vscode-languageclient"], node: true },
  cli: { layers: ["cli", "remote", "language", "core", "core/charts"], forbidPackages: ["vscode", "vscode-languageclient"], node: true },
  extension: { layers: ["extension", "remote", "language", "core", "core/charts", "webview/contract", "webview/host"], node: true },
  // The message contract is shared by the extension host and the browser code: pure TypeScript, no DOM, no Node.
  "webview/contract": { layers: ["webview/contract", "core/charts"], packages: [], node: false },
  // Files of src/webview that only the extension host runs (the page HTML with its nonce, CSV export): Node, no vscode.
  "webview/host": { layers: ["webview/host", "webview/contract", "core/charts"], packages: [], node: true },
  webview: { layers: ["webview", "webview/contract", "core/charts"], packages: ["chart.js"], node: false },
};

/** Files of src/webview that the extension host imports: the message contract (browser too) and host-only helpers. */
const WEBVIEW_CONTRACT = ["webview/messages.ts"];
const WEBVIEW_HOST = ["webview/html.ts", "webview/tables.ts"];

/** The layer a file under src/ belongs to, or undefined outside src/. */
export function layerOf(file) {
  const rel = relative(SRC, file).split(sep).join("/");
  if (rel.startsWith("..")) return undefined;
  if (rel.startsWith("core/charts/")) return "core/charts";
  if (WEBVIEW_CONTRACT.includes(rel)) return "webview/contract";
  if (WEBVIEW_HOST.includes(rel)) return "webview/host";
  return rel.split("/")[0];
}

const packageName = (s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]);

function problem(from, source, file) {
  const rule = LAYERS[from];
  if (!rule) return undefined;
  if (source.startsWith(".")) {
    const target = resolve(dirname(file), source);
    const to = layerOf(/\.[cm]?[jt]s$/.test(target) ? target : `${target}.ts`);
    if (to === undefined) return `src/${from} must not import from outside src/ (${source})`;
    if (to === from || rule.layers.includes(to)) return undefined;
    return `src/${from} must not import from src/${to} (${source}): ${advice(from)}`;
  }
  if (isNodeBuiltin(source)) return rule.node ? undefined : `src/${from} runs in the browser: no Node modules (${source})`;
  const pkg = packageName(source);
  if (rule.packages) {
    if (rule.packages.includes(pkg)) return undefined;
    return rule.packages.length ? `src/${from} may import only ${rule.packages.join(", ")}, not '${pkg}'` : `src/${from} must not import '${pkg}' (no packages here): ${advice(from)}`;
  }
  if (rule.forbidPackages?.includes(pkg)) return `src/${from} must not import '${pkg}': ${advice(from)}`;
  return undefined;
}

function advice(from) {
  if (from === "core" || from === "core/charts") return "core is pure domain logic; put editor/CLI/host glue in src/extension, src/cli or src/remote and pass data in";
  if (from.startsWith("webview")) return "webviews get data only through messages (src/webview/messages.ts)";
  return "only src/extension talks to VS Code";
}

export const layersRule = {
  meta: { type: "problem", docs: { description: "keeps each src/ folder to the imports its layer allows" }, schema: [] },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== "string") return;
      const message = problem(from, source, file);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === "Literal" && check(n.source, n.source.value),
      CallExpression: (n) => {
        if (n.callee.type === "Identifier" && n.callee.name === "require" && n.arguments[0]?.type === "Literal") check(n.arguments[0], n.arguments[0].value);
      },
    };
  },
};
