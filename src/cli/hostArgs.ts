/**
 * The host of `doctor` / `setup`: a host of a config (`FILE --host NAME`), or a bare destination as on the
 * ssh command line (`user@host:port`, an alias from ~/.ssh/config, or `local`), with the defaults a
 * config would give it.
 */
import { dirname } from "node:path";
import { LOCAL_HOST, type HostModel } from "../core/experiment/model";
import { loadConfig } from "../language/load";
import { hostOf } from "../remote/runExperiment";
import { UsageError } from "./args";

export interface HostTarget {
  host: HostModel;
  workspaceRoot: string;
}

export function resolveHostArg(positional: string, hostName: string | undefined): HostTarget {
  if (positional.endsWith(".syllabus")) {
    if (!hostName) throw new UsageError("name the config's host with --host NAME (or --host local)");
    const { config } = loadConfig(positional);
    return { host: hostOf(config, hostName), workspaceRoot: dirname(config.file) };
  }
  if (hostName) throw new UsageError("--host goes with a .syllabus file; a bare destination is the host itself");
  const host: HostModel = positional === LOCAL_HOST.name ? LOCAL_HOST : { name: positional, kind: "ssh", ssh: positional, scheduler: { type: "direct", maxConcurrent: 1 } };
  return { host, workspaceRoot: process.cwd() };
}
