import type { Command } from "../command";
import { LOCAL_HOST } from "../../core/experiment/model";
import { loadConfig } from "../../language/load";
import { parseWithFile } from "../experimentArgs";
import { HOST_KEY_OPTION, withSession } from "../session";
import { dirname } from "node:path";

const usage = `usage: syllabus sync FILE [--accept-new-host-key]

Reconciles every run of the workspace that has not ended (what Syllabus does on start): reads each run's
status.json and the NEW bytes of events.jsonl from its host, and the result and predictions once it has
ended. A host that cannot be reached leaves its runs "unreachable" — they keep running there.`;

export const syncCommand: Command = {
  name: "sync",
  summary: "bring the local run store up to date with every host",
  usage,
  async run(argv) {
    const { file, values } = parseWithFile(argv, HOST_KEY_OPTION);
    const { config } = loadConfig(file);
    return withSession({ workspaceRoot: dirname(config.file) }, Boolean(values["accept-new-host-key"]), async (session) => {
      const outcomes = await session.reconcile({ [LOCAL_HOST.name]: LOCAL_HOST, ...config.hosts });
      const counts = new Map<string, number>();
      for (const o of outcomes) counts.set(o.state, (counts.get(o.state) ?? 0) + 1);
      const fetched = outcomes.reduce((n, o) => n + (o.sync?.newEventBytes ?? 0), 0);
      console.log(outcomes.length ? `${outcomes.length} active run(s): ${[...counts].map(([s, n]) => `${n} ${s}`).join(", ")}; ${fetched} new event bytes` : "no active runs");
      return 0;
    });
  },
};
