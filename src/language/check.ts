/**
 * Schema-driven checking: walks the syntax tree alongside the schema table, reports unknown keys and
 * values (with "did you mean"), wrong types, missing required keys, ranges, Slurm/ssh syntax, missing
 * data files, duplicate and undefined names; and turns each block into plain typed values for resolve.ts.
 * It never throws on any tree the parser can produce.
 */
import { slurmGresProblem, slurmNameProblem, slurmOptionProblem, slurmTimeProblem } from "../core/experiment/slurmFields";
import * as path from "node:path";
import type { Attribute, Block, Body, Ident, NameValue, Span, SyllabusFile, Value } from "./ast";
import type { Diagnostic, Fix, Severity } from "./diagnostics";
import { BLOCK_BY_KEYWORD, BLOCKS, typeLabel, type BlockSpec, type KeySpec, type RefTarget, type ValueType, type Variant } from "./schema";
import { closest } from "./suggest";
import { LineIndex } from "./lineIndex";

export type DeclKind = BlockSpec["keyword"];

export interface Declaration {
  kind: DeclKind;
  name: string;
  nameSpan: Span;
  block: Block;
}

export interface Reference {
  target: RefTarget;
  name: string;
  span: Span;
  decl?: Declaration;
  /** Resolved to a built-in (`local`, a preset, `study.x`). */
  builtin?: boolean;
}

/** A variant value once checked: `{ $variant: "slurm", partition: "gpu" }`. */
export interface VariantValue {
  $variant: string;
  [key: string]: unknown;
}

export interface CheckedBlock {
  block: Block;
  spec: BlockSpec;
  decl?: Declaration;
  values: Record<string, unknown>;
  attrs: Map<string, Attribute>;
}

export interface CheckOptions {
  /** Absolute path of the config file (data paths resolve against its folder). */
  file: string;
  /** Whether a data file exists; the server passes a cached version. */
  fileExists: (absPath: string) => boolean;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  decls: Declaration[];
  refs: Reference[];
  blocks: CheckedBlock[];
}

export const INVALID = Symbol("invalid");
const MAX_SUGGESTIONS = 100;
const MAX_CANDIDATES = 1000;

export function resolveDataPath(configFile: string, p: string): string {
  return path.resolve(path.dirname(configFile), p);
}

