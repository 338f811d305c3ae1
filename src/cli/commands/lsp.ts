/**
 * `syllabus lsp --stdio`: the same language server as dist/server.js, for editors other than VS Code
 * (Neovim, Helix, Emacs). The transport flag (--stdio, --node-ipc, --socket=N) is read by
 * vscode-languageserver's createConnection from the process arguments.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startLanguageServer } from "../../language/server";
import type { Command } from "../command";

const usage = `usage: syllabus lsp --stdio

Starts the .syllabus language server on stdin/stdout (or --node-ipc, --socket=PORT).`;

export const lspCommand: Command = {
  name: "lsp",
  summary: "run the .syllabus language server (--stdio)",
  usage,
  run: async (argv) => {
    if (!argv.some((a) => a === "--stdio" || a === "--node-ipc" || a.startsWith("--socket") || a.startsWith("--pipe"))) {
      console.error(usage);
      return 2;
    }
    startLanguageServer(createConnection(ProposedFeatures.all));
    // The server lives until the client sends `exit` (vscode-languageserver then ends the process).
    return new Promise<number>(() => undefined);
  },
};
