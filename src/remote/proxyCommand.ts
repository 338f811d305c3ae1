/**
 * `ProxyCommand` as OpenSSH runs it: the command line goes to `/bin/sh -c "exec …"` and its stdin/stdout
 * carry the SSH session (ssh2 takes any duplex stream as `sock`). Its stderr is kept for the error
 * message when the connection fails (e.g. "nc: connection refused"); the process is killed when the
 * session closes.
 */
import { spawn } from "node:child_process";
import { Duplex } from "node:stream";

export interface ProxyStream {
  sock: Duplex;
  /** What the command wrote to stderr so far (the last 2 kB). */
  stderr(): string;
  /** Resolves once the command has exited and its output is read (or after `ms`). */
  settled(ms: number): Promise<void>;
  kill(): void;
}

export function spawnProxyCommand(cmd: string): ProxyStream {
  const child = spawn("/bin/sh", ["-c", `exec ${cmd}`], { stdio: ["pipe", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err = (err + d.toString("utf8")).slice(-2048)));
  const sock = Duplex.from({ readable: child.stdout, writable: child.stdin });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  // Spawn failures and an early exit close the stream, which ssh2 reports as a closed connection.
  child.on("error", (e) => sock.destroy(e));
  child.on("exit", (code) => {
    if (code !== 0 && code !== null) sock.destroy(new Error(`ProxyCommand \`${cmd}\` exited with ${code}${err.trim() ? `: ${err.trim()}` : ""}`));
  });
  sock.on("close", kill);
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const settled = (ms: number) => Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
  return { sock, stderr: () => err, kill, settled };
}