export function check(file: SyllabusFile, options: CheckOptions): CheckResult {
  return new Checker(file, options).run();
}

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  readonly decls: Declaration[] = [];
  readonly refs: Reference[] = [];
  private readonly declMap = new Map<string, Declaration>();
  private readonly declOfBlock = new Map<Block, Declaration>();
  private lines?: LineIndex;
  /** 1-based line of an offset (index built lazily: only messages that cite a line need it). */
  private lineAt(offset: number): number {
    this.lines ??= new LineIndex(this.file.text);
    return this.lines.position(offset).line + 1;
  }

  constructor(
    private readonly file: SyllabusFile,
    private readonly options: CheckOptions,
  ) {}

  run(): CheckResult {
    for (const e of this.file.errors) this.report(e, "error", e.message, "syntax");
    for (const block of this.file.blocks) this.declare(block);
    const blocks: CheckedBlock[] = [];
    for (const block of this.file.blocks) {
      const spec = BLOCK_BY_KEYWORD.get(block.keyword.text);
      if (!spec) continue;
      const decl = this.declOfBlock.get(block);
      const attrs = new Map<string, Attribute>();
      const body = block.body;
      const hasPreset = !!body?.items.some((a) => a.key.text === "preset");
      const where = `${spec.keyword} ${block.name?.text ?? ""}`.trim();
      const values = body ? this.withBlock(block, hasPreset, () => this.checkBody(body, spec.keys, where, attrs, block.name ?? block.keyword)) : {};
      const checked: CheckedBlock = { block, spec, values, attrs };
      if (decl) checked.decl = decl;
      blocks.push(checked);
    }
    return { diagnostics: this.diagnostics, decls: this.decls, refs: this.refs, blocks };
  }

  private declare(block: Block): void {
    const spec = BLOCK_BY_KEYWORD.get(block.keyword.text);
    if (!spec) {
      const guess = closest(block.keyword.text, BLOCKS.map((b) => b.keyword));
      this.report(block.keyword, "error", `\`${block.keyword.text}\` is not a block${guess ? ` — did you mean \`${guess}\`?` : ""} (blocks: ${BLOCKS.map((b) => b.keyword).join(", ")})`, "unknown-block", guess ? [replaceFix(block.keyword, guess)] : undefined);
      return;
    }
    if (!block.name) return;
    const key = `${spec.keyword}:${block.name.text}`;
    const previous = this.declMap.get(key);
    if (previous) {
      const line = this.lineAt(previous.nameSpan.start);
      this.report(block.name, "error", `duplicate ${spec.keyword} name \`${block.name.text}\` (first declared on line ${line}); rename one of them`, "duplicate-name");
      return;
    }
    if (spec.keyword === "host" && block.name.text === "local") {
      this.report(block.name, "error", "the host `local` is built in (this machine); choose another name", "duplicate-name");
      return;
    }
    const decl: Declaration = { kind: spec.keyword, name: block.name.text, nameSpan: block.name, block };
    this.declMap.set(key, decl);
    this.declOfBlock.set(block, decl);
    this.decls.push(decl);
  }

  private checkBody(body: Body, keys: KeySpec[], where: string, attrsOut: Map<string, Attribute> | undefined, headSpan: Span): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    const seen = new Map<string, Attribute>();
    for (const attr of body.items) {
      const spec = keys.find((k) => k.name === attr.key.text);
      if (!spec) {
        const guess = closest(attr.key.text, keys.map((k) => k.name).filter((k) => !seen.has(k)));
        const known = keys.map((k) => k.name).join(", ");
        this.report(attr.key, "error", `unknown key \`${attr.key.text}\` in \`${where}\`${guess ? ` — did you mean \`${guess}\`?` : ""} (keys: ${known})`, "unknown-key", guess ? [replaceFix(attr.key, guess)] : undefined);
        continue;
      }
      if (seen.has(spec.name)) {
        this.report(attr.key, "error", `\`${spec.name}\` is set twice in \`${where}\` (first on line ${this.lineAt(seen.get(spec.name)!.start)}); remove one`, "duplicate-key");
        continue;
      }
      seen.set(spec.name, attr);
      attrsOut?.set(spec.name, attr);
      if (!attr.value) continue; // the parser already reported the missing value
      const v = this.checkValue(attr.value, spec.type, spec, attr);
      if (v !== INVALID) values[spec.name] = v;
    }
    for (const spec of keys) {
      if (seen.has(spec.name)) continue;
      const required = spec.required || (spec.requiredUnless !== undefined && !seen.has(spec.requiredUnless) && !this.inheritsRequired(spec));
      if (!required) continue;
      const unless = spec.requiredUnless ? ` (or \`${spec.requiredUnless}\`)` : "";
      const fix = addKeyFix(this.file.text, body, spec);
      this.report(headSpan, "error", `\`${where}\` is missing \`${spec.name}\`${unless}: ${spec.doc}`, "missing-key", fix ? [fix] : undefined);
    }
    return values;
  }

  /** `optim.lr` is required unless the enclosing model has a preset: tracked by the caller via this flag. */
  private presetInScope = false;
  private inheritsRequired(spec: KeySpec): boolean {
    return spec.requiredUnless === "preset" && this.presetInScope;
  }

  checkValue(v: Value, t: ValueType, key: KeySpec, attr?: Attribute): unknown {
    const name = key.name;
    switch (t.kind) {
      case "string": {
        if (v.type !== "string") return this.typeError(v, name, t, key);
        if (!v.terminated) return INVALID;
        this.checkString(v.value, v, t, name);
        return v.value;
      }
      case "number": {
        if (v.type !== "number" || !Number.isFinite(v.value)) return this.typeError(v, name, t, key);
        const x = v.value;
        if (t.integer && !Number.isInteger(x)) return this.fail(v, `\`${name}\` must be a whole number, not ${v.raw}`, "range");
        // Past 2^53 a number is no longer exact (99999999999999999999 reads as 100000000000000000000).
        if (t.integer && !Number.isSafeInteger(x)) return this.fail(v, `\`${name}\` = ${v.raw} is too large: whole numbers must be at most ${Number.MAX_SAFE_INTEGER} in absolute value`, "range");
        if (t.min !== undefined && (x < t.min || (t.minExclusive && x === t.min)))
          return this.fail(v, `\`${name}\` must be ${t.minExclusive ? "greater than" : "at least"} ${t.min}, not ${v.raw}`, "range");
        if (t.max !== undefined && x > t.max) return this.fail(v, `\`${name}\` must be at most ${t.max}, not ${v.raw}`, "range");
        if (t.sane && (x < t.sane[0] || x > t.sane[1]))
          this.report(v, "warning", `\`${name}\` = ${v.raw} is outside the usual range ${t.sane[0]}…${t.sane[1]}${t.saneWhy ? ` (${t.saneWhy})` : ""}; is that intended?`, "unusual-value");
        return x;
      }
      case "bool": {
        if (v.type === "name" && (v.text === "true" || v.text === "false")) return v.text === "true";
        if (v.type === "name" && v.parts.length === 1) {
          const guess = closest(v.text, ["true", "false"]);
          return this.fail(v, `\`${name}\` expects true or false, not \`${v.text}\`${guess ? ` — did you mean \`${guess}\`?` : ""}`, "unknown-value", guess ? [replaceFix(v, guess)] : undefined);
        }
        return this.typeError(v, name, t, key);
      }
      case "enum": {
        if (v.type !== "name" || v.parts.length !== 1) return this.typeError(v, name, t, key);
        if (t.values.some((e) => e.name === v.text)) return v.text;
        const guess = closest(v.text, t.values.map((e) => e.name));
        const what = name === "strategies" || name === "baseline" ? "a strategy" : `a valid \`${name}\``;
        return this.fail(v, `\`${v.text}\` is not ${what}${guess ? ` — did you mean \`${guess}\`?` : ""} (one of: ${t.values.map((e) => e.name).join(", ")})`, "unknown-value", guess ? [replaceFix(v, guess)] : undefined);
      }
      case "ref":
        if (v.type !== "name") return this.typeError(v, name, t, key);
        return this.checkRef(v, t, name);
      case "list": {
        if (v.type !== "list") {
          if (v.type === "string" || v.type === "number" || v.type === "name") {
            const text = this.file.text.slice(v.start, v.end);
            return this.fail(v, `\`${name}\` expects a list: \`[${text}]\``, "type", [{ title: `Write [${text}]`, edits: [{ start: v.start, end: v.end, text: `[${text}]` }], preferred: true }]);
          }
          return this.typeError(v, name, t, key);
        }
        if (t.minItems && v.items.length < t.minItems) this.report(v, "error", `\`${name}\` needs at least ${t.minItems} item${t.minItems > 1 ? "s" : ""}`, "range");
        const out: unknown[] = [];
        const firstAt = new Map<string, Value>();
        for (const item of v.items) {
          const x = this.checkValue(item, t.of, key);
          if (x === INVALID) continue;
          const id = typeof x === "object" ? JSON.stringify(x) : String(x);
          if (t.unique && firstAt.has(id)) {
            const what = name === "seeds" ? `seed ${id} is repeated` : `\`${id}\` is listed twice`;
            this.report(item, "error", `${what} in \`${name}\`; each would run the same thing twice`, "repeated", [removeItemFix(this.file.text, item, `Remove the repeated \`${id}\``)]);
            continue;
          }
          firstAt.set(id, item);
          out.push(x);
        }
        return out;
      }
      case "block": {
        if (v.type !== "object" || v.head) return this.typeError(v, name, t, key);
        const values = this.checkBody(v.body, t.keys, name, undefined, attr?.key ?? v);
        return values;
      }
      case "variant":
        return this.checkVariant(v, t.variants, key, attr);
    }
  }

  private checkVariant(v: Value, variants: Variant[], key: KeySpec, attr?: Attribute): unknown {
    const name = key.name;
    const head: Ident | undefined = v.type === "name" && v.parts.length === 1 ? v.parts[0] : v.type === "object" ? v.head : v.type === "call" ? v.callee : undefined;
    if (!head) {
      return this.fail(v, `\`${name}\` expects ${variants.map((x) => "`" + x.example + "`").join(" or ")}`, "type");
    }
    const variant = variants.find((x) => x.name === head.text);
    if (!variant) {
      const guess = closest(head.text, variants.map((x) => x.name));
      return this.fail(head, `\`${head.text}\` is not a valid \`${name}\`${guess ? ` — did you mean \`${guess}\`?` : ""} (one of: ${variants.map((x) => x.name).join(", ")})`, "unknown-value", guess ? [replaceFix(head, guess)] : undefined);
    }
    const out: VariantValue = { $variant: variant.name };
    if (v.type === "name") {
      if (variant.form === "bare" || variant.blockOptional) {
        if (variant.keys) this.checkBody({ start: v.start, end: v.end, open: v.start, items: [] }, variant.keys, variant.name, undefined, v);
        return out;
      }
      return this.fail(v, `\`${variant.name}\` needs ${variant.form === "call" ? "arguments" : "settings"}: \`${variant.example}\``, "type");
    }
    if (v.type === "object") {
      if (variant.form !== "block") return this.fail(v, `\`${variant.name}\` is written \`${variant.example}\``, "type");
      Object.assign(out, this.checkBody(v.body, variant.keys ?? [], variant.name, undefined, head));
      if (variant.name === "buckets") this.checkBuckets(v.body, out);
      return out;
    }
    if (v.type === "call") {
      if (variant.form !== "call") return this.fail(v, `\`${variant.name}\` is written \`${variant.example}\``, "type");
      const positional = v.args.filter((a) => !a.name);
      const params = variant.args ?? [];
      positional.forEach((a, i) => {
        const p = params[i];
        if (!p) {
          this.report(a, "error", `\`${variant.name}\` takes ${params.length} argument${params.length === 1 ? "" : "s"}: \`${variant.example}\``, "type");
          return;
        }
        const x = a.value ? this.checkValue(a.value, p.type, { ...key, name: p.name, doc: p.doc }) : INVALID;
        if (x !== INVALID) out[p.name] = x;
      });
      if (positional.length < params.length) this.report(v, "error", `\`${variant.name}\` is missing its \`${params[positional.length]!.name}\` argument: \`${variant.example}\``, "missing-key");
      const seenNamed = new Set<string>();
      for (const a of v.args) {
        if (!a.name) continue;
        const spec = variant.keys?.find((k) => k.name === a.name!.text);
        if (!spec) {
          const guess = closest(a.name.text, (variant.keys ?? []).map((k) => k.name));
          this.report(a.name, "error", `\`${variant.name}\` has no option \`${a.name.text}\`${guess ? ` — did you mean \`${guess}\`?` : ""}`, "unknown-key", guess ? [replaceFix(a.name, guess)] : undefined);
          continue;
        }
        if (seenNamed.has(spec.name)) {
          this.report(a.name, "error", `\`${spec.name}\` is given twice`, "duplicate-key");
          continue;
        }
        seenNamed.add(spec.name);
        const x = a.value ? this.checkValue(a.value, spec.type, spec) : INVALID;
        if (x !== INVALID) out[spec.name] = x;
      }
      return out;
    }
    void attr;
    return this.typeError(v, name, { kind: "variant", variants }, key);
  }

  private checkBuckets(body: Body, out: VariantValue): void {
    const { easy, medium } = out as { easy?: number; medium?: number };
    if (typeof easy === "number" && typeof medium === "number" && easy >= medium) {
      const at = body.items.find((a) => a.key.text === "medium")?.value ?? body;
      this.report(at, "error", `bucket thresholds out of order: \`medium\` (${medium}) must be above \`easy\` (${easy})`, "range");
    }
  }

  private checkRef(v: NameValue, t: Extract<ValueType, { kind: "ref" }>, key: string): unknown {
    if (v.parts.length > 1) {
      const ns = t.namespace;
      if (!ns || v.parts.length !== 2 || v.parts[0]!.text !== ns.name) {
        return this.fail(v, `\`${v.text}\` is not a ${t.target} name${ns ? ` (presets are written \`${ns.name}.NAME\`)` : ""}`, "undefined-name");
      }
      const last = v.parts[1]!;
      if (ns.values.some((x) => x.name === last.text)) {
        this.refs.push({ target: t.target, name: v.text, span: v, builtin: true });
        return v.text;
      }
      const guess = closest(last.text, ns.values.map((x) => x.name));
      return this.fail(last, `\`${last.text}\` is not a study preset${guess ? ` — did you mean \`${guess}\`?` : ""} (presets: ${ns.values.map((x) => x.name).join(", ")})`, "undefined-name", guess ? [replaceFix(last, guess)] : undefined);
    }
    const name = v.text;
    const decl = this.declMap.get(`${t.target}:${name}`);
    const builtin = t.builtins?.some((b) => b.name === name);
    // `model tinyllama { preset = tinyllama }` means the built-in preset, not itself.
    const selfPreset = key === "preset" && decl && this.currentBlockName() === name;
    if (decl && !selfPreset) {
      this.refs.push({ target: t.target, name, span: v, decl });
      return name;
    }
    if (builtin) {
      this.refs.push({ target: t.target, name, span: v, builtin: true });
      return name;
    }
    const candidates = this.candidates(t);
    // "Did you mean" costs an edit distance per candidate: bounded, so a file with thousands of
    // undefined names among thousands of declarations stays fast.
    const guess = this.suggestions++ < MAX_SUGGESTIONS ? closest(name, candidates.slice(0, MAX_CANDIDATES)) : undefined;
    const fixes: Fix[] = [];
    if (guess) fixes.push(replaceFix(v, guess));
    fixes.push(createBlockFix(this.file.text, t.target, name));
    const shown = candidates.slice(0, 12).join(", ") + (candidates.length > 12 ? `, … ${candidates.length - 12} more` : "");
    const declared = candidates.length ? ` (known: ${shown})` : "";
    this.refs.push({ target: t.target, name, span: v });
    return this.fail(v, `no ${t.target} named \`${name}\`${guess ? ` — did you mean \`${guess}\`?` : ""}${declared}`, "undefined-name", fixes);
  }

  private suggestions = 0;
  private readonly candidateCache = new Map<Extract<ValueType, { kind: "ref" }>, string[]>();
  private candidates(t: Extract<ValueType, { kind: "ref" }>): string[] {
    let c = this.candidateCache.get(t);
    if (!c) {
      c = [...this.decls.filter((d) => d.kind === t.target).map((d) => d.name), ...(t.builtins ?? []).map((b) => b.name)];
      this.candidateCache.set(t, c);
    }
    return c;
  }

  /** The `bring_your_own` text of the dataset block being checked, if it declares one. */
  private bringYourOwn(): string | undefined {
    if (this.currentBlock?.keyword.text !== "dataset") return undefined;
    const v = this.currentBlock.body?.items.find((a) => a.key.text === "bring_your_own")?.value;
    return v?.type === "string" && v.value.trim() ? v.value.trim() : undefined;
  }

  /** Set by the caller while checking a block, for the preset-self-reference rule. */
  currentBlock?: Block;
  private currentBlockName(): string | undefined {
    return this.currentBlock?.name?.text;
  }

  private checkString(s: string, span: Span, t: Extract<ValueType, { kind: "string" }>, key: string): void {
    switch (t.check) {
      case "data-file": {
        if (s.trim() === "") {
          this.report(span, "error", `\`${key}\` is empty: give a path relative to this config file`, "type");
          return;
        }
        const abs = resolveDataPath(this.options.file, s);
        if (this.options.fileExists(abs)) return;
        const own = this.bringYourOwn();
        if (own) this.report(span, "warning", `bring your own file: put ${own} at ${abs} (\`${s}\`, relative to this config); until then the experiments that use dataset \`${this.currentBlockName()}\` are not planned or run`, "own-file-missing");
        else this.report(span, "error", `data file not found: \`${s}\` (looked for ${abs}; it must be a file, not a folder)`, "missing-file");
        return;
      }
      case "ssh": {
        const m = /^(?:([^@\s]+)@)?([^\s:@/]+)(?::(\d+))?$/.exec(s);
        if (!m) this.report(span, "error", `\`ssh\` must be \`user@host[:port]\` or an alias from ~/.ssh/config, not "${s}"`, "type");
        else if (m[3] && (Number(m[3]) < 1 || Number(m[3]) > 65535)) this.report(span, "error", `ssh port ${m[3]} is outside 1…65535`, "range");
        return;
      }
      case "slurm-time": {
        const problem = slurmTimeProblem(s);
        if (problem) this.report(span, "error", `Slurm would reject time "${s}": ${problem}`, "slurm");
        return;
      }
      case "slurm-gres": {
        if (slurmGresProblem(s) !== undefined) this.report(span, "error", `Slurm would reject gres "${s}": each entry is \`name[:type][:count]\`, e.g. "gpu:1" or "gpu:a100:2"`, "slurm");
        return;
      }
      case "slurm-option": {
        const problem = slurmOptionProblem(s);
        if (problem) this.report(span, "error", `Slurm option "${s}" is not accepted: ${problem}`, "slurm");
        return;
      }
      case "slurm-name": {
        if (slurmNameProblem(s) !== undefined) this.report(span, "error", `Slurm would reject \`${key}\` "${s}": no spaces or special characters`, "slurm");
        return;
      }
      default:
        return;
    }
  }

  private typeError(v: Value, key: string, t: ValueType, spec: KeySpec): typeof INVALID {
    const found = describe(v);
    return this.fail(v, `\`${key}\` expects ${typeLabel(t)}${spec.example ? `, e.g. \`${spec.example}\`` : ""}; found ${found}`, "type");
  }

  fail(span: Span, message: string, code: string, fixes?: Fix[]): typeof INVALID {
    this.report(span, "error", message, code, fixes);
    return INVALID;
  }

  report(span: Span, severity: Severity, message: string, code: string, fixes?: Fix[]): void {
    const d: Diagnostic = { start: span.start, end: Math.max(span.end, span.start), severity, message, code };
    if (fixes && fixes.length) d.fixes = fixes;
    this.diagnostics.push(d);
  }

  /** Checks a block body with the preset rule in scope (see inheritsRequired). */
  withBlock<T>(block: Block, hasPreset: boolean, f: () => T): T {
    this.currentBlock = block;
    this.presetInScope = hasPreset;
    try {
      return f();
    } finally {
      this.currentBlock = undefined;
      this.presetInScope = false;
    }
  }
}


function describe(v: Value): string {
  switch (v.type) {
    case "string":
      return "a string";
    case "number":
      return `the number ${v.raw}`;
    case "name":
      return `\`${v.text}\``;
    case "list":
      return "a list";
    case "call":
      return `\`${v.callee.text}(…)\``;
    case "object":
      return v.head ? `\`${v.head.text} { … }\`` : "a block `{ … }`";
  }
}

