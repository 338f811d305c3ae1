/**
 * Canonical, idempotent formatting that keeps every comment.
 * Rules: two-space indentation; `=` aligned within a multi-line block; one blank line between top-level
 * blocks; at most one blank line kept between items; lists and blocks stay on one line when they were
 * written on one line, hold no comment and fit in WIDTH columns, otherwise one item per line; strings
 * re-quoted canonically; numbers keep their spelling (5e-4 stays 5e-4). A file with syntax errors is
 * left alone (formatting a guess could destroy what the user is typing).
 */
import type { Attribute, Body, Comment, SyllabusFile, Value } from "./ast";
import { parse } from "./parser";

const WIDTH = 120;
const INDENT = "  ";

export function formatText(text: string): string | undefined {
  const file = parse(text);
  if (file.errors.length) return undefined;
  return new Printer(file).print();
}

export function quote(s: string): string {
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t") + '"';
}

class Printer {
  private readonly text: string;
  private readonly comments: Comment[];
  private readonly used: boolean[];

  constructor(private readonly file: SyllabusFile) {
    this.text = file.text;
    this.comments = file.comments;
    this.used = file.comments.map(() => false);
  }

  print(): string {
    const out: string[] = [];
    this.file.blocks.forEach((block, i) => {
      const lead = this.leading(block.start, "");
      if (i > 0) out.push("");
      out.push(...lead);
      const head = `${block.keyword.text}${block.name ? " " + block.name.text : ""}`;
      const body = block.body ? this.body(block.body, "", head.length + 1) : "{}";
      out.push(`${head} ${body}${this.trailing(block.end)}`);
    });
    const rest = this.leading(Infinity, "");
    if (rest.length) {
      if (out.length) out.push("");
      out.push(...rest);
    }
    return out.length ? out.join("\n").replace(/[ \t]+$/gm, "") + "\n" : "";
  }

  /** Prints `{ … }` starting at a column after `col` characters on the current line. */
  private body(body: Body, indent: string, col: number): string {
    const inline = this.inlineBody(body);
    if (inline !== undefined && indent.length + col + inline.length <= WIDTH) return inline;
    const inner = indent + INDENT;
    const lines: string[] = ["{" + this.trailing(body.open + 1)];
    const width = Math.max(0, ...body.items.map((a) => a.key.text.length));
    let prevEnd = body.open + 1;
    for (const attr of body.items) {
      const firstLead = this.firstUnusedBefore(attr.start);
      const gapEnd = firstLead ?? attr.start;
      if (prevEnd > body.open + 1 && this.hasBlankLine(prevEnd, gapEnd)) lines.push("");
      lines.push(...this.leading(attr.start, inner));
      const key = attr.key.text.padEnd(width);
      const nested = attr.eq === undefined;
      const prefix = `${inner}${key}${nested ? " " : " = "}`;
      const value = attr.value ? this.value(attr.value, inner, prefix.length - inner.length) : "";
      lines.push(`${prefix}${value}${this.trailing(attr.end)}`);
      prevEnd = this.lastTrailingEnd(attr.end);
    }
    const closeAt = body.close ?? body.end;
    const firstDangling = this.firstUnusedBefore(closeAt);
    if (firstDangling !== undefined && body.items.length && this.hasBlankLine(prevEnd, firstDangling)) lines.push("");
    lines.push(...this.leading(closeAt, inner));
    lines.push(indent + "}");
    return lines.join("\n");
  }

  private inlineBody(body: Body): string | undefined {
    if (this.hasComment(body.start, body.end) || this.text.slice(body.start, body.end).includes("\n")) return undefined;
    if (!body.items.length) return "{}";
    const parts: string[] = [];
    for (const a of body.items) {
      const v = a.value ? this.inlineValue(a.value) : "";
      if (v === undefined) return undefined;
      parts.push(`${a.key.text}${a.eq === undefined ? " " : " = "}${v}`);
    }
    return `{ ${parts.join("  ")} }`;
  }

  private value(v: Value, indent: string, col: number): string {
    if (v.type === "object") return (v.head ? v.head.text + " " : "") + this.body(v.body, indent, col + (v.head ? v.head.text.length + 1 : 0));
    if (v.type === "list") return this.list(v, indent, col);
    const inline = this.inlineValue(v);
    if (inline !== undefined) return inline;
    return this.verbatim(v);
  }

