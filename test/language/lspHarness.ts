/**
 * A real LSP client/server pair in one process: the server is src/language/server.ts on a
 * vscode-languageserver connection, the client a vscode-jsonrpc connection, joined by PassThrough
 * streams. Messages are real JSON-RPC with Content-Length framing, exactly as over stdio.
 */
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { createConnection } from "vscode-languageserver/node";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { startLanguageServer, type ServerOptions } from "../../src/language/server";

export interface Harness {
  client: MessageConnection;
  open(file: string, text: string): Promise<PublishDiagnosticsParams>;
  change(file: string, version: number, text: string): Promise<PublishDiagnosticsParams>;
  uri(file: string): string;
  close(): void;
}

export async function startHarness(options: ServerOptions = {}): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConn = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startLanguageServer(serverConn, { debounceMs: 0, ...options });
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  // Waiters per uri, each for one document version: the server may publish a version twice (the data
  // checks arrive later), and a late publication of an old version must not answer a newer edit.
  const waiting = new Map<string, { version: number; resolve: (p: PublishDiagnosticsParams) => void }[]>();
  client.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    const list = waiting.get(p.uri) ?? [];
    const i = list.findIndex((w) => p.version === undefined || w.version === p.version);
    if (i >= 0) list.splice(i, 1)[0]!.resolve(p);
  });
  client.onNotification("window/logMessage", () => undefined);
  client.listen();
  await client.sendRequest("initialize", { processId: null, rootUri: null, capabilities: {} });
  client.sendNotification("initialized", {});
  const uri = (file: string) => pathToFileURL(file).href;
  const nextDiagnostics = (file: string, version: number) =>
    new Promise<PublishDiagnosticsParams>((resolve) => {
      const list = waiting.get(uri(file)) ?? [];
      list.push({ version, resolve });
      waiting.set(uri(file), list);
    });
  return {
    client,
    uri,
    open(file, text) {
      const p = nextDiagnostics(file, 1);
      client.sendNotification("textDocument/didOpen", { textDocument: { uri: uri(file), languageId: "syllabus", version: 1, text } });
      return p;
    },
    change(file, version, text) {
      const p = nextDiagnostics(file, version);
      client.sendNotification("textDocument/didChange", { textDocument: { uri: uri(file), version }, contentChanges: [{ text }] });
      return p;
    },
    close() {
      client.dispose();
      serverConn.dispose();
      toServer.end();
      toClient.end();
    },
  };
}

/** Offset → LSP position in `text`. */
export function pos(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** Position of the n-th occurrence of `needle` (plus `delta` characters). */
export function posOf(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`not found: ${needle}`);
  return pos(text, at + delta);
}