export function replaceFix(span: Span, text: string): Fix {
  return { title: `Change to \`${text}\``, edits: [{ start: span.start, end: span.end, text }], preferred: true };
}

function removeItemFix(text: string, item: Span, title: string): Fix {
  let start = item.start;
  let end = item.end;
  // Take the separating comma and spaces before the item, or after it for the first item.
  let i = start - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  if (text[i] === ",") start = i;
  else {
    let j = end;
    while (j < text.length && (text[j] === " " || text[j] === "\t")) j++;
    if (text[j] === ",") {
      j++;
      while (j < text.length && text[j] === " ") j++;
      end = j;
    }
  }
  return { title, edits: [{ start, end, text: "" }] };
}

function indentOfLine(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== "\n") s--;
  let e = s;
  while (e < text.length && (text[e] === " " || text[e] === "\t")) e++;
  return text.slice(s, e);
}

export function addKeyFix(text: string, body: Body, spec: KeySpec): Fix | undefined {
  if (body.close === undefined) return undefined;
  const value = spec.insert ?? spec.example ?? '""';
  let lineStart = body.close;
  while (lineStart > 0 && (text[lineStart - 1] === " " || text[lineStart - 1] === "\t")) lineStart--;
  const title = `Add \`${spec.name} = ${value}\``;
  if (lineStart === 0 || text[lineStart - 1] === "\n") {
    const indent = indentOfLine(text, body.close) + "  ";
    return { title, edits: [{ start: lineStart, end: lineStart, text: `${indent}${spec.name} = ${value}\n` }] };
  }
  const pad = text[body.close - 1] === " " ? "" : " ";
  return { title, edits: [{ start: body.close, end: body.close, text: `${pad}${spec.name} = ${value} ` }] };
}

export function createBlockFix(text: string, kind: string, name: string): Fix {
  const spec = BLOCK_BY_KEYWORD.get(kind)!;
  const lines = spec.keys.filter((k) => k.required || k.requiredUnless).filter((k) => !(kind === "model" && k.name === "hf")).map((k) => `  ${k.name} = ${k.insert ?? k.example ?? '""'}`);
  if (kind === "model") lines.unshift("  preset = tinyllama");
  const sep = text.length === 0 || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  return { title: `Create ${kind} \`${name}\``, edits: [{ start: text.length, end: text.length, text: `${sep}${kind} ${name} {\n${lines.join("\n")}\n}\n` }] };
}
