/**
 * A one-line progress display on stderr: redrawn in place on a terminal, printed only when it changes
 * otherwise (CI logs, pipes), so long runs show life without flooding a log.
 */
export class ProgressLine {
  private last = "";
  private lastKey = "";
  private readonly tty = Boolean(process.stderr.isTTY);

  /** `key`: what must change for a non-terminal to get a new line (so a ticking clock in `text` does not flood a log). */
  update(text: string, key = text): void {
    if (this.tty ? text === this.last : key === this.lastKey) return;
    this.last = text;
    this.lastKey = key;
    if (this.tty) process.stderr.write(`\r\x1b[2K${text}`);
    else process.stderr.write(`${text}\n`);
  }

  done(): void {
    if (this.tty && this.last) process.stderr.write("\n");
    this.last = "";
    this.lastKey = "";
  }
}

/** `[#########-----------]  45%` */
export function bar(fraction: number, width = 24): string {
  const f = Math.max(0, Math.min(1, fraction));
  const filled = Math.round(f * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(f * 100)).padStart(3)}%`;
}
