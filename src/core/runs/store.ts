/**
 * The local run store: `.syllabus/runs/<run-id>/` in the workspace, the client's memory of every run it
 * launched. Pure Node fs (no ssh): the remote layer fetches, this module only records.
 *
 *   record.json          where the run lives: host, launcher, remote folder, pid / Slurm job id (atomic)
 *   run.json             the run spec as launched (atomic)
 *   states.jsonl         state history, one line per change (append)
 *   status.json          the trainer's last status.json seen (atomic)
 *   events.jsonl         a byte-exact copy of the remote events.jsonl prefix synced so far (append)
 *   result.json, predictions/<set>.jsonl   once the run has ended (atomic; replaced by a newer result)
 *   invalid.json         why an imported result is not trusted (consumed order ≠ train.jsonl × epochs)
 *
 * Because events.jsonl is a byte copy, its local size IS the remote read offset: the next sync asks for
 * bytes from there, never re-downloading, and a crash between append and bookkeeping cannot desync them.
 * Two clients may sync the same run at once (a terminal and VS Code): bytes are written AT their remote
 * offset (positional writes, no O_APPEND), so overlapping copies of the same bytes merge idempotently.
 * `unreachable` is a view state computed by callers and never written here: "can't reach the host" is
 * not "the run failed".
 */
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { parseJsonFile, parseRunEvents, serializeRunSpec, TrainerResult, RunState, RunStatus, TERMINAL_STATES, type RunEvent, type RunSpec } from "./bundle";
import { z } from "zod";
import { writeFileAtomicSync } from "../atomicFile";

export const LauncherKind = z.enum(["local", "direct", "slurm"]);
export type LauncherKind = z.infer<typeof LauncherKind>;

export const RunRecord = z.object({
  runId: z.string(),
  /** HostModel name (the config's `host` block). */
  host: z.string(),
  launcher: LauncherKind,
  /** Absolute path of the run folder on the host. */
  remoteDir: z.string(),
  submittedAt: z.string(),
  /** Process group id (direct/local) or Slurm job id like `1234_5` (slurm). */
  pid: z.number().int().positive().optional(),
  jobId: z.string().optional(),
  /** The launch attempt (launch.json on the host); a `--rerun` makes a new one. */
  attempt: z.string().optional(),
  /** Labels for display (experiment, strategy, model, seed). */
  display: z.record(z.unknown()).default({}),
});
export type RunRecord = z.infer<typeof RunRecord>;

export const StateEntry = z.object({
  state: RunState,
  at: z.string(),
  message: z.string().optional(),
});
export type StateEntry = z.infer<typeof StateEntry>;

/** invalid.json: why a run's result is kept out of statistics. */
export const InvalidMark = z.object({ reason: z.string(), at: z.string() });
export type InvalidMark = z.infer<typeof InvalidMark>;

/** What a view shows: a run state, or `unreachable` while its host cannot be reached. */
export type RunViewState = RunState | "unreachable";

export function isTerminal(state: RunState | undefined): boolean {
  return state !== undefined && TERMINAL_STATES.includes(state);
}

