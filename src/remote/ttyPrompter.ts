/**
 * The CLI's Prompter. Unknown host keys are refused unless the user passed `--accept-new-host-key`
 * (the fingerprint is printed either way, so it can be compared with the host's); secrets are read from
 * the terminal with echo off, and refused when stdin is not a TTY (batch jobs must use the agent or keys).
 */
import type { Prompter } from "./prompter";

export interface TtyPrompterOptions {
  acceptNewHostKey: boolean;
  input?: NodeJS.ReadStream;
  output?: NodeJS.WritableStream;
}

export function ttyPrompter(opts: TtyPrompterOptions): Prompter {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stderr;
  return {
    async confirmHostKey(q) {
      const where = q.port === 22 ? q.host : `[${q.host}]:${q.port}`;
      output.write(`The authenticity of host ${where} can't be established.\n${q.keyType} key fingerprint is ${q.fingerprint}.\n`);
      if (q.otherTypesKnown.length) output.write(`(keys of other types are known for this host: ${q.otherTypesKnown.join(", ")})\n`);
      if (!opts.acceptNewHostKey) {
        output.write(`Refusing an unknown host key. Check the fingerprint, then rerun with --accept-new-host-key to trust it.\n`);
        return false;
      }
      output.write(`Accepted (--accept-new-host-key); recording it in ${q.knownHostsFile}.\n`);
      return true;
    },
    async secret(q) {
      if (!input.isTTY) return undefined;
      return readHidden(input, output, `${q.prompt}: `, q.echo);
    },
  };
}

function readHidden(input: NodeJS.ReadStream, output: NodeJS.WritableStream, prompt: string, echo: boolean): Promise<string | undefined> {
  return new Promise((resolve) => {
    output.write(prompt);
    const wasRaw = input.isRaw;
    input.setRawMode?.(true);
    input.resume();
    let value = "";
    const done = (v: string | undefined) => {
      input.setRawMode?.(wasRaw);
      input.pause();
      input.off("data", onData);
      output.write("\n");
      resolve(v);
    };
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done(value);
        if (ch === "\u0003" || ch === "\u0004") return done(undefined); // Ctrl-C / Ctrl-D cancel
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else {
          value += ch;
          if (echo) output.write(ch);
        }
      }
    };
    input.on("data", onData);
  });
}
