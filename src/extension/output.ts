/** The "Syllabus" output channel: everything the extension does that a user may need to read afterwards. */
import * as vscode from "vscode";

let channel: vscode.LogOutputChannel | undefined;

export function output(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel("Syllabus", { log: true });
  return channel;
}

/** Shows an error to the user and logs it (with the stack, for the output channel only). */
export function reportError(what: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  output().error(`${what}: ${err instanceof Error && err.stack ? err.stack : message}`);
  void vscode.window.showErrorMessage(`Syllabus: ${what}: ${message}`);
}
