/**
 * Semantic tokens: block keywords, declared names, keys, enum values and variants, references (built-ins
 * marked defaultLibrary), the `study` namespace, strings, numbers, comments. Encoded relative, as LSP wants.
 */
import type { Body, SyllabusFile, Value } from "./ast";
import type { Analysis } from "./analyze";
import type { LineIndex } from "./lineIndex";

export const TOKEN_TYPES = ["keyword", "class", "property", "enumMember", "variable", "string", "number", "comment", "function", "namespace"] as const;
export const TOKEN_MODIFIERS = ["declaration", "defaultLibrary"] as const;
type TokenType = (typeof TOKEN_TYPES)[number];

interface Tok {
  start: number;
  end: number;
  type: TokenType;
  mods: number;
}

export function semanticTokens(analysis: Analysis, index: LineIndex): number[] {
  const toks: Tok[] = [];
  const file: SyllabusFile = analysis.ast;
  const refAt = new Map(analysis.refs.map((r) => [r.span.start, r]));
  const push = (start: number, end: number, type: TokenType, mods = 0) => end > start && toks.push({ start, end, type, mods });
  const value = (v: Value): void => {
    switch (v.type) {
      case "string":
        return void push(v.start, v.end, "string");
      case "number":
        return void push(v.start, v.end, "number");
      case "name": {
        const ref = refAt.get(v.start);
        if (ref && v.parts.length === 2) {
          push(v.parts[0]!.start, v.parts[0]!.end, "namespace");
          push(v.parts[1]!.start, v.parts[1]!.end, "variable", 2);
        } else if (ref) push(v.start, v.end, "variable", ref.builtin ? 2 : 0);
        else push(v.start, v.end, "enumMember");
        return;
      }
      case "list":
        return v.items.forEach(value);
      case "call":
        push(v.callee.start, v.callee.end, "function");
        for (const a of v.args) {
          if (a.name) push(a.name.start, a.name.end, "property");
          if (a.value) value(a.value);
        }
        return;
      case "object":
        if (v.head) push(v.head.start, v.head.end, "enumMember");
        return body(v.body);
    }
  };
  const body = (b: Body): void => {
    for (const a of b.items) {
      push(a.key.start, a.key.end, "property");
      if (a.value) value(a.value);
    }
  };
  for (const b of file.blocks) {
    push(b.keyword.start, b.keyword.end, "keyword");
    if (b.name) push(b.name.start, b.name.end, "class", 1);
    if (b.body) body(b.body);
  }
  for (const c of file.comments) push(c.start, c.end, "comment");
  toks.sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of toks) {
    const p = index.position(t.start);
    const e = index.position(t.end);
    if (e.line !== p.line) continue; // tokens never span lines in this language
    const dl = p.line - prevLine;
    const dc = dl === 0 ? p.character - prevChar : p.character;
    data.push(dl, dc, t.end - t.start, TOKEN_TYPES.indexOf(t.type), t.mods);
    prevLine = p.line;
    prevChar = p.character;
  }
  return data;
}
