// Writes docs/config-reference.md from the schema table (src/language/schema.ts), atomically.
// Run: node --import tsx scripts/gen-config-reference.ts
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { renderConfigReference } from "../src/language/reference";

const out = path.resolve(__dirname, "..", "docs", "config-reference.md");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out + ".tmp", renderConfigReference());
renameSync(out + ".tmp", out);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
