/** Diagnostics and quick fixes in source offsets; the server converts them to LSP ranges. */
export type Severity = "error" | "warning" | "information";

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface Diagnostic {
  start: number;
  end: number;
  severity: Severity;
  message: string;
  /** Stable machine-readable kind: syntax, unknown-key, unknown-value, type, missing-key, undefined-name, … */
  code: string;
  fixes?: Fix[];
}
