/**
 * Recursive-descent parser for `.syllabus` with explicit error recovery.
 *
 * Why hand-written and not Langium (or another generator): the language is tiny (blocks, `key = value`,
 * lists, calls, nested blocks), and what matters is (1) recovery that keeps every other block intact
 * after a typo, (2) exact offsets for every node, (3) no code-generation step in the build, and (4) a
 * small bundle for the CLI and the server. Langium would bring Chevrotain, a DSL build step and its own
 * AST/scoping conventions for little gain at this size; here recovery rules are a few readable lines.
 *
 * Recovery rules:
 * - In a body, a token that cannot start an attribute is reported and skipped.
 * - `keyword name {` inside a body means the previous block lost its `}`: the body ends there.
 * - A missing value (`lr =` followed by the next `key =` or `}`) is reported; the key is kept.
 * - Lists and calls end at a token that cannot continue them (`}`, `key =`, a new block).
 * - Nesting deeper than MAX_DEPTH is reported and skipped without recursion (no stack overflow).
 */
import type { Argument, Attribute, Block, Body, Ident, ListValue, SyllabusFile, SyntaxError, Value } from "./ast";
import { lex, type Token } from "./lexer";

export const BLOCK_KEYWORDS = ["host", "dataset", "model", "experiment", "study"] as const;
const BLOCK_KEYWORD_SET = new Set<string>(BLOCK_KEYWORDS);
const MAX_DEPTH = 32;

export function parse(text: string): SyllabusFile {
  return new Parser(text).parseFile();
}

class Parser {
  private readonly tokens: Token[];
  private readonly comments: SyllabusFile["comments"];
  private pos = 0;
  private depth = 0;
  private readonly errors: SyntaxError[] = [];

  constructor(private readonly text: string) {
    const lexed = lex(text);
    this.tokens = lexed.tokens;
    this.comments = lexed.comments;
    for (const t of this.tokens) {
      if (t.kind === "error") this.error(t, `unexpected \`${t.text.slice(0, 20)}\``);
      else if (t.kind === "string" && !t.terminated) this.error(t, "unterminated string: add the closing `\"`");
      else if (t.kind === "string" && t.badEscape !== undefined)
        this.error({ start: t.badEscape, end: t.badEscape + 2 }, "unknown escape: use \\\\, \\\", \\n or \\t");
    }
  }

  parseFile(): SyllabusFile {
    const blocks: Block[] = [];
    while (this.peek().kind !== "eof") {
      const t = this.peek();
      if (t.kind === "ident") blocks.push(this.parseBlock());
      else {
        if (t.kind !== "error") this.error(t, `expected a block (${BLOCK_KEYWORDS.join(", ")}), found \`${t.text}\``);
        this.pos++;
        if (t.text === "{" || t.text === "[" || t.text === "(") this.skipGroup(t.text);
      }
    }
    this.errors.sort((a, b) => a.start - b.start);
    return { text: this.text, blocks, comments: this.comments, errors: this.errors };
  }

  private parseBlock(): Block {
    const keyword = this.ident();
    const block: Block = { keyword, start: keyword.start, end: keyword.end };
    if (this.peek().kind === "ident") {
      block.name = this.ident();
      block.end = block.name.end;
    } else if (this.isPunct("{")) {
      this.error(keyword, `\`${keyword.text}\` needs a name: \`${keyword.text} NAME { … }\``);
    }
    if (this.isPunct("{")) {
      block.body = this.parseBody();
      block.end = block.body.end;
    } else {
      const t = this.peek();
      this.error(block.name ?? keyword, `expected \`{\` after \`${keyword.text}${block.name ? " " + block.name.text : ""}\``);
      // Skip to something that can start the next block.
      if (t.kind !== "ident" && t.kind !== "eof") this.pos++;
    }
    return block;
  }

