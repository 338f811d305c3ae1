/**
 * Completion: block keywords at the top level, keys valid at the cursor (not yet written), enum values,
 * strategy names, variants (`slurm { … }`, `column("…")`), names of declared hosts/datasets/models and
 * study presets, data-file paths inside strings, and ~/.ssh/config aliases for `ssh`.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from "vscode-languageserver-types";
import type { Analysis } from "./analyze";
import { locate, type ValueSlot } from "./cursor";
import { BLOCKS, typeLabel, type KeySpec, type ValueType } from "./schema";
import { strategyMarkdown } from "./strategies";
import type { SshAlias } from "./sshHosts";
import type { Strategy } from "../core/ordering/types";
import { STRATEGIES } from "../core/ordering/types";

export interface CompletionEnv {
  sshAliases?: () => SshAlias[];
  listDir?: (absDir: string) => { name: string; dir: boolean }[];
}

export function complete(analysis: Analysis, offset: number, env: CompletionEnv = {}): CompletionItem[] {
  const loc = locate(analysis.ast, offset);
  if (loc.topLevel) return blockItems();
  if (loc.onKeyword) return blockItems();
  if (loc.onName) return [];
  if (loc.valueSlot) return valueItems(analysis, loc.valueSlot, offset, env);
  if (loc.keySlot) {
    const { keys, present } = loc.keySlot;
    return keys.filter((k) => !present.has(k.name)).map((k, i) => keyItem(k, i));
  }
  return [];
}

function blockItems(): CompletionItem[] {
  return BLOCKS.map((b, i) => ({
    label: b.keyword,
    kind: CompletionItemKind.Keyword,
    detail: `${b.keyword} NAME { … }`,
    documentation: { kind: MarkupKind.Markdown, value: `${b.doc}\n\n\`\`\`syllabus\n${b.example}\n\`\`\`` },
    insertText: `${b.keyword} \${1:name} {\n${requiredLines(b.keys)}\t$0\n}`,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: String(i),
  }));
}

function requiredLines(keys: KeySpec[]): string {
  return keys
    .filter((k) => k.required || k.requiredUnless === "from") // `from` is the exception, not the rule
    .map((k, i) => `\t${k.name} = \${${i + 2}:${escapeSnippet(k.insert ?? k.example ?? "")}}\n`)
    .join("");
}

function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, "\\$&");
}

function keyItem(k: KeySpec, i: number): CompletionItem {
  const nested = k.type.kind === "block";
  return {
    label: k.name,
    kind: CompletionItemKind.Property,
    detail: typeLabel(k.type) + (k.required ? " (required)" : k.default ? ` = ${k.default}` : ""),
    documentation: { kind: MarkupKind.Markdown, value: k.doc + (k.example ? `\n\nExample: \`${k.name} = ${k.example}\`` : "") },
    insertText: nested ? `${k.name} { $0 }` : `${k.name} = $0`,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: (k.required ? "0" : "1") + String(i).padStart(2, "0"),
  };
}

function valueItems(analysis: Analysis, slot: ValueSlot, offset: number, env: CompletionEnv): CompletionItem[] {
  const node = slot.node;
  if (node?.type === "string") {
    if (offset <= node.start || (node.terminated && offset >= node.end)) return [];
    return stringItems(analysis, slot.type, node.value.slice(0, offset - node.start - 1), env);
  }
  const items = typeItems(analysis, slot.type, slot.inList ?? false, env);
  const list = slot.list;
  if (list?.type !== "list") return items;
  // Leave out what the list already holds (but keep the item under the cursor, being edited).
  const held = new Set(list.items.filter((i) => i !== node && i.type === "name").map((i) => (i.type === "name" ? i.text : "")));
  return items.filter((i) => !held.has(i.label));
}

function typeItems(analysis: Analysis, t: ValueType, inList: boolean, env: CompletionEnv): CompletionItem[] {
  switch (t.kind) {
    case "enum":
      return t.values.map((v, i) => ({
        label: v.name,
        kind: CompletionItemKind.EnumMember,
        documentation: { kind: MarkupKind.Markdown, value: (STRATEGIES as readonly string[]).includes(v.name) ? strategyMarkdown(v.name as Strategy) : v.doc },
        sortText: String(i).padStart(2, "0"),
      }));
    case "bool":
      return ["true", "false"].map((b) => ({ label: b, kind: CompletionItemKind.Value }));
    case "ref": {
      const items: CompletionItem[] = analysis.decls
        .filter((d) => d.kind === t.target)
        .map((d) => ({ label: d.name, kind: CompletionItemKind.Reference, detail: `${d.kind} ${d.name}`, sortText: "0" + d.name }));
      for (const b of t.builtins ?? []) items.push({ label: b.name, kind: CompletionItemKind.Constant, detail: "built in", documentation: b.doc, sortText: "1" + b.name });
      if (t.namespace) for (const v of t.namespace.values) items.push({ label: `${t.namespace.name}.${v.name}`, kind: CompletionItemKind.Constant, detail: "study preset", documentation: v.doc, sortText: "2" + v.name });
      return items;
    }
    case "list": {
      const inner = typeItems(analysis, t.of, true, env);
      if (inList) return inner;
      const all = inner.map((i) => i.label);
      const items = inner.map((i) => ({ ...i, label: `[${i.label}]`, filterText: `[${i.label}`, insertText: `[${i.label}]` }));
      if (all.length > 1 && t.of.kind === "enum") items.unshift({ label: `[${all.join(", ")}]`, kind: CompletionItemKind.Value, detail: "all of them", sortText: "00" } as CompletionItem & { filterText: string; insertText: string });
      return items;
    }
    case "variant":
      return t.variants.map((v, i) => ({
        label: v.name,
        kind: v.form === "call" ? CompletionItemKind.Function : CompletionItemKind.EnumMember,
        detail: v.example,
        documentation: { kind: MarkupKind.Markdown, value: v.doc },
        insertText: v.form === "call" ? `${v.name}($1)` : v.form === "block" && !v.blockOptional ? `${v.name} { $0 }` : v.name,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: String(i),
      }));
    case "string":
      if (t.check === "data-file") return [{ label: '""', kind: CompletionItemKind.File, insertText: '"$0"', insertTextFormat: InsertTextFormat.Snippet, detail: "path relative to this file" }];
      if (t.check === "ssh") return (env.sshAliases?.() ?? []).map((a) => sshItem(a, true));
      return [];
    default:
      return [];
  }
}

function sshItem(a: SshAlias, quoted: boolean): CompletionItem {
  const target = `${a.user ? a.user + "@" : ""}${a.hostName ?? a.alias}${a.port ? ":" + a.port : ""}`;
  return { label: a.alias, kind: CompletionItemKind.Module, detail: `~/.ssh/config → ${target}`, insertText: quoted ? `"${a.alias}"` : a.alias };
}

function stringItems(analysis: Analysis, t: ValueType, typed: string, env: CompletionEnv): CompletionItem[] {
  const fileType = t.kind === "string" ? t : t.kind === "list" && t.of.kind === "string" ? t.of : undefined;
  if (fileType?.check === "ssh") return (env.sshAliases?.() ?? []).map((a) => sshItem(a, false));
  if (fileType?.check !== "data-file") return [];
  const base = path.dirname(analysis.file);
  const slash = typed.lastIndexOf("/");
  const dirPart = slash >= 0 ? typed.slice(0, slash + 1) : "";
  const absDir = path.resolve(base, dirPart || ".");
  const list = env.listDir ?? defaultListDir;
  return list(absDir)
    .filter((e) => !e.name.startsWith(".") || typed.slice(slash + 1).startsWith("."))
    .map((e) => ({
      label: e.name + (e.dir ? "/" : ""),
      kind: e.dir ? CompletionItemKind.Folder : CompletionItemKind.File,
      detail: path.join(absDir, e.name),
      sortText: (e.dir ? "0" : "1") + e.name,
      ...(e.dir ? { command: { title: "again", command: "editor.action.triggerSuggest" } } : {}),
    }));
}

function defaultListDir(absDir: string): { name: string; dir: boolean }[] {
  try {
    return readdirSync(absDir, { withFileTypes: true })
      .slice(0, 500)
      .map((d) => ({ name: d.name, dir: d.isDirectory() }));
  } catch {
    return [];
  }
}
