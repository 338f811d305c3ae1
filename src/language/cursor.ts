/**
 * What is at a cursor position, in schema terms: which keys are valid there, which key or value the
 * cursor is on, and what type the value slot has. Completion and hover both start here, so they agree
 * with validation by construction (all three read schema.ts).
 */
import type { Block, Body, Ident, SyllabusFile, Value } from "./ast";
import { BLOCK_BY_KEYWORD, type BlockSpec, type KeySpec, type ValueType, type Variant } from "./schema";

export interface KeySlot {
  keys: KeySpec[];
  body: Body;
  /** Keys already written in that body. */
  present: Set<string>;
  /** The key being typed or hovered, if the cursor is on one. */
  ident?: Ident;
  spec?: KeySpec;
}

export interface ValueSlot {
  type: ValueType;
  key: KeySpec;
  /** The value under the cursor, if any. */
  node?: Value;
  /** The name part under the cursor (`tinyllama` in `study.tinyllama`). */
  part?: Ident;
  /** Set when the cursor is on a variant's head (`slurm`, `column`). */
  variant?: Variant;
  /** True when the slot is a list element. */
  inList?: boolean;
  /** The enclosing list, when inList (completion leaves out what it already holds). */
  list?: Value;
}

export interface Located {
  block?: Block;
  blockSpec?: BlockSpec;
  onKeyword?: boolean;
  onName?: boolean;
  topLevel?: boolean;
  keySlot?: KeySlot;
  valueSlot?: ValueSlot;
}

const within = (s: { start: number; end: number }, o: number) => o >= s.start && o <= s.end;

export function locate(file: SyllabusFile, offset: number): Located {
  const block = file.blocks.find((b) => offset >= b.start && offset <= (b.body ? (b.body.close !== undefined ? b.body.close : b.body.end) : b.end));
  if (!block) return { topLevel: true };
  const spec = BLOCK_BY_KEYWORD.get(block.keyword.text);
  const out: Located = { block };
  if (spec) out.blockSpec = spec;
  if (within(block.keyword, offset)) {
    out.onKeyword = true;
    return out;
  }
  if (block.name && within(block.name, offset)) {
    out.onName = true;
    return out;
  }
  if (spec && block.body && offset > block.body.open) inBody(block.body, spec.keys, offset, out);
  return out;
}

function inBody(body: Body, keys: KeySpec[], offset: number, out: Located): void {
  const items = body.items;
  for (let i = 0; i < items.length; i++) {
    const attr = items[i]!;
    const next = items[i + 1];
    const spec = keys.find((k) => k.name === attr.key.text);
    if (within(attr.key, offset)) {
      out.keySlot = slot(body, keys, attr.key, spec);
      return;
    }
    if (attr.eq !== undefined && offset > attr.eq && (!next || offset < next.start)) {
      if (!spec) return;
      // An unclosed `[`, `(` or `{` (being typed) extends to the next key or the end of the body.
      const end = attr.value && openEnded(attr.value) ? (next?.start ?? body.close ?? body.end) : attr.value?.end;
      if (attr.value && end !== undefined && offset <= end) inValue(attr.value, spec.type, spec, offset, out, false);
      else if (!attr.value) out.valueSlot = { type: spec.type, key: spec };
      else out.keySlot = slot(body, keys);
      return;
    }
    if (attr.eq === undefined && attr.value?.type === "object" && offset > attr.value.body.open && offset <= (attr.value.body.close ?? attr.value.body.end)) {
      if (spec?.type.kind === "block") inBody(attr.value.body, spec.type.keys, offset, out);
      return;
    }
  }
  out.keySlot = slot(body, keys);
}

function openEnded(v: Value): boolean {
  if (v.type === "list" || v.type === "call") return !v.closed;
  if (v.type === "object") return v.body.close === undefined;
  return false;
}

function slot(body: Body, keys: KeySpec[], ident?: Ident, spec?: KeySpec): KeySlot {
  const s: KeySlot = { keys, body, present: new Set(body.items.filter((a) => a.key !== ident).map((a) => a.key.text)) };
  if (ident) s.ident = ident;
  if (spec) s.spec = spec;
  return s;
}

function inValue(v: Value, type: ValueType, key: KeySpec, offset: number, out: Located, inList: boolean): void {
  if (type.kind === "list") {
    if (v.type === "list" && offset > v.start && (offset < v.end || !v.closed)) {
      const item = v.items.find((i) => within(i, offset));
      if (item) inValue(item, type.of, key, offset, out, true);
      else out.valueSlot = { type: type.of, key, inList: true };
      if (out.valueSlot) out.valueSlot.list = v;
      return;
    }
    out.valueSlot = { type, key, node: v };
    return;
  }
  if (type.kind === "variant") {
    const head = v.type === "object" ? v.head : v.type === "call" ? v.callee : v.type === "name" && v.parts.length === 1 ? v.parts[0] : undefined;
    const variant = head ? type.variants.find((x) => x.name === head.text) : undefined;
    if (!head || within(head, offset)) {
      const s: ValueSlot = { type, key, node: v, inList };
      if (head) s.part = head;
      if (variant) s.variant = variant;
      out.valueSlot = s;
      return;
    }
    if (!variant) return;
    if (v.type === "object" && offset > v.body.open) return inBody(v.body, variant.keys ?? [], offset, out);
    if (v.type === "call") {
      const positional = v.args.filter((a) => !a.name);
      for (const a of v.args) {
        if (a.name && within(a.name, offset)) {
          out.keySlot = { keys: variant.keys ?? [], body: { start: v.start, end: v.end, open: v.start, items: [] }, present: new Set(), ident: a.name };
          const spec = variant.keys?.find((k) => k.name === a.name!.text);
          if (spec) out.keySlot.spec = spec;
          return;
        }
        if (a.value && within(a.value, offset)) {
          const spec = a.name ? variant.keys?.find((k) => k.name === a.name!.text) : undefined;
          const param = a.name ? undefined : variant.args?.[positional.indexOf(a)];
          if (spec) inValue(a.value, spec.type, spec, offset, out, false);
          else if (param) inValue(a.value, param.type, { ...key, name: param.name, doc: param.doc }, offset, out, false);
          return;
        }
        if (a.name && !a.value && offset > a.name.end) {
          const spec = variant.keys?.find((k) => k.name === a.name!.text);
          if (spec) out.valueSlot = { type: spec.type, key: spec };
          return;
        }
      }
      const param = variant.args?.[positional.length];
      if (param) out.valueSlot = { type: param.type, key: { ...key, name: param.name, doc: param.doc } };
      else if (variant.keys?.length) out.keySlot = { keys: variant.keys, body: { start: v.start, end: v.end, open: v.start, items: [] }, present: new Set(v.args.filter((a) => a.name).map((a) => a.name!.text)) };
      return;
    }
    return;
  }
  if (type.kind === "block") {
    if (v.type === "object" && offset > v.body.open) inBody(v.body, type.keys, offset, out);
    return;
  }
  const s: ValueSlot = { type, key, node: v, inList };
  if (v.type === "name") {
    const part = v.parts.find((p) => within(p, offset));
    if (part) s.part = part;
  }
  out.valueSlot = s;
}