  private list(v: Extract<Value, { type: "list" }>, indent: string, col: number): string {
    const inline = this.inlineValue(v);
    if (inline !== undefined && indent.length + col + inline.length <= WIDTH) return inline;
    const inner = indent + INDENT;
    const lines = ["[" + this.trailing(v.start + 1)];
    let prevEnd = v.start + 1;
    for (const item of v.items) {
      const firstLead = this.firstUnusedBefore(item.start);
      if (prevEnd > v.start + 1 && this.hasBlankLine(prevEnd, firstLead ?? item.start)) lines.push("");
      lines.push(...this.leading(item.start, inner));
      const end = this.afterComma(item.end);
      lines.push(`${inner}${this.value(item, inner, 0)},${this.trailing(end)}`);
      prevEnd = this.lastTrailingEnd(end);
    }
    lines.push(...this.leading(v.end, inner));
    lines.push(indent + "]");
    return lines.join("\n");
  }

  private inlineValue(v: Value): string | undefined {
    if (this.hasComment(v.start, v.end)) return undefined;
    switch (v.type) {
      case "string":
        return quote(v.value);
      case "number":
        return v.raw;
      case "name":
        return v.text;
      case "list": {
        if (this.text.slice(v.start, v.end).includes("\n") && v.items.length) return undefined;
        const items = v.items.map((i) => this.inlineValue(i));
        return items.some((i) => i === undefined) ? undefined : `[${items.join(", ")}]`;
      }
      case "call": {
        const args = v.args.map((a) => {
          const val = a.value ? this.inlineValue(a.value) : "";
          return val === undefined ? undefined : a.name ? `${a.name.text} = ${val}` : val;
        });
        return args.some((a) => a === undefined) ? undefined : `${v.callee.text}(${args.join(", ")})`;
      }
      case "object": {
        const body = this.inlineBody(v.body);
        return body === undefined ? undefined : (v.head ? v.head.text + " " : "") + body;
      }
    }
  }

  /** Source text kept as written (a call with comments inside): the only non-canonical case. */
  private verbatim(v: Value): string {
    for (let i = this.firstFrom(v.start); i < this.comments.length && this.comments[i]!.start < v.end; i++) this.used[i] = true;
    return this.text.slice(v.start, v.end);
  }

  /**
   * Comments are consumed in source order (the printer walks the tree in source order), so a cursor
   * over the sorted comments keeps every lookup O(1) or O(log n): no quadratic work on big files.
   */
  private next = 0;
  private advance(): void {
    while (this.next < this.comments.length && this.used[this.next]) this.next++;
  }

  /** Index of the first comment starting at or after `offset`. */
  private firstFrom(offset: number): number {
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.comments[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Own-line comments before `offset` not yet printed. */
  private leading(offset: number, indent: string): string[] {
    const lines: string[] = [];
    let prev: Comment | undefined;
    for (let i = this.next; i < this.comments.length && this.comments[i]!.start < offset; i++) {
      if (this.used[i]) continue;
      const c = this.comments[i]!;
      this.used[i] = true;
      if (prev && this.hasBlankLine(prev.end, c.start)) lines.push("");
      lines.push(`${indent}#${c.text.replace(/\s+$/, "")}`);
      prev = c;
    }
    this.advance();
    if (prev && offset !== Infinity && this.hasBlankLine(prev.end, offset)) lines.push("");
    return lines;
  }

  /** A comment on the same line right after `end` (only spaces or commas between), printed after two spaces. */
  private trailing(end: number): string {
    this.advance();
    const i = this.next;
    const c = this.comments[i];
    if (!c || c.start < end || !/^[ \t,]*$/.test(this.text.slice(end, c.start))) return "";
    this.used[i] = true;
    this.advance();
    return `  #${c.text.replace(/\s+$/, "")}`;
  }

  private lastTrailingEnd(end: number): number {
    const c = this.comments[this.firstFrom(end)];
    return c && !this.text.slice(end, c.start).includes("\n") ? c.end : end;
  }

  private afterComma(end: number): number {
    let j = end;
    while (j < this.text.length && (this.text[j] === " " || this.text[j] === "\t")) j++;
    return this.text[j] === "," ? j + 1 : end;
  }

  private firstUnusedBefore(offset: number): number | undefined {
    this.advance();
    const c = this.comments[this.next];
    return c && c.start < offset ? c.start : undefined;
  }

  private hasComment(start: number, end: number): boolean {
    const c = this.comments[this.firstFrom(start)];
    return c !== undefined && c.start < end;
  }

  private hasBlankLine(from: number, to: number): boolean {
    return /\n[ \t\r]*\n/.test(this.text.slice(from, to));
  }
}

/** Keys in the order written; exported for tests that compare structure. */
export function attributeKeys(body: Body): string[] {
  return body.items.map((a: Attribute) => a.key.text);
}
