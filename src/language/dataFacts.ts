/**
 * Data-aware checks: what an experiment's training data do under its settings, found by loading the data
 * (the same core path `plan` uses) rather than by reading the config alone. Two facts, per experiment:
 *  - bucket sizes of `curriculum = buckets { … }` (hover, inlay hint, and a warning when the split is
 *    lopsided by LOPSIDED_RULE in src/core/ordering/buckets.ts);
 *  - strategies that give the SAME training order for a seed. Run ids are content hashes of the order
 *    (src/core/runs/plan.ts), so such strategies are one run listed under two names — e.g. every question
 *    in one bucket makes `curriculum` the same shuffle as `random`.
 * Loading is async and can fail (a broken data file); a failure is one warning, never a crash.
 */
import { statSync } from "node:fs";
import { createHash } from "node:crypto";
import type { DatasetModel, ExperimentModel, ResolvedConfig } from "../core/experiment/model";
import { orderPrepared, prepareItems, type Strategy } from "../core/ordering/index";
import { bucketSplit, describeProblems, describeSplit, lopsidedBuckets, type BucketSplit } from "../core/ordering/buckets";
import { orderSpecOf } from "../core/runs/plan";
import { loadDataset } from "../core/runs/datasets";
import { missingOwnFiles } from "../core/experiment/ownFiles";
import type { Analysis } from "./analyze";
import type { ListValue, Span } from "./ast";
import type { Diagnostic } from "./diagnostics";

export interface ExperimentFacts {
  experiment: string;
  trainCount: number;
  /** Present when the experiment uses `curriculum = buckets { … }` and the data have difficulties. */
  buckets?: BucketSplit;
  /** Groups of strategies whose orders are identical, with the seeds where they are. */
  sameOrder: { strategies: Strategy[]; seeds: number[] }[];
  seedCount: number;
  /** Why the data could not be read (then nothing else is known). */
  error?: string;
}

export type DataFacts = Map<string, ExperimentFacts>;

/** Loads each experiment's training data once (shared between experiments on the same dataset). */
export async function computeDataFacts(config: ResolvedConfig): Promise<DataFacts> {
  const facts: DataFacts = new Map();
  const loaded = new Map<string, Promise<Awaited<ReturnType<typeof loadDataset>>>>();
  for (const exp of Object.values(config.experiments)) {
    const ds = config.datasets[exp.trainOn];
    if (!ds?.train) continue;
    // A bring-your-own file not yet in place already has its own warning saying what to put where.
    if (missingOwnFiles(config, exp.name).length) continue;
    let p = loaded.get(ds.name);
    if (!p) loaded.set(ds.name, (p = loadDataset(ds, "train")));
    try {
      facts.set(exp.name, experimentFacts(exp, await p));
    } catch (err) {
      facts.set(exp.name, { experiment: exp.name, trainCount: 0, sameOrder: [], seedCount: exp.seeds.length, error: (err as Error).message.split("\n")[0]! });
    }
  }
  return facts;
}

export function experimentFacts(exp: ExperimentModel, questions: readonly { id: string; category?: string; difficulty?: number }[]): ExperimentFacts {
  const out: ExperimentFacts = { experiment: exp.name, trainCount: questions.length, sameOrder: [], seedCount: exp.seeds.length };
  if (exp.curriculum.mode === "buckets" && questions.some((q) => q.difficulty !== undefined && !Number.isNaN(q.difficulty))) {
    out.buckets = bucketSplit(
      questions.map((q) => q.difficulty),
      exp.curriculum,
    );
  }
  const prepared = prepareItems(questions);
  // strategies → seeds where their orders coincide, grouped by the set of strategies.
  const groups = new Map<string, { strategies: Strategy[]; seeds: number[] }>();
  for (const seed of exp.seeds) {
    const byHash = new Map<string, Strategy[]>();
    for (const strategy of exp.strategies) {
      let order: Int32Array;
      try {
        order = orderPrepared(prepared, orderSpecOf(exp, strategy, seed));
      } catch {
        continue; // missing categories/difficulties: reported by resolve, or by plan with every row
      }
      const hash = createHash("sha256").update(new Uint8Array(order.buffer, order.byteOffset, order.byteLength)).digest("hex");
      byHash.set(hash, [...(byHash.get(hash) ?? []), strategy]);
    }
    for (const same of byHash.values()) {
      if (same.length < 2) continue;
      const key = same.join(",");
      const g = groups.get(key) ?? { strategies: same, seeds: [] };
      g.seeds.push(seed);
      groups.set(key, g);
    }
  }
  out.sameOrder = [...groups.values()];
  return out;
}

