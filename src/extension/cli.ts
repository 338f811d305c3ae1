/**
 * Runs the bundled `syllabus` CLI (dist/cli.js) as a child process. Launching, cancelling and checking hosts
 * are the CLI's job (plan → stage → submit → sync into .syllabus/runs); the extension only starts it, streams
 * its output to the output channel and lets the file watcher on the run store refresh the views. One code path
 * for the editor and the terminal, and a long sync never blocks the extension host.
 */
import { spawn } from "node:child_process";
import * as vscode from "vscode";
import { output } from "./output";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Exit code main.ts uses for an unknown sub-command: the feature is not in this build. */
export const UNKNOWN_COMMAND = 2;

export function runCli(extensionUri: vscode.Uri, args: string[], options: { cwd?: string; token?: vscode.CancellationToken } = {}): Promise<CliResult> {
  const cli = vscode.Uri.joinPath(extensionUri, "dist", "cli.js").fsPath;
  const python = vscode.workspace.getConfiguration("syllabus").get<string>("pythonPath");
  output().info(`$ syllabus ${args.join(" ")}`);
  return new Promise((resolve) => {
    // ELECTRON_RUN_AS_NODE: in desktop VS Code process.execPath is Electron; this makes it a plain node
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: "1" };
    if (python) env.SYLLABUS_PYTHON = python;
    const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d; output().info(d.toString().trimEnd()); });
    child.stderr.on("data", (d: Buffer) => { stderr += d; output().warn(d.toString().trimEnd()); });
    options.token?.onCancellationRequested(() => child.kill("SIGTERM"));
    child.on("error", (err) => resolve({ code: 127, stdout, stderr: stderr + err.message }));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** True when the CLI answered "unknown command": the backend for this action is not built yet. */
export function isMissingCommand(r: CliResult): boolean {
  return r.code === UNKNOWN_COMMAND && /unknown command/.test(r.stderr);
}
