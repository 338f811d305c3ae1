/** `FILE [--experiment NAME]` handling shared by plan, run, status and report. */
import { dirname } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { ExperimentModel, ResolvedConfig } from "../core/experiment/model";
import { loadConfig } from "../language/load";
import { UsageError } from "./args";
import { suggestion } from "./did-you-mean";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ExperimentTarget {
  config: ResolvedConfig;
  experiment: ExperimentModel;
  /** The folder of the config file: it holds the local run store `.syllabus/`. */
  workspaceRoot: string;
}

export function parseWithFile<O extends Options>(argv: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, experiment: { type: "string" } }, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split(". ")[0]!);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file) throw new UsageError("name the .syllabus file, e.g. `syllabus run demo.syllabus`");
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  return { file, values: parsed.values as Record<string, string | boolean | undefined> };
}

/** Loads the config (errors name file:line) and picks the experiment: the named one, or the only one. */
export function loadExperiment(file: string, name: string | undefined): ExperimentTarget {
  const { config, warnings } = loadConfig(file);
  for (const w of warnings) console.error(`${w.file}:${w.line}: warning: ${w.message}`);
  const names = Object.keys(config.experiments);
  const chosen = name ?? (names.length === 1 ? names[0] : undefined);
  if (!chosen) throw new UsageError(names.length ? `the config has several experiments (${names.join(", ")}): pick one with --experiment NAME` : "the config declares no experiment");
  const experiment = config.experiments[chosen];
  if (!experiment) throw new UsageError(`no experiment "${chosen}" in ${file}${suggestion(chosen, names)}`);
  return { config, experiment, workspaceRoot: dirname(config.file) };
}
