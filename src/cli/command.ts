/** A `syllabus` sub-command. Each lives in its own file under commands/ and is listed in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for `syllabus --help`. */
  summary: string;
  /** Full help text for `syllabus NAME --help`. */
  usage: string;
  /** Returns the process exit code. Errors for the user go to stderr, never as a stack trace. */
  run(argv: string[]): Promise<number>;
}
