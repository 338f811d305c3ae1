/** Renders docs/config-reference.md from the schema table (scripts/gen-config-reference.ts writes it). */
import { PRESETS } from "./presets";
import { BLOCKS, rangeLabel, typeLabel, type KeySpec, type ValueType } from "./schema";
import { STRATEGY_DOCS } from "./strategies";
import { STRATEGIES } from "../core/ordering/types";
import { formatText } from "./format";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function keyRows(keys: KeySpec[], prefix: string): string[] {
  const rows: string[] = [];
  for (const k of keys) {
    const req = k.required ? "yes" : k.requiredUnless ? `unless \`${k.requiredUnless}\`` : "";
    const range = rangeLabel(k.type) ?? "";
    rows.push(`| \`${prefix}${k.name}\` | ${cell(typeLabel(k.type))} | ${req} | ${k.default ? cell("`" + k.default + "`") : ""} | ${cell(range)} | ${cell(k.doc)} |`);
    rows.push(...nested(k.type, `${prefix}${k.name}.`));
  }
  return rows;
}

function nested(t: ValueType, prefix: string): string[] {
  if (t.kind === "block") return keyRows(t.keys, prefix);
  if (t.kind === "variant") return t.variants.flatMap((v) => (v.keys ? keyRows(v.keys, `${prefix.slice(0, -1)} = ${v.name} { `.replace(/ \{ $/, "").concat(" › ")) : []));
  return [];
}

function valueLists(keys: KeySpec[]): string[] {
  const out: string[] = [];
  const visit = (k: KeySpec) => {
    const t = k.type;
    if (t.kind === "enum" && k.name !== "strategies" && k.name !== "baseline") out.push(`- \`${k.name}\``, ...t.values.map((v) => `  - \`${v.name}\` — ${v.doc}`));
    if (t.kind === "variant") out.push(`- \`${k.name}\``, ...t.variants.map((v) => `  - \`${v.example}\` — ${v.doc}`));
    if (t.kind === "block") t.keys.forEach(visit);
    if (t.kind === "variant") t.variants.forEach((v) => v.keys?.forEach(visit));
  };
  keys.forEach(visit);
  return out;
}

export function renderConfigReference(): string {
  const lines = [
    "# `.syllabus` configuration reference",
    "",
    "<!-- Generated from src/language/schema.ts by `node --import tsx scripts/gen-config-reference.ts`. Do not edit by hand: a test checks this file is up to date. -->",
    "",
    "A config has four kinds of blocks, each with a name: `host`, `dataset`, `model`, `experiment`. Attributes are `key = value`;",
    "values are strings (`\"…\"`), numbers (`5e-4`), names (`nf4`, or a block's name), lists (`[a, b]`), calls (`column(\"Category\")`)",
    "and nested blocks (`lora { r = 16 }`, `slurm { partition = \"gpu\" }`). `#` starts a comment. Paths are relative to the config file.",
    "The host `local` (this machine) exists without being declared.",
    "",
  ];
  for (const b of BLOCKS) {
    lines.push(`## \`${b.keyword}\``, "", b.doc, "", "```syllabus", (formatText(b.example) ?? b.example).trimEnd(), "```", "", "| key | type | required | default | range | meaning |", "|---|---|---|---|---|---|", ...keyRows(b.keys, ""), "");
    const values = valueLists(b.keys);
    if (values.length) lines.push("Values:", "", ...values, "");
  }
  lines.push("## Strategies", "", "| name | strategy | needs | definition | example order (categories M, S, P) |", "|---|---|---|---|---|");
  for (const s of STRATEGIES) {
    const d = STRATEGY_DOCS[s];
    const needs = [d.needsCategory && "categories", d.needsDifficulty && "difficulty"].filter(Boolean).join(", ") || "—";
    lines.push(`| \`${s}\` | ${d.title} | ${needs} | ${cell(d.definition)} | \`${d.example}\` |`);
  }
  lines.push("", "## Study presets", "", "Use as `model NAME { preset = PRESET }` (then override any key) or directly as `models = [study.PRESET]`.", "", "| preset | hf | lr | batch | accumulate | quantize | LoRA r/α/dropout | schedule | warmup | max length | optimizer |", "|---|---|---|---|---|---|---|---|---|---|---|");
  for (const p of PRESETS) {
    const s = p.settings;
    lines.push(`| \`${p.name}\` | \`${s.hf}\` | ${s.optim.lr} | ${s.optim.batch} | ${s.optim.accumulate} | ${s.quantize} | ${s.lora.r}/${s.lora.alpha}/${s.lora.dropout} | ${s.optim.schedule} | ${s.optim.warmup} | ${s.maxLength} | ${s.optim.optimizer} |`);
  }
  lines.push("", ...PRESETS.map((p) => `- \`${p.name}\`: ${p.doc}`), "");
  return lines.join("\n");
}
