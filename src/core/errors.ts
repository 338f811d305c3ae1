/**
 * One error type for bad input everywhere in Syllabus: it names the file, the line, the field,
 * what is wrong and how to fix it, so the CLI, the language server and the extension can all
 * show it the same way. Bad data is never dropped silently: it becomes one of these.
 */
export interface DataIssue {
  file: string;
  /** 1-based line (or CSV record line) where the problem is; 0 when it concerns the whole file. */
  line: number;
  field?: string;
  message: string;
  fix?: string;
}

export function formatIssue(issue: DataIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  const field = issue.field ? ` [${issue.field}]` : "";
  const fix = issue.fix ? ` Fix: ${issue.fix}` : "";
  return `${where}:${field} ${issue.message}.${fix}`;
}

/** Thrown with every issue found (not only the first), so a user fixes a file in one pass. */
export class DataError extends Error {
  constructor(readonly issues: DataIssue[]) {
    const shown = issues.slice(0, 20).map(formatIssue);
    if (issues.length > 20) shown.push(`… and ${issues.length - 20} more`);
    super(shown.join("\n"));
    this.name = "DataError";
  }
}
