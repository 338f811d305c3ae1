/**
 * The `.syllabus` language server, over any vscode-languageserver connection (stdio, IPC, or in-memory
 * streams in tests). It keeps one analysis per open document and re-analyzes on each change (the whole
 * file: parse + check of 2,000 lines takes a few milliseconds, simpler and safer than partial reparsing).
 * Every handler is guarded: a bug answers "nothing" and is logged, it never takes the server down.
 */
import { fileURLToPath } from "node:url";
import * as path from "node:path";
import { existsSync } from "node:fs";
import {
  CodeActionKind,
  DiagnosticSeverity,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
  type Range,
  type TextEdit as LspTextEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyze, type Analysis } from "./analyze";
import { complete } from "./completion";
import type { Diagnostic, TextEdit } from "./diagnostics";
import { formatText } from "./format";
import { hover } from "./hover";
import { LineIndex } from "./lineIndex";
import { definition, prepareRename, references, rename } from "./navigation";
import { documentSymbols, foldingRanges } from "./outline";
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from "./semanticTokens";
import { sshAliases, type SshAlias } from "./sshHosts";

export interface ServerOptions {
  /** ~/.ssh/config to read aliases from (tests point it elsewhere). */
  sshConfig?: string;
  /** Delay before re-validating after an edit, to coalesce fast typing. */
  debounceMs?: number;
}

interface Entry {
  version: number;
  analysis: Analysis;
  index: LineIndex;
}

/** Caches file existence for a short while: typing must not stat data files on every keystroke. */
export class FileExistsCache {
  private readonly cache = new Map<string, { exists: boolean; at: number }>();
  constructor(private readonly ttlMs = 2000) {}
  exists = (p: string): boolean => {
    const now = Date.now();
    const hit = this.cache.get(p);
    if (hit && now - hit.at < this.ttlMs) return hit.exists;
    const exists = existsSync(p);
    this.cache.set(p, { exists, at: now });
    return exists;
  };
  clear(): void {
    this.cache.clear();
  }
}

export function uriToPath(uri: string): string {
  try {
    if (uri.startsWith("file:")) return fileURLToPath(uri);
  } catch {
    /* fall through */
  }
  return path.resolve(process.cwd(), "untitled.syllabus");
}

