/**
 * `syllabus check FILE...`: validates `.syllabus` configs exactly as the editor does (same analysis) and
 * prints `file:line:col: error|warning: message`, one per line. Exit 1 when any file has an error.
 */
import * as path from "node:path";
import { analyze } from "../../language/analyze";
import { computeDataFacts, dataDiagnostics } from "../../language/dataFacts";
import { LineIndex } from "../../language/lineIndex";
import { readConfigText } from "../../language/load";
import { DataError } from "../../core/errors";
import type { Command } from "../command";

const usage = `usage: syllabus check [--json] [--quiet] FILE...

Checks .syllabus files: syntax, unknown keys and values, types, ranges, names, data files, Slurm fields,
and what the training data do under the settings (lopsided curriculum buckets, strategies that give
the same order).
Prints file:line:col: error|warning: message and exits 1 if any file has an error (0 for warnings only).

  --json    print the diagnostics (and, for valid files, the resolved model) as JSON
  --quiet   print errors only`;

async function run(argv: string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith("--"));
  const unknown = argv.filter((a) => a.startsWith("--") && a !== "--json" && a !== "--quiet");
  if (unknown.length) {
    console.error(`syllabus check: unknown option ${unknown[0]}\n\n${usage}`);
    return 2;
  }
  if (!files.length) {
    console.error(usage);
    return 2;
  }
  const json = argv.includes("--json");
  const quiet = argv.includes("--quiet");
  let errors = 0;
  let warnings = 0;
  const report: unknown[] = [];
  for (const f of files) {
    const abs = path.resolve(f);
    let text: string;
    try {
      text = readConfigText(abs);
    } catch (err) {
      const issues = err instanceof DataError ? err.issues : [{ line: 0, message: `cannot read: ${(err as Error).message}` }];
      for (const i of issues) console.error(`${f}:${Math.max(1, i.line)}:1: error: ${i.message}`);
      errors += issues.length;
      continue;
    }
    const analysis = analyze(text, abs);
    // What the data do under the settings (bucket sizes, identical orders): only for a config without errors.
    if (analysis.config) {
      analysis.diagnostics.push(...dataDiagnostics(analysis, await computeDataFacts(analysis.config)));
      analysis.diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
    }
    const index = new LineIndex(text);
    const diags = analysis.diagnostics.filter((d) => !quiet || d.severity === "error");
    for (const d of analysis.diagnostics) d.severity === "error" ? errors++ : warnings++;
    if (json) {
      report.push({
        file: abs,
        diagnostics: diags.map((d) => ({ ...index.position(d.start), line: index.position(d.start).line + 1, column: index.position(d.start).character + 1, severity: d.severity, code: d.code, message: d.message })),
        config: analysis.config ?? null,
      });
      continue;
    }
    for (const d of diags) {
      const p = index.position(d.start);
      console.log(`${f}:${p.line + 1}:${p.character + 1}: ${d.severity}: ${d.message}`);
    }
  }
  if (json) console.log(JSON.stringify(report, null, 2));
  else if (!quiet) console.error(`${files.length} file${files.length === 1 ? "" : "s"}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return errors > 0 ? 1 : 0;
}

export const checkCommand: Command = {
  name: "check",
  summary: "validate .syllabus configs (file:line:col: error|warning: message)",
  usage,
  run,
};