const writeAtomic = writeFileAtomicSync;

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export class RunStore {
  readonly root: string;

  constructor(workspaceRoot: string) {
    this.root = join(workspaceRoot, ".syllabus", "runs");
  }

  dir(runId: string): string {
    if (!SAFE_ID.test(runId)) throw new Error(`run id ${JSON.stringify(runId)} is not a valid run id (letters, digits, '_' and '-')`);
    return join(this.root, runId);
  }

  /** Records a launched run (replacing an older record of the same id: a relaunch). */
  save(record: RunRecord, spec?: RunSpec): void {
    const dir = this.dir(record.runId);
    mkdirSync(dir, { recursive: true });
    if (spec) writeAtomic(join(dir, "run.json"), serializeRunSpec(spec));
    writeAtomic(join(dir, "record.json"), JSON.stringify(RunRecord.parse(record), null, 2) + "\n");
  }

  update(runId: string, patch: Partial<RunRecord>): RunRecord {
    const cur = this.get(runId);
    if (!cur) throw new Error(`run ${runId} is not in the store (${this.root})`);
    const next = { ...cur, ...patch, runId };
    this.save(next);
    return next;
  }

  get(runId: string): RunRecord | undefined {
    const file = join(this.dir(runId), "record.json");
    if (!existsSync(file)) return undefined;
    return parseJsonFile(RunRecord, readFileSync(file, "utf8"), file, "delete the folder and launch the run again");
  }

  list(): RunRecord[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root)
      .filter((n) => SAFE_ID.test(n) && existsSync(join(this.root, n, "record.json")))
      .sort()
      .map((n) => this.get(n)!);
  }

  /** Appends a state change; a repeat of the current state (same message) is not recorded twice. */
  appendState(runId: string, state: RunState, message?: string, at = new Date().toISOString()): boolean {
    const last = this.states(runId).at(-1);
    if (last && last.state === state && last.message === message) return false;
    mkdirSync(this.dir(runId), { recursive: true });
    const entry: StateEntry = message === undefined ? { state, at } : { state, at, message };
    appendFileSync(join(this.dir(runId), "states.jsonl"), JSON.stringify(entry) + "\n");
    return true;
  }

  states(runId: string): StateEntry[] {
    const file = join(this.dir(runId), "states.jsonl");
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .flatMap((l) => {
        // A torn last line (crash mid-append) is ignored rather than poisoning the history.
        try {
          const parsed = StateEntry.safeParse(JSON.parse(l));
          return parsed.success ? [parsed.data] : [];
        } catch {
          return [];
        }
      });
  }

  state(runId: string): RunState | undefined {
    return this.states(runId).at(-1)?.state;
  }

  /** The view state: the recorded state, or `unreachable` for a live run whose host cannot be reached. */
  viewState(runId: string, hostReachable: boolean): RunViewState | undefined {
    const s = this.state(runId);
    if (s !== undefined && !isTerminal(s) && !hostReachable) return "unreachable";
    return s;
  }

  /** Runs not yet in a terminal state: the ones to reconcile with their host. */
  active(): RunRecord[] {
    return this.list().filter((r) => !isTerminal(this.state(r.runId)));
  }

  // ------------------------------------------------------------ synced files

  /** Byte offset to read the remote events.jsonl from. */
  eventsOffset(runId: string): number {
    const file = join(this.dir(runId), "events.jsonl");
    return existsSync(file) ? statSync(file).size : 0;
  }

  /**
   * Merges bytes read from the remote events.jsonl at `offset` into the local copy; returns how many bytes
   * it grew by. Written in place at `offset`, so a concurrent sync that already wrote (some of) the same
   * bytes loses nothing and doubles nothing; bytes past a gap (the copy was reset meanwhile) are dropped
   * and fetched again by the next sync.
   */
  appendEvents(runId: string, offset: number, bytes: Buffer): number {
    if (bytes.length === 0) return 0;
    mkdirSync(this.dir(runId), { recursive: true });
    const file = join(this.dir(runId), "events.jsonl");
    closeSync(openSync(file, "a"));
    const fd = openSync(file, "r+");
    try {
      const have = fstatSync(fd).size;
      if (offset > have) return 0;
      writeSync(fd, bytes, 0, bytes.length, offset);
      return Math.max(0, offset + bytes.length - have);
    } finally {
      closeSync(fd);
    }
  }

  /** Restarts the local copy (the remote file was replaced, e.g. the run was relaunched from scratch). */
  resetEvents(runId: string): void {
    const file = join(this.dir(runId), "events.jsonl");
    if (existsSync(file)) writeAtomic(file, "");
  }

  /** Counts a poll that found no trace of the run; returns how many in a row. */
  noteMiss(runId: string): number {
    const file = join(this.dir(runId), "misses");
    const n = (existsSync(file) ? Number(readFileSync(file, "utf8")) || 0 : 0) + 1;
    mkdirSync(this.dir(runId), { recursive: true });
    writeAtomic(file, String(n));
    return n;
  }

  clearMisses(runId: string): void {
    rmSync(join(this.dir(runId), "misses"), { force: true });
  }

  /**
   * A new attempt (`--rerun`) starts: the synced files of the previous one move to attempts/<label>/
   * (kept, out of the way), so the new attempt's status, events and result are fetched fresh.
   */
  archiveAttempt(runId: string, label: string): void {
    const dir = this.dir(runId);
    const moved = ["status.json", "events.jsonl", "result.json", "predictions"].filter((f) => existsSync(join(dir, f)));
    if (moved.length === 0) return;
    const to = join(dir, "attempts", label.replace(/[^A-Za-z0-9_-]/g, "_"));
    mkdirSync(to, { recursive: true });
    for (const f of moved) {
      rmSync(join(to, f), { recursive: true, force: true });
      renameSync(join(dir, f), join(to, f));
    }
  }

  events(runId: string): RunEvent[] {
    const file = join(this.dir(runId), "events.jsonl");
    if (!existsSync(file)) return [];
    return parseRunEvents(readFileSync(file, "utf8"), file);
  }

  writeStatus(runId: string, status: RunStatus): void {
    mkdirSync(this.dir(runId), { recursive: true });
    writeAtomic(join(this.dir(runId), "status.json"), JSON.stringify(status, null, 2) + "\n");
  }

  status(runId: string): RunStatus | undefined {
    const file = join(this.dir(runId), "status.json");
    return existsSync(file) ? parseJsonFile(RunStatus, readFileSync(file, "utf8"), file) : undefined;
  }

  /** Stores result.json after validating it (a bad file is an error naming the file and field). */
  writeResult(runId: string, text: string): TrainerResult {
    const result = parseJsonFile(TrainerResult, text, `${runId}/result.json`);
    writeAtomic(join(this.dir(runId), "result.json"), text);
    return result;
  }

  /** result.json exactly as stored (to tell a rerun's newer result from the one already imported). */
  resultText(runId: string): string | undefined {
    const file = join(this.dir(runId), "result.json");
    return existsSync(file) ? readFileSync(file, "utf8") : undefined;
  }

  result(runId: string): TrainerResult | undefined {
    const file = join(this.dir(runId), "result.json");
    return existsSync(file) ? parseJsonFile(TrainerResult, readFileSync(file, "utf8"), file) : undefined;
  }

  writePredictions(runId: string, evalSet: string, text: string | Buffer): void {
    const file = this.predictionsPath(runId, evalSet);
    mkdirSync(join(this.dir(runId), "predictions"), { recursive: true });
    writeAtomic(file, text);
  }

  /** Where a run's predictions on one eval set are kept (every reader goes through here). */
  predictionsPath(runId: string, evalSet: string): string {
    if (!SAFE_NAME.test(evalSet)) throw new Error(`eval set name ${JSON.stringify(evalSet)} cannot be a file name`);
    return join(this.dir(runId), "predictions", `${evalSet}.jsonl`);
  }

  predictionSets(runId: string): string[] {
    const dir = join(this.dir(runId), "predictions");
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".jsonl")).map((f) => f.slice(0, -6)).sort() : [];
  }

  /** Removes predictions of sets a newer result no longer has (a rerun's files replace the old run's). */
  removePredictions(runId: string, keep: readonly string[]): void {
    for (const set of this.predictionSets(runId)) if (!keep.includes(set)) rmSync(this.predictionsPath(runId, set), { force: true });
  }

  /** Marks an imported result as not trusted (kept out of statistics), or clears the mark with `undefined`. */
  setInvalid(runId: string, reason: string | undefined): void {
    const file = join(this.dir(runId), "invalid.json");
    if (reason === undefined) rmSync(file, { force: true });
    else writeAtomic(file, JSON.stringify(InvalidMark.parse({ reason, at: new Date().toISOString() }), null, 2) + "\n");
  }

  invalid(runId: string): InvalidMark | undefined {
    const file = join(this.dir(runId), "invalid.json");
    return existsSync(file) ? parseJsonFile(InvalidMark, readFileSync(file, "utf8"), file) : undefined;
  }
}