  /** At `{`. */
  private parseBody(): Body {
    const open = this.next();
    const body: Body = { open: open.start, start: open.start, end: open.end, items: [] };
    this.depth++;
    for (;;) {
      const t = this.peek();
      if (t.kind === "eof") {
        this.error({ start: open.start, end: open.end }, "unclosed `{`: add the matching `}`");
        body.end = t.start;
        break;
      }
      if (t.kind === "punct" && t.text === "}") {
        this.pos++;
        body.close = t.start;
        body.end = t.end;
        break;
      }
      if (t.kind === "ident") {
        if (this.startsBlock()) {
          this.error({ start: open.start, end: open.end }, "unclosed `{`: add the matching `}` before the next block");
          body.end = this.prevEnd();
          break;
        }
        body.items.push(this.parseAttribute());
        body.end = this.prevEnd();
        continue;
      }
      if (t.kind !== "error") this.error(t, `expected a key, found \`${t.text}\``);
      this.pos++;
      if (t.text === "[" || t.text === "(") this.skipGroup(t.text);
      else if (t.text === "{") this.skipGroup("{");
    }
    this.depth--;
    return body;
  }

  private parseAttribute(): Attribute {
    const key = this.ident();
    const attr: Attribute = { key, start: key.start, end: key.end };
    if (this.isPunct("=")) {
      attr.eq = this.next().start;
      attr.end = attr.eq + 1;
      const value = this.parseValueOrMissing(key.text);
      if (value) {
        attr.value = value;
        attr.end = value.end;
      }
    } else if (this.isPunct("{")) {
      const body = this.parseNested();
      attr.value = { type: "object", body, start: body.start, end: body.end };
      attr.end = body.end;
    } else {
      this.error(key, `expected \`=\` after \`${key.text}\``);
    }
    return attr;
  }

  private parseValueOrMissing(key: string): Value | undefined {
    const t = this.peek();
    const missing =
      t.kind === "eof" ||
      (t.kind === "punct" && (t.text === "}" || t.text === "]" || t.text === ")" || t.text === ",")) ||
      (t.kind === "ident" && (this.isPunctAt(1, "=") || this.startsBlock() || this.looksLikeKeyOnNextLine()));
    if (missing) {
      this.error({ start: this.prevEnd() - 1, end: this.prevEnd() }, `missing value for \`${key}\``);
      return undefined;
    }
    return this.parseValue();
  }

  private parseValue(): Value | undefined {
    const t = this.peek();
    if (t.kind === "string") {
      this.pos++;
      return { type: "string", value: t.text, terminated: t.terminated ?? true, start: t.start, end: t.end };
    }
    if (t.kind === "number") {
      this.pos++;
      return { type: "number", value: Number(t.text), raw: t.text, start: t.start, end: t.end };
    }
    if (t.kind === "punct" && t.text === "[") return this.parseList();
    if (t.kind === "punct" && t.text === "{") {
      const body = this.parseNested();
      return { type: "object", body, start: body.start, end: body.end };
    }
    if (t.kind === "ident") {
      const first = this.ident();
      if (this.isPunct("(")) return this.parseCall(first);
      if (this.isPunct("{")) {
        const body = this.parseNested();
        return { type: "object", head: first, body, start: first.start, end: body.end };
      }
      const parts = [first];
      while (this.isPunct(".")) {
        const dot = this.next();
        if (this.peek().kind === "ident") parts.push(this.ident());
        else {
          this.error(dot, "expected a name after `.`");
          break;
        }
      }
      const last = parts[parts.length - 1]!;
      return { type: "name", parts, text: parts.map((p) => p.text).join("."), start: first.start, end: last.end };
    }
    if (t.kind !== "error") this.error(t, `expected a value, found \`${t.text}\``);
    this.next();
    return undefined;
  }

  private parseNested(): Body {
    if (this.depth >= MAX_DEPTH) return this.skipTooDeep();
    return this.parseBody();
  }

  private parseList(): ListValue {
    const open = this.next();
    const list: ListValue = { type: "list", items: [], closed: false, start: open.start, end: open.end };
    if (this.depth >= MAX_DEPTH) {
      this.error(open, `nesting deeper than ${MAX_DEPTH} levels`);
      this.pos--;
      this.skipGroup("[", true);
      list.end = this.prevEnd();
      list.closed = true;
      return list;
    }
    this.depth++;
    for (;;) {
      const t = this.peek();
      if (t.kind === "punct" && t.text === "]") {
        this.pos++;
        list.closed = true;
        list.end = t.end;
        break;
      }
      if (t.kind === "punct" && t.text === ",") {
        this.pos++;
        continue;
      }
      if (t.kind === "eof" || (t.kind === "punct" && t.text === "}") || (t.kind === "ident" && (this.isPunctAt(1, "=") || this.startsBlock()))) {
        this.error(open, "unclosed `[`: add the matching `]`");
        break;
      }
      const v = this.parseValue();
      if (v) list.items.push(v);
      list.end = this.prevEnd();
    }
    this.depth--;
    return list;
  }

