/** A RemoteSession for one CLI command over one config, closed when the command ends. */
import { RemoteSession, ttyPrompter } from "../remote/index";
import type { ExperimentTarget } from "./experimentArgs";

export const HOST_KEY_OPTION = { "accept-new-host-key": { type: "boolean" } } as const;

export async function withSession<T>(target: Pick<ExperimentTarget, "workspaceRoot">, acceptNewHostKey: boolean, fn: (s: RemoteSession) => Promise<T>): Promise<T> {
  const session = new RemoteSession({ workspaceRoot: target.workspaceRoot, prompter: ttyPrompter({ acceptNewHostKey }) });
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
