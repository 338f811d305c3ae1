/**
 * Starts the `.syllabus` language server (dist/server.js, bundled from src/server/main.ts) in its own
 * Node process over IPC, with vscode-languageclient — the standard client, which handles restarts,
 * document sync and every LSP feature the server offers. Data files are watched so that creating a
 * missing `train`/`test` file clears its diagnostic without retyping.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher("**/*.{csv,jsonl,json,tsv}");
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "syllabus" },
      { scheme: "untitled", language: "syllabus" },
    ],
    synchronize: { fileEvents: watcher },
  };
  const client = new LanguageClient("syllabus", "Syllabus Language Server", serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
  return client;
}
