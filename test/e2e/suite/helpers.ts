/** Shared helpers of the extension-host tests: the activated API, the test workspace, waiting for the server. */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { SyllabusApi } from "../../../src/extension/main";

export const EXTENSION_ID = "syllabus-lab.syllabus";

export async function api(): Promise<SyllabusApi> {
  const ext = vscode.extensions.getExtension<SyllabusApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (engines.vscode too new for VS Code ${vscode.version}?)`);
  return ext.activate();
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the tests need a workspace folder");
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Polls until `probe` returns a value that is not undefined (providers answer once the server is up). */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30000): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function positionOf(doc: vscode.TextDocument, needle: string, offsetInNeedle = 0, occurrence = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = doc.getText().indexOf(needle, at + 1);
  assert.ok(at >= 0, `'${needle}' not found in ${doc.uri.fsPath}`);
  return doc.positionAt(at + offsetInNeedle);
}
