/**
 * One entry point for everything that needs to understand a `.syllabus` text: parse, check, resolve.
 * The result feeds the language server (diagnostics, navigation), `syllabus check` and `loadConfig`.
 */
import { existsSync, statSync } from "node:fs";
import type { ResolvedConfig } from "../core/experiment/model";
import type { SyllabusFile } from "./ast";
import { check, type CheckedBlock, type Declaration, type Reference } from "./check";
import type { Diagnostic } from "./diagnostics";
import { parse } from "./parser";
import { resolve, validateModel } from "./resolve";

export interface Analysis {
  file: string;
  ast: SyllabusFile;
  diagnostics: Diagnostic[];
  decls: Declaration[];
  refs: Reference[];
  blocks: CheckedBlock[];
  /** The resolved model; present only when there is no error. */
  config?: ResolvedConfig;
}

export interface AnalyzeOptions {
  fileExists?: (absPath: string) => boolean;
}

/** A data path must name a file: a folder (EISDIR at import time) is reported here, at the config's line. */
const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

export function analyze(text: string, file: string, options: AnalyzeOptions = {}): Analysis {
  const ast = parse(text);
  const checked = check(ast, { file, fileExists: options.fileExists ?? isFile });
  const resolved = resolve(checked, file, text);
  const diagnostics = [...checked.diagnostics, ...resolved.diagnostics].sort((a, b) => a.start - b.start || a.end - b.end);
  const analysis: Analysis = { file, ast, diagnostics, decls: checked.decls, refs: checked.refs, blocks: checked.blocks };
  if (!diagnostics.some((d) => d.severity === "error")) {
    const problem = validateModel(resolved.config);
    if (problem) diagnostics.push({ start: 0, end: 0, severity: "error", message: `internal: the resolved model is invalid (${problem}); please report this`, code: "internal" });
    else analysis.config = resolved.config;
  }
  return analysis;
}
