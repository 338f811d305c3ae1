/** Shared argument handling for sub-commands: node:util parseArgs (no dependency), usage errors with "did you mean". */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { suggestion } from "./did-you-mean";

/** A mistake on the command line (not in the data): exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandArgs<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const message = (err as Error).message;
    const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(message);
    if (unknown) {
      throw new UsageError(`unknown option ${unknown[1]}${unknown[2]}${suggestion(unknown[2]!, Object.keys(options)).replace(/"(.*)"/, '"--$1"')}`);
    }
    const positional = /Unexpected argument '([^']+)'/.exec(message);
    if (positional) throw new UsageError(`unexpected argument "${positional[1]}" (every value follows its option, e.g. --input FILE)`);
    throw new UsageError(message.replace(/\s*\n\s*/g, " "));
  }
}

export function numberArg(name: string, value: string | undefined, opts: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  const kind = opts.integer ? "a whole number" : "a number";
  if (value.trim() === "" || !Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) throw new UsageError(`--${name} must be ${kind}, not "${value}"`);
  if (opts.min !== undefined && n < opts.min) throw new UsageError(`--${name} must be at least ${opts.min}, not ${value}`);
  if (opts.max !== undefined && n > opts.max) throw new UsageError(`--${name} must be at most ${opts.max}, not ${value}`);
  return n;
}

export function choiceArg<T extends string>(name: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} "${value}" is not one of ${choices.join(", ")}${suggestion(value, choices)}`);
}

