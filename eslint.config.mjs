// eslint (flat config): the architecture's import rules per folder (scripts/eslint/layers.mjs) over src/.
// Type-aware rules are left to `tsc` (npm run typecheck: tsconfig.src.json has no DOM types, tsconfig.webview.json
// no Node types); this config is about layering, so it stays fast. Run: npx eslint (part of `npm test`).
import tseslint from "typescript-eslint";
import { layersRule } from "./scripts/eslint/layers.mjs";

export default [
  { ignores: ["dist/**", "node_modules/**", ".venv/**", "test/**", "bench/**", "scripts/**", "python/**", "**/*.mjs", "**/*.js"] },
  {
    files: ["src/**/*.ts"],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 2022, sourceType: "module" } },
    plugins: { syllabus: { rules: { layers: layersRule } } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: { "syllabus/layers": "error" },
  },
];
