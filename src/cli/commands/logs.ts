import type { Command } from "../command";
import { UsageError } from "../args";
import { hostOf } from "../../remote/runExperiment";
import { loadExperiment, parseWithFile } from "../experimentArgs";
import { HOST_KEY_OPTION, withSession } from "../session";

const usage = `usage: syllabus logs FILE --run RUN_ID [--lines N] [--follow] [--accept-new-host-key]

Prints the last N lines (default 50) of a run's log.txt from its host; --follow keeps printing new
lines. Stopping the follow (Ctrl-C) never stops the run.`;

export const logsCommand: Command = {
  name: "logs",
  summary: "show (and follow) a run's log",
  usage,
  async run(argv) {
    const { file, values } = parseWithFile(argv, { run: { type: "string" }, lines: { type: "string" }, follow: { type: "boolean", short: "f" }, ...HOST_KEY_OPTION });
    const runId = values.run as string | undefined;
    if (!runId) throw new UsageError("name the run with --run RUN_ID (`syllabus plan FILE` lists them)");
    const lines = values.lines === undefined ? 50 : Number(values.lines);
    if (!Number.isInteger(lines) || lines < 0) throw new UsageError(`--lines must be a whole number, not "${values.lines}"`);
    const target = loadExperiment(file, values.experiment as string | undefined);
    return withSession(target, Boolean(values["accept-new-host-key"]), async (session) => {
      const record = session.store.get(runId);
      const host = hostOf(target.config, record?.host ?? target.experiment.host);
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once("SIGINT", stop);
      try {
        await session.tailLog(host, runId, { lines, follow: Boolean(values.follow), signal: abort.signal, onData: (t) => process.stdout.write(t) });
      } finally {
        process.off("SIGINT", stop);
      }
      return 0;
    });
  },
};
