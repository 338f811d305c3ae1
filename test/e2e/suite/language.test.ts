/** The .syllabus language through VS Code's own provider commands, answered by the real language server. */
import * as assert from "node:assert/strict";
import { describe, it } from "mocha";
import * as vscode from "vscode";
import { api, eventually, open, positionOf } from "./helpers";

const TYPO = "interleaved_curiculum";

describe("language", () => {
  it("a .syllabus file gets the syllabus language id", async () => {
    await api();
    const doc = await open("demo.syllabus");
    assert.equal(doc.languageId, "syllabus");
  });

  it("a typo in a strategy is an error on exactly that word, with a did-you-mean and a quick fix", async () => {
    await api();
    const doc = await open("broken.syllabus");
    const diags = await eventually("diagnostics of broken.syllabus", () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length > 0 ? d : undefined;
    });
    const typo = diags.find((d) => d.message.includes(TYPO));
    assert.ok(typo, `no diagnostic names ${TYPO}: ${diags.map((d) => d.message).join(" | ")}`);
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(typo.range), TYPO);
    assert.match(typo.message, /did you mean `interleaved_curriculum`/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, typo.range);
    assert.ok(actions.some((a) => /interleaved_curriculum/.test(a.title)), `quick fixes: ${actions.map((a) => a.title).join(", ")}`);
    // the valid config has no error
    const demo = await open("demo.syllabus");
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(vscode.languages.getDiagnostics(demo.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
  });

  it("completes strategy names in a list being typed", async () => {
    await api();
    const demo = await open("demo.syllabus");
    const text = demo.getText().replace(/strategies = \[[^\]]*\]/, "strategies = [random, ]");
    const doc = await vscode.workspace.openTextDocument({ language: "syllabus", content: text });
    await vscode.window.showTextDocument(doc);
    const pos = doc.positionAt(text.indexOf("[random, ") + "[random, ".length);
    const list = await eventually("completions", async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", doc.uri, pos);
      return l.items.length > 0 ? l : undefined;
    });
    const labels = list.items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
    for (const s of ["blocked", "blocked_curriculum", "interleaved_curriculum"]) assert.ok(labels.includes(s), `${s} not among ${labels.join(", ")}`);
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });

  it("hovers a strategy with its definition", async () => {
    await api();
    const doc = await open("demo.syllabus");
    const hovers = await eventually("hover", async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "interleaved_curriculum", 3));
      return h.length > 0 ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n");
    assert.match(text, /interleav/i);
  });

  it("goes from a dataset reference to its definition", async () => {
    await api();
    const doc = await open("demo.syllabus");
    const locs = await eventually("definition", async () => {
      const l = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>("vscode.executeDefinitionProvider", doc.uri, positionOf(doc, "train_on   = which_option", 14));
      return l.length > 0 ? l : undefined;
    });
    const first = locs[0]!;
    const range = "targetRange" in first ? (first.targetSelectionRange ?? first.targetRange) : first.range;
    assert.equal(range.start.line, positionOf(doc, "dataset which_option").line);
  });

  it("renames a dataset at its definition and every reference", async () => {
    await api();
    const doc = await open("demo.syllabus");
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>("vscode.executeDocumentRenameProvider", doc.uri, positionOf(doc, "dataset which_option", 9), "numbers");
    const edits = edit.get(doc.uri);
    assert.equal(edits.length, 3, "definition + train_on + evaluate");
    for (const e of edits) assert.equal(doc.getText(e.range), "which_option");
  });

  it("formats canonically and idempotently", async () => {
    await api();
    const doc = await open("unformatted.syllabus");
    const edits = await eventually("formatting edits", async () => {
      const e = await vscode.commands.executeCommand<vscode.TextEdit[]>("vscode.executeFormatDocumentProvider", doc.uri, { tabSize: 2, insertSpaces: true });
      return e && e.length > 0 ? e : undefined;
    });
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    assert.match(doc.getText(), /^model m \{\n  preset = tiny-random-llama\n\}\n$/);
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>("vscode.executeFormatDocumentProvider", doc.uri, { tabSize: 2, insertSpaces: true });
    assert.equal(again?.length ?? 0, 0, "formatting a formatted file changes nothing");
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });
});
