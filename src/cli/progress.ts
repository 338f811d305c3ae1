/**
 * A one-line progress display on stderr: redrawn in place on a terminal, printed only when it changes
 * otherwise (CI logs, pipes), so long runs show life without flooding a log.
 */
export class ProgressLine {
  private last = "";
  private readonly tty = Boolean(process.stderr.isTTY);

  update(text: string): void {
    if (text === this.last) return;
    this.last = text;
    if (this.tty) process.stderr.write(`\r\x1b[2K${text}`);
    else process.stderr.write(`${text}\n`);
  }

  done(): void {
    if (this.tty && this.last) process.stderr.write("\n");
    this.last = "";
  }
}

/** `[#########-----------]  45%` */
export function bar(fraction: number, width = 24): string {
  const f = Math.max(0, Math.min(1, fraction));
  const filled = Math.round(f * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(f * 100)).padStart(3)}%`;
}
