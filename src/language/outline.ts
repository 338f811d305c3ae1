/** Document symbols (the outline: blocks and their keys) and folding ranges (blocks, lists, comment runs). */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from "vscode-languageserver-types";
import type { Body, SyllabusFile, Value } from "./ast";
import type { LineIndex } from "./lineIndex";

const KIND: Record<string, SymbolKind> = { host: SymbolKind.Module, dataset: SymbolKind.Struct, model: SymbolKind.Class, experiment: SymbolKind.Event };

export function documentSymbols(file: SyllabusFile, index: LineIndex): DocumentSymbol[] {
  const range = (start: number, end: number) => ({ start: index.position(start), end: index.position(end) });
  const bodySymbols = (body: Body): DocumentSymbol[] =>
    body.items.map((a) => {
      const children = a.value?.type === "object" ? bodySymbols(a.value.body) : [];
      const detail = a.value && a.value.type !== "object" ? file.text.slice(a.value.start, Math.min(a.value.end, a.value.start + 60)).replace(/\s+/g, " ") : "";
      const s: DocumentSymbol = { name: a.key.text, kind: SymbolKind.Property, range: range(a.start, a.end), selectionRange: range(a.key.start, a.key.end), detail };
      if (children.length) s.children = children;
      return s;
    });
  return file.blocks.map((b) => {
    const name = b.name?.text ?? `(unnamed ${b.keyword.text})`;
    const sel = b.name ?? b.keyword;
    return { name, detail: b.keyword.text, kind: KIND[b.keyword.text] ?? SymbolKind.Object, range: range(b.start, b.end), selectionRange: range(sel.start, sel.end), children: b.body ? bodySymbols(b.body) : [] };
  });
}

export function foldingRanges(file: SyllabusFile, index: LineIndex): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    const a = index.lineOf(start);
    const b = index.lineOf(end);
    if (b > a) out.push(kind ? { startLine: a, endLine: b - 1, kind } : { startLine: a, endLine: b - 1 });
  };
  const value = (v: Value): void => {
    if (v.type === "object") body(v.body);
    else if (v.type === "list") {
      add(v.start, v.end);
      v.items.forEach(value);
    }
  };
  const body = (b: Body): void => {
    add(b.open, b.end);
    for (const a of b.items) if (a.value) value(a.value);
  };
  for (const b of file.blocks) if (b.body) body(b.body);
  // Runs of whole-line comments.
  let runStart = -1;
  let runEnd = -1;
  for (const c of file.comments) {
    const line = index.lineOf(c.start);
    const ownLine = file.text.slice(index.lineStart(line), c.start).trim() === "";
    if (!ownLine) continue;
    if (runStart >= 0 && line === runEnd + 1) runEnd = line;
    else {
      if (runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
      runStart = runEnd = line;
    }
  }
  if (runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
  return out;
}
