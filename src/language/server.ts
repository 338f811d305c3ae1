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
import { bucketInlayHints } from "./inlay";
import { DataFactsCache, dataDiagnostics, type DataFacts } from "./dataFacts";
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
  /** What the training data do under the settings; filled in asynchronously after the analysis. */
  facts?: DataFacts;
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
  const dataFacts = new DataFactsCache();
  let inlayRefresh = false;
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

  const send = (uri: string, e: Entry) => {
    const all = e.facts ? [...e.analysis.diagnostics, ...dataDiagnostics(e.analysis, e.facts)] : e.analysis.diagnostics;
    void connection.sendDiagnostics({ uri, version: e.version, diagnostics: all.map((d) => toLsp(d, e.index)) });
  };

  /**
   * Loads the training data of a config without errors (cached by file stamps) and, if the document has
   * not changed meanwhile, publishes again with the data warnings and refreshes the bucket-size hints.
   */
  const addDataFacts = (uri: string, e: Entry) => {
    if (!e.analysis.config) return;
    dataFacts
      .get(e.analysis.config)
      .then((facts) => {
        if (entries.get(uri) !== e) return;
        e.facts = facts;
        // Publish again only when the data add something: an unchanged set need not be re-sent.
        if (dataDiagnostics(e.analysis, facts).length) send(uri, e);
        if (inlayRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
      })
      .catch((err) => connection.console.error(`syllabus: data checks failed: ${err instanceof Error ? err.message : String(err)}`));
  };

  const publish = guard("diagnostics", undefined, (uri: string) => {
    const e = entry(uri);
    if (!e) return;
    send(uri, e);
    addDataFacts(uri, e);
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
    (params): InitializeResult => {
      inlayRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
      return {
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
        inlayHintProvider: true,
      },
      serverInfo: { name: "syllabus-language-server", version: "0.1.0" },
      };
    },
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
    dataFacts.clear();
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
      const h = a && hover(a.e.analysis, a.offset, a.e.facts);
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

  connection.languages.inlayHint.on(
    guard("inlayHint", [], (p) => {
      const e = entry(p.textDocument.uri);
      if (!e?.facts) return [];
      return bucketInlayHints(e.analysis, e.facts).map((h) => ({ position: e.index.position(h.offset), label: h.label, paddingLeft: true, tooltip: h.tooltip }));
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
