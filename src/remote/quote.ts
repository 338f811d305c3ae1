/**
 * Building remote shell commands safely. Every command Syllabus runs on a host is a string that a
 * POSIX shell parses, so every argument goes through `shellQuote`: single quotes make everything
 * literal ($, backticks, newlines, `$(...)`), and a single quote itself is written as '\''.
 * Never interpolate a path or name into a command without it.
 */

/** Quotes one argument for a POSIX shell (sh, bash, zsh, dash). */
export function shellQuote(arg: string): string {
  if (arg === "") return "''";
  // Words made only of safe characters stay readable in logs and scripts.
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A shell command line from an argv: each element quoted, joined by spaces. */
export function command(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error("command(): empty argv");
  return argv.map(shellQuote).join(" ");
}

/**
 * A host path as the user wrote it in the config (`$HOME/x`, `~/x`, `$SCRATCH/syllabus`) turned into a
 * shell word that expands ONLY those variables: the path is checked to hold nothing else a shell would
 * interpret, then double-quoted. Used once per host to learn the absolute workdir; after that every path
 * is absolute and goes through `shellQuote`.
 */
export function expandableWord(path: string): string {
  let p = path;
  let prefix = "";
  if (p === "~" || p.startsWith("~/")) {
    prefix = '"$HOME"';
    p = p.slice(1);
  }
  const bad = p.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, "").match(/[$`"\\\n!]/);
  if (bad) {
    throw new Error(
      `host path ${JSON.stringify(path)} contains ${JSON.stringify(bad[0])}: only $VAR, \${VAR} and a leading ~ may be expanded; write the path literally otherwise`,
    );
  }
  return `${prefix}"${p}"`;
}
