/** The extension loads in a real VS Code 1.100 extension host, activates fast and registers what it declares. */
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "mocha";
import * as vscode from "vscode";
import { api, EXTENSION_ID } from "./helpers";

describe("activation", () => {
  it("activates and reports its activation time", async () => {
    const a = await api();
    console.log(`activation time: ${a.activationMs.toFixed(1)} ms (goal < 50 ms): ${a.activationPhases.join(", ")}`);
    assert.ok(Number.isFinite(a.activationMs) && a.activationMs > 0);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it("registers every command package.json contributes, and no undeclared one", async () => {
    await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const manifest = JSON.parse(readFileSync(join(ext.extensionPath, "package.json"), "utf8")) as { contributes: { commands: { command: string }[] } };
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith("syllabus.") && !c.startsWith("syllabus.experiments") && !c.startsWith("syllabus.hosts")).sort();
    assert.deepEqual(registered, declared);
  });

  it("starts the language server", async () => {
    const a = await api();
    await a.languageClient;
  });
});