  private parseCall(callee: Ident): Value {
    const open = this.next();
    const call: Value = { type: "call", callee, args: [], closed: false, start: callee.start, end: open.end };
    this.depth++;
    for (;;) {
      const t = this.peek();
      if (t.kind === "punct" && t.text === ")") {
        this.pos++;
        call.closed = true;
        call.end = t.end;
        break;
      }
      if (t.kind === "punct" && t.text === ",") {
        this.pos++;
        continue;
      }
      if (t.kind === "eof" || (t.kind === "punct" && (t.text === "}" || t.text === "]")) || (t.kind === "ident" && this.startsBlock())) {
        this.error(open, "unclosed `(`: add the matching `)`");
        break;
      }
      if (this.depth >= MAX_DEPTH) {
        this.error(t, `nesting deeper than ${MAX_DEPTH} levels`);
        this.skipGroup("(");
        call.end = this.prevEnd();
        call.closed = true;
        break;
      }
      let arg: Argument;
      if (t.kind === "ident" && this.isPunctAt(1, "=")) {
        const name = this.ident();
        this.pos++;
        arg = { name, start: name.start, end: name.end + 1 };
        const v = this.parseValueOrMissing(name.text);
        if (v) arg.value = v;
      } else {
        const v = this.parseValue();
        if (!v) continue;
        arg = { value: v, start: v.start, end: v.end };
      }
      if (arg.value) arg.end = arg.value.end;
      call.args.push(arg);
      call.end = this.prevEnd();
    }
    this.depth--;
    return call;
  }

  /** Nested `{` beyond MAX_DEPTH: report and skip iteratively. */
  private skipTooDeep(): Body {
    const open = this.peek();
    this.error(open, `nesting deeper than ${MAX_DEPTH} levels`);
    this.skipGroup("{", true);
    return { open: open.start, start: open.start, end: this.prevEnd(), close: this.prevEnd() - 1, items: [] };
  }

  /** Skips a bracketed group without recursion. If `atOpen`, the current token is the opener. */
  private skipGroup(opener: string, atOpen = false): void {
    if (atOpen) this.pos++;
    let depth = 1;
    while (depth > 0) {
      const t = this.peek();
      if (t.kind === "eof") return;
      this.pos++;
      if (t.kind !== "punct") continue;
      if (t.text === "{" || t.text === "[" || t.text === "(") depth++;
      else if (t.text === "}" || t.text === "]" || t.text === ")") depth--;
    }
    void opener;
  }

  /** `lr =⏎ batch 4`: an ident on a later line followed on its own line by a value is a key, not lr's value. */
  private looksLikeKeyOnNextLine(): boolean {
    const t = this.peek();
    const after = this.tokens[this.pos + 1];
    if (!after || !this.text.slice(this.prevEnd(), t.start).includes("\n")) return false;
    if (this.text.slice(t.end, after.start).includes("\n")) return false;
    return after.kind === "ident" || after.kind === "number" || after.kind === "string";
  }

  /** `keyword name {` or `keyword {` where keyword is a block keyword: a new top-level block. */
  private startsBlock(): boolean {
    const t = this.peek();
    if (t.kind !== "ident" || !BLOCK_KEYWORD_SET.has(t.text)) return false;
    const a = this.tokens[this.pos + 1];
    const b = this.tokens[this.pos + 2];
    return a?.kind === "ident" && b?.kind === "punct" && b.text === "{";
  }

  private ident(): Ident {
    const t = this.next();
    return { text: t.text, start: t.start, end: t.end };
  }
  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== "eof") this.pos++;
    return t;
  }
  private prevEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1]!.end : 0;
  }
  private isPunct(ch: string): boolean {
    return this.isPunctAt(0, ch);
  }
  private isPunctAt(ahead: number, ch: string): boolean {
    const t = this.tokens[this.pos + ahead];
    return t !== undefined && t.kind === "punct" && t.text === ch;
  }
  private error(span: { start: number; end: number }, message: string): void {
    this.errors.push({ start: span.start, end: Math.max(span.end, span.start + 1), message });
  }
}
