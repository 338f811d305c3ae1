/**
 * Language-server process entry (dist/server.js). Thin on purpose: all behaviour lives in
 * src/language/server.ts. The transport (--stdio, --node-ipc, --socket=N) comes from the command line,
 * as vscode-languageserver's createConnection reads it.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startLanguageServer } from "../language/server";

startLanguageServer(createConnection(ProposedFeatures.all));
