/**
 * The syntax tree of a `.syllabus` file. Every node carries exact source offsets (start inclusive, end
 * exclusive) so diagnostics, hover, rename and formatting can point at the precise characters.
 * The tree is deliberately untyped with respect to meaning: what a key means lives in schema.ts.
 */
export interface Span {
  start: number;
  end: number;
}

export interface Ident extends Span {
  text: string;
}

export interface Comment extends Span {
  /** The comment text without the leading `#`. */
  text: string;
}

export interface StringValue extends Span {
  type: "string";
  value: string;
  /** False when the closing quote is missing (the parser reported it). */
  terminated: boolean;
}
export interface NumberValue extends Span {
  type: "number";
  value: number;
  raw: string;
}
/** A bare name (`nf4`, `random`, a reference `cluster`) or a dotted one (`study.tinyllama`). */
export interface NameValue extends Span {
  type: "name";
  parts: Ident[];
  /** parts joined with `.` */
  text: string;
}
export interface ListValue extends Span {
  type: "list";
  items: Value[];
  closed: boolean;
}
/** `column("Category")`, `scores("f.csv", by = row)` */
export interface CallValue extends Span {
  type: "call";
  callee: Ident;
  args: Argument[];
  closed: boolean;
}
export interface Argument extends Span {
  /** Present for named arguments (`by = row`). */
  name?: Ident;
  value?: Value;
}
/** `{ ... }` optionally headed by a name: `slurm { partition = "gpu" }`, `buckets { easy = 0.06 }`. */
export interface ObjectValue extends Span {
  type: "object";
  head?: Ident;
  body: Body;
}
export type Value = StringValue | NumberValue | NameValue | ListValue | CallValue | ObjectValue;

export interface Body extends Span {
  /** Offset of `{`. */
  open: number;
  /** Offset of `}`; undefined when unclosed. */
  close?: number;
  items: Attribute[];
}

/** `key = value` or a nested block `key { ... }` (then value is an ObjectValue without head). */
export interface Attribute extends Span {
  key: Ident;
  /** Offset of `=`; undefined for nested blocks and for a key whose `=` is missing. */
  eq?: number;
  value?: Value;
}

/** A top-level block: `model tinyllama { ... }`. */
export interface Block extends Span {
  keyword: Ident;
  name?: Ident;
  body?: Body;
}

export interface SyntaxError extends Span {
  message: string;
}

export interface SyllabusFile {
  text: string;
  blocks: Block[];
  comments: Comment[];
  errors: SyntaxError[];
}

/** Visits every value below `value` (itself included), depth first. */
export function forEachValue(value: Value, visit: (v: Value) => void): void {
  visit(value);
  if (value.type === "list") for (const item of value.items) forEachValue(item, visit);
  else if (value.type === "call") for (const a of value.args) a.value && forEachValue(a.value, visit);
  else if (value.type === "object") for (const a of value.body.items) a.value && forEachValue(a.value, visit);
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