export function startLanguageServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const entries = new Map<string, Entry>();
  const files = new FileExistsCache();
  const timers = new Map<string, NodeJS.Timeout>();
  const debounce = options.debounceMs ?? 30;
  let aliasCache: { at: number; aliases: SshAlias[] } | undefined;
  const aliases = () => {
    if (!aliasCache || Date.now() - aliasCache.at > 5000) aliasCache = { at: Date.now(), aliases: sshAliases(options.sshConfig) };
    return aliasCache.aliases;
  };

  const entry = (uri: string): Entry | undefined => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = entries.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const e = { version: doc.version, analysis: analyze(text, uriToPath(uri), { fileExists: files.exists }), index: new LineIndex(text) };
    entries.set(uri, e);
    return e;
  };

  const guard = <A extends unknown[], R>(name: string, fallback: R, f: (...args: A) => R) => (...args: A): R => {
    try {
      return f(...args);
    } catch (err) {
      connection.console.error(`syllabus: ${name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return fallback;
    }
  };

  const publish = guard("diagnostics", undefined, (uri: string) => {
    const e = entry(uri);
    if (!e) return;
    void connection.sendDiagnostics({ uri, version: e.version, diagnostics: e.analysis.diagnostics.map((d) => toLsp(d, e.index)) });
  });

  const schedule = (uri: string) => {
    clearTimeout(timers.get(uri));
    if (debounce <= 0) return publish(uri);
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      publish(uri);
    }, debounce));
  };

  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ["=", "[", ",", '"', "/", ".", " ", "("] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
      },
      serverInfo: { name: "syllabus-language-server", version: "0.1.0" },
    }),
  );

  // Fires on open too, so opening publishes once.
  documents.onDidChangeContent((ev) => schedule(ev.document.uri));
  documents.onDidClose((ev) => {
    entries.delete(ev.document.uri);
    clearTimeout(timers.get(ev.document.uri));
    void connection.sendDiagnostics({ uri: ev.document.uri, diagnostics: [] });
  });
  connection.onDidChangeWatchedFiles(() => {
    files.clear();
    entries.clear();
    for (const d of documents.all()) publish(d.uri);
  });

  const at = (uri: string, pos: { line: number; character: number }) => {
    const e = entry(uri);
    return e ? { e, offset: e.index.offset(pos) } : undefined;
  };
  const range = (e: Entry, start: number, end: number): Range => ({ start: e.index.position(start), end: e.index.position(end) });
  const edits = (e: Entry, list: TextEdit[]): LspTextEdit[] => list.map((t) => ({ range: range(e, t.start, t.end), newText: t.text }));

  connection.onCompletion(
    guard("completion", [], (p) => {
      const a = at(p.textDocument.uri, p.position);
      return a ? complete(a.e.analysis, a.offset, { sshAliases: aliases }) : [];
    }),
  );
  connection.onHover(
    guard("hover", null, (p) => {
      const a = at(p.textDocument.uri, p.position);
      const h = a && hover(a.e.analysis, a.offset);
      return h && a ? { contents: { kind: "markdown" as const, value: h.markdown }, range: range(a.e, h.start, h.end) } : null;
    }),
  );
  connection.onDefinition(
    guard("definition", null, (p) => {
      const a = at(p.textDocument.uri, p.position);
      const s = a && definition(a.e.analysis, a.offset);
      return s && a ? { uri: p.textDocument.uri, range: range(a.e, s.start, s.end) } : null;
    }),
  );
  connection.onReferences(
    guard("references", [], (p) => {
      const a = at(p.textDocument.uri, p.position);
      return a ? references(a.e.analysis, a.offset, p.context.includeDeclaration).map((s) => ({ uri: p.textDocument.uri, range: range(a.e, s.start, s.end) })) : [];
    }),
  );
  connection.onPrepareRename(
    guard("prepareRename", null, (p) => {
      const a = at(p.textDocument.uri, p.position);
      const s = a && prepareRename(a.e.analysis, a.offset);
      return s && a ? range(a.e, s.start, s.end) : null;
    }),
  );
  connection.onRenameRequest(
    guard("rename", null, (p) => {
      const a = at(p.textDocument.uri, p.position);
      if (!a) return null;
      const r = rename(a.e.analysis, a.offset, p.newName);
      if ("error" in r) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return { changes: { [p.textDocument.uri]: edits(a.e, r) } };
    }),
  );
  connection.onDocumentSymbol(guard("symbols", [], (p) => {
    const e = entry(p.textDocument.uri);
    return e ? documentSymbols(e.analysis.ast, e.index) : [];
  }));
  connection.onFoldingRanges(guard("folding", [], (p) => {
    const e = entry(p.textDocument.uri);
    return e ? foldingRanges(e.analysis.ast, e.index) : [];
  }));
  connection.onDocumentFormatting(
    guard("format", [], (p) => {
      const e = entry(p.textDocument.uri);
      if (!e) return [];
      const text = e.analysis.ast.text;
      const formatted = formatText(text);
      if (formatted === undefined || formatted === text) return [];
      return [{ range: range(e, 0, text.length), newText: formatted }];
    }),
  );
  connection.onCodeAction(
    guard("codeAction", [], (p) => {
      const e = entry(p.textDocument.uri);
      if (!e) return [];
      const start = e.index.offset(p.range.start);
      const end = e.index.offset(p.range.end);
      const actions: CodeAction[] = [];
      for (const d of e.analysis.diagnostics) {
        if (!d.fixes || d.end < start || d.start > end) continue;
        const lsp = toLsp(d, e.index);
        for (const fix of d.fixes)
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: fix.preferred ?? false, edit: { changes: { [p.textDocument.uri]: edits(e, fix.edits) } } });
      }
      return actions;
    }),
  );
  connection.languages.semanticTokens.on(
    guard("semanticTokens", { data: [] }, (p) => {
      const e = entry(p.textDocument.uri);
      return { data: e ? semanticTokens(e.analysis, e.index) : [] };
    }),
  );

  documents.listen(connection);
  connection.listen();
}

function toLsp(d: Diagnostic, index: LineIndex): LspDiagnostic {
  return {
    range: { start: index.position(d.start), end: index.position(Math.max(d.end, d.start)) },
    severity: d.severity === "error" ? DiagnosticSeverity.Error : d.severity === "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    message: d.message,
    source: "syllabus",
    code: d.code,
  };
}
