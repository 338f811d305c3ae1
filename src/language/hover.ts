/** Hover: docs for every block, key, value, variant, preset and strategy (with the study's definition). */
import * as path from "node:path";
import { existsSync } from "node:fs";
import type { Analysis } from "./analyze";
import { locate } from "./cursor";
import { PRESET_BY_NAME, STUDY_NAMESPACE } from "./presets";
import { rangeLabel, typeLabel, type EnumValue, type KeySpec, type ValueType } from "./schema";
import { strategyMarkdown } from "./strategies";
import { STRATEGIES, type Strategy } from "../core/ordering/types";
import { resolveDataPath } from "./check";
import type { DataFacts } from "./dataFacts";
import { describeSplit, describeProblems, lopsidedBuckets } from "../core/ordering/buckets";
import { powerMarkdown } from "./power";

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

export function hover(analysis: Analysis, offset: number, facts?: DataFacts): HoverResult | undefined {
  const h = hoverOf(analysis, offset);
  if (!h || !facts) return h;
  return { ...h, markdown: h.markdown + bucketFacts(analysis, offset, facts) };
}

/** On `curriculum` or its `buckets { … }` value: how many training questions each bucket holds. */
function bucketFacts(analysis: Analysis, offset: number, facts: DataFacts): string {
  const loc = locate(analysis.ast, offset);
  const name = loc.block?.keyword.text === "experiment" ? loc.block.name?.text : undefined;
  const key = loc.keySlot?.spec?.name ?? loc.valueSlot?.key.name;
  const b = name ? facts.get(name)?.buckets : undefined;
  if (!b || key !== "curriculum") return "";
  const problems = lopsidedBuckets(b);
  return `\n\n**Training data:** ${describeSplit(b)} of ${b.total} questions${b.missing ? ` (${b.missing} without a difficulty)` : ""}${problems.length ? ` — lopsided: ${describeProblems(problems)}` : ""}`;
}

function hoverOf(analysis: Analysis, offset: number): HoverResult | undefined {
  const loc = locate(analysis.ast, offset);
  const block = loc.block;
  if (block && loc.onKeyword && loc.blockSpec) {
    return { markdown: `**${loc.blockSpec.keyword}**\n\n${loc.blockSpec.doc}\n\n\`\`\`syllabus\n${loc.blockSpec.example}\n\`\`\``, start: block.keyword.start, end: block.keyword.end };
  }
  if (block && loc.onName && block.name) {
    const name = block.name.text;
    const uses = analysis.refs.filter((r) => r.decl?.block === block).length;
    return { markdown: `${block.keyword.text} **${name}** — ${uses} reference${uses === 1 ? "" : "s"}${summary(analysis, block.keyword.text, name)}`, start: block.name.start, end: block.name.end };
  }
  const ks = loc.keySlot;
  if (ks?.ident && ks.spec) return { markdown: keyMarkdown(ks.spec) + power(analysis, block?.keyword.text, block?.name?.text, ks.spec.name), start: ks.ident.start, end: ks.ident.end };
  const vs = loc.valueSlot;
  if (!vs?.node) return undefined;
  const node = vs.node;
  if (vs.key.name === "seeds") return { markdown: keyMarkdown(vs.key) + power(analysis, block?.keyword.text, block?.name?.text, "seeds"), start: node.start, end: node.end };
  if (vs.variant && vs.part) return { markdown: `**${vs.variant.name}** (\`${vs.key.name}\`)\n\n${vs.variant.doc}\n\nExample: \`${vs.variant.example}\``, start: vs.part.start, end: vs.part.end };
  if (node.type === "name") {
    const t = vs.type;
    const span = { start: node.start, end: node.end };
    if (t.kind === "enum") {
      if ((STRATEGIES as readonly string[]).includes(node.text)) return { markdown: strategyMarkdown(node.text as Strategy), ...span };
      const v = t.values.find((x) => x.name === node.text);
      if (v) return { markdown: enumMarkdown(vs.key, v), ...span };
    }
    if (t.kind === "ref") {
      const ref = analysis.refs.find((r) => r.span.start === node.start && r.span.end === node.end);
      if (ref?.decl) return { markdown: `${ref.target} **${ref.name}**${summary(analysis, ref.target, ref.name)}`, ...span };
      const presetName = node.parts.length === 2 && node.parts[0]!.text === STUDY_NAMESPACE ? node.parts[1]!.text : node.text;
      const preset = PRESET_BY_NAME.get(presetName);
      if (preset) return { markdown: `study preset **${preset.name}**\n\n${preset.doc}\n\n\`\`\`json\n${JSON.stringify(preset.settings, null, 2)}\n\`\`\``, ...span };
      const b = t.builtins?.find((x) => x.name === node.text);
      if (b) return { markdown: `**${b.name}** (built in)\n\n${b.doc}`, ...span };
    }
    if (t.kind === "bool") return { markdown: keyMarkdown(vs.key), ...span };
  }
  if (node.type === "string" && isFile(vs.type)) {
    const abs = resolveDataPath(analysis.file, node.value);
    return { markdown: `${keyMarkdown(vs.key)}\n\n\`${abs}\` — ${existsSync(abs) ? "exists" : "**not found**"}`, start: node.start, end: node.end };
  }
  return { markdown: keyMarkdown(vs.key), start: node.start, end: node.end };
}

/** The minimal detectable gain under `seeds` / `evaluate` of an experiment (src/language/power.ts). */
function power(analysis: Analysis, keyword: string | undefined, experiment: string | undefined, key: string): string {
  if (keyword !== "experiment" || !experiment || (key !== "seeds" && key !== "evaluate") || !analysis.config) return "";
  const md = powerMarkdown(analysis.config, experiment);
  return md ? `\n\n---\n\n${md}` : "";
}

function isFile(t: ValueType): boolean {
  return (t.kind === "string" && t.check === "data-file") || (t.kind === "list" && isFile(t.of));
}

export function keyMarkdown(k: KeySpec): string {
  const lines = [`**${k.name}**: \`${typeLabel(k.type)}\`${k.required ? " — required" : k.requiredUnless ? ` — required unless \`${k.requiredUnless}\`` : ""}`, "", k.doc];
  if (k.default) lines.push("", `Default: \`${k.default}\``);
  const range = rangeLabel(k.type);
  if (range) lines.push("", `Range: ${range}`);
  if (k.type.kind === "enum" && k.type.values.length <= 8) lines.push("", ...k.type.values.map((v) => `- \`${v.name}\` — ${v.doc}`));
  if (k.example) lines.push("", `Example: \`${k.name} = ${k.example}\``);
  return lines.join("\n");
}

function enumMarkdown(k: KeySpec, v: EnumValue): string {
  return `**${v.name}** (\`${k.name}\`)\n\n${v.doc}`;
}

function summary(analysis: Analysis, kind: string, name: string): string {
  const c = analysis.config;
  if (!c) return "";
  const obj = kind === "host" ? c.hosts[name] : kind === "dataset" ? c.datasets[name] : kind === "model" ? c.models[name] : kind === "study" ? c.studies?.[name] : c.experiments[name];
  if (!obj) return "";
  const shown = JSON.stringify(obj, (_k, v) => (typeof v === "string" && path.isAbsolute(v) ? path.relative(path.dirname(c.file), v) || v : v), 2);
  return `\n\n\`\`\`json\n${shown}\n\`\`\``;
}
