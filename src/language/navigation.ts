/** Go to definition, find references and rename for names of hosts, datasets and models. */
import type { Span } from "./ast";
import type { Analysis } from "./analyze";
import type { Declaration } from "./check";
import type { TextEdit } from "./diagnostics";

const inSpan = (s: Span, o: number) => o >= s.start && o <= s.end;

/** The declaration a position refers to: on a reference or on the declared name itself. */
export function declarationAt(analysis: Analysis, offset: number): { decl: Declaration; span: Span } | undefined {
  const ref = analysis.refs.find((r) => r.decl && inSpan(r.span, offset));
  if (ref?.decl) return { decl: ref.decl, span: ref.span };
  const decl = analysis.decls.find((d) => inSpan(d.nameSpan, offset));
  return decl ? { decl, span: decl.nameSpan } : undefined;
}

export function definition(analysis: Analysis, offset: number): Span | undefined {
  return declarationAt(analysis, offset)?.decl.nameSpan;
}

export function references(analysis: Analysis, offset: number, includeDeclaration: boolean): Span[] {
  const found = declarationAt(analysis, offset);
  if (!found) return [];
  const spans: Span[] = analysis.refs.filter((r) => r.decl === found.decl).map((r) => r.span);
  if (includeDeclaration) spans.unshift(found.decl.nameSpan);
  return spans;
}

export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*[A-Za-z0-9_]$|^[A-Za-z_]$/;

export function prepareRename(analysis: Analysis, offset: number): Span | undefined {
  return declarationAt(analysis, offset)?.span;
}

export function rename(analysis: Analysis, offset: number, newName: string): TextEdit[] | { error: string } {
  const found = declarationAt(analysis, offset);
  if (!found) return { error: "Only names of hosts, datasets, models, experiments and studies can be renamed here." };
  if (!NAME_PATTERN.test(newName) || newName === "study") return { error: `\`${newName}\` is not a valid name (letters, digits, _ and -, starting with a letter).` };
  const clash = analysis.decls.find((d) => d.kind === found.decl.kind && d.name === newName && d !== found.decl);
  if (clash) return { error: `A ${clash.kind} named \`${newName}\` already exists.` };
  return references(analysis, offset, true).map((s) => ({ start: s.start, end: s.end, text: newName }));
}