/** The warnings the facts imply, placed on the experiment's own keys. */
export function dataDiagnostics(analysis: Analysis, facts: DataFacts): Diagnostic[] {
  const out: Diagnostic[] = [];
  const readErrors = new Set<string>();
  for (const b of analysis.blocks) {
    if (b.spec.keyword !== "experiment" || !b.decl) continue;
    const f = facts.get(b.decl.name);
    if (!f) continue;
    const head: Span = b.block.name ?? b.block.keyword;
    const warn = (span: Span, message: string, code: string) => out.push({ start: span.start, end: span.end, severity: "warning", message, code });
    if (f.error) {
      // Once per unreadable file, on the first experiment that trains on it.
      if (!readErrors.has(f.error)) warn(b.attrs.get("train_on")?.value ?? head, `could not read the training data to check bucket sizes and orders: ${f.error}`, "data");
      readErrors.add(f.error);
      continue;
    }
    if (f.buckets) {
      const problems = lopsidedBuckets(f.buckets);
      if (problems.length)
        warn(
          b.attrs.get("curriculum")?.value ?? head,
          `lopsided curriculum buckets: ${describeSplit(f.buckets)} of ${f.buckets.total} questions — ${describeProblems(problems)}. ` +
            "A bucket under a tenth or over two thirds of the data (or empty) makes the bucketed curriculum mostly a shuffle; `syllabus inspect` suggests thresholds for thirds",
          "lopsided-buckets",
        );
    }
    const list = b.attrs.get("strategies")?.value as ListValue | undefined;
    for (const g of f.sameOrder) {
      const span = (list?.type === "list" && list.items.find((i) => i.type === "name" && i.text === g.strategies[1])) || list || head;
      const all = g.seeds.length === f.seedCount;
      const seeds = all ? "every seed" : `seed${g.seeds.length === 1 ? "" : "s"} ${g.seeds.join(", ")}`;
      const why = f.buckets && lopsidedBuckets(f.buckets).some((p) => p.share === 1) ? " (every question falls in one bucket)" : "";
      warn(
        span,
        `${g.strategies.map((s) => `\`${s}\``).join(" and ")} give the same training order for ${seeds}${why}: identical run ids, the same runs trained once and reported under ${g.strategies.length} names. Change the thresholds or drop one`,
        "same-order",
      );
    }
  }
  return out;
}

/** Caches facts by what determines them: the experiment and dataset models and the data files' mtimes. */
export class DataFactsCache {
  private readonly cache = new Map<string, { key: string; facts: Promise<DataFacts> }>();

  get(config: ResolvedConfig): Promise<DataFacts> {
    const key = factsKey(config);
    const hit = this.cache.get(config.file);
    if (hit && hit.key === key) return hit.facts;
    const facts = computeDataFacts(config);
    this.cache.set(config.file, { key, facts });
    return facts;
  }

  clear(): void {
    this.cache.clear();
  }
}

function fileStamp(p: string): string {
  try {
    const s = statSync(p);
    return `${p}:${s.size}:${s.mtimeMs}`;
  } catch {
    return `${p}:missing`;
  }
}

function dataFiles(ds: DatasetModel): string[] {
  const files = ds.train ? [ds.train] : [];
  if (ds.difficulty?.kind === "scores") files.push(ds.difficulty.file);
  if (ds.difficulty?.kind === "llm_ensemble") files.push(...ds.difficulty.files);
  return files;
}

function factsKey(config: ResolvedConfig): string {
  const used = new Set(Object.values(config.experiments).map((e) => e.trainOn));
  const datasets = [...used].map((n) => config.datasets[n]).filter((d): d is DatasetModel => !!d);
  return JSON.stringify({ experiments: config.experiments, datasets, stamps: datasets.flatMap(dataFiles).map(fileStamp) });
}
