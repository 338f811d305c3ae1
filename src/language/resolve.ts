/**
 * From checked blocks to the resolved experiment model (src/core/experiment/model.ts): applies defaults
 * and presets, follows `preset` chains (reporting cycles), makes data paths absolute, and runs the checks
 * that need more than one block: strategies that need categories or difficulty the training data lacks,
 * a baseline that is not compared, a training set without a `train` file, evaluation sets without `test`.
 */
import { STRATEGIES, type Strategy } from "../core/ordering/types";
import {
  LOCAL_HOST,
  ResolvedConfig,
  type CurriculumModel,
  type DatasetModel,
  type DifficultySource,
  type ExperimentModel,
  type HostModel,
  type LlmModel,
  type SchedulerModel,
  type StudyModel,
} from "../core/experiment/model";
import type { ListValue, Span } from "./ast";
import { addKeyFix, resolveDataPath, type CheckedBlock, type CheckResult, type Reference, type VariantValue } from "./check";
import type { Diagnostic, Fix } from "./diagnostics";
import { presetSettings, STUDY_NAMESPACE, type ModelSettings } from "./presets";
import { DATASET } from "./schema";
import { STRATEGY_DOCS } from "./strategies";

type Values = Record<string, unknown>;

export function resolve(checked: CheckResult, file: string, text: string): { config: ResolvedConfig; diagnostics: Diagnostic[] } {
  return new Resolver(checked, file, text).run();
}

class Resolver {
  readonly diagnostics: Diagnostic[] = [];
  private readonly config: ResolvedConfig;
  private readonly modelBlocks = new Map<string, CheckedBlock>();
  private readonly datasetBlocks = new Map<string, CheckedBlock>();
  private readonly experimentBlocks = new Map<string, CheckedBlock>();
  private readonly merged = new Map<CheckedBlock, Values>();
  private readonly cycleReported = new Set<string>();
  private readonly brokenModels = new Set<string>();
  /** References by start offset: O(1) lookup of what a value names. */
  private readonly refAt: Map<number, Reference>;

  constructor(
    private readonly checked: CheckResult,
    private readonly file: string,
    private readonly text: string,
  ) {
    this.config = { file, hosts: { local: LOCAL_HOST }, datasets: {}, models: {}, experiments: {} };
    this.refAt = new Map(checked.refs.map((r) => [r.span.start, r]));
  }

  run(): { config: ResolvedConfig; diagnostics: Diagnostic[] } {
    const named = this.checked.blocks.filter((b) => b.decl);
    for (const b of named) if (b.spec.keyword === "model") this.modelBlocks.set(b.decl!.name, b);
    for (const b of named) if (b.spec.keyword === "dataset") this.datasetBlocks.set(b.decl!.name, b);
    for (const b of named) if (b.spec.keyword === "experiment") this.experimentBlocks.set(b.decl!.name, b);
    for (const b of named) {
      const name = b.decl!.name;
      if (b.spec.keyword === "host") this.config.hosts[name] = this.host(name, b.values);
      else if (b.spec.keyword === "dataset") this.config.datasets[name] = this.dataset(name, b);
    }
    for (const name of this.modelBlocks.keys()) this.model(name);
    for (const b of named) if (b.spec.keyword === "experiment") this.config.experiments[b.decl!.name] = this.experiment(b.decl!.name, b);
    const studyBlocks = named.filter((b) => b.spec.keyword === "study");
    for (const b of studyBlocks) {
      const study = this.study(b.decl!.name, b, studyBlocks);
      if (study) (this.config.studies ??= {})[study.name] = study;
    }
    return { config: this.config, diagnostics: this.diagnostics };
  }

  private host(name: string, v: Values): HostModel {
    const sched = v.scheduler as VariantValue | undefined;
    let scheduler: SchedulerModel = { type: "direct", maxConcurrent: 1 };
    if (sched?.$variant === "direct") scheduler = { type: "direct", maxConcurrent: (sched.max_concurrent as number | undefined) ?? 1 };
    else if (sched?.$variant === "slurm") {
      scheduler = { type: "slurm" };
      for (const [k, field] of [["partition", "partition"], ["gres", "gres"], ["time", "time"], ["account", "account"], ["qos", "qos"], ["options", "options"], ["max_concurrent", "maxConcurrent"]] as const) {
        if (sched[k] !== undefined) (scheduler as Record<string, unknown>)[field] = sched[k];
      }
    }
    const host: HostModel = { name, kind: "ssh", scheduler };
    if (typeof v.ssh === "string") host.ssh = v.ssh;
    if (typeof v.python === "string") host.python = v.python;
    if (typeof v.workdir === "string") host.workdir = v.workdir;
    if (typeof v.gpus === "number") host.gpus = v.gpus;
    if (typeof v.gpu_memory === "number") host.gpuMemoryGiB = v.gpu_memory;
    return host;
  }

  /**
   * A block's values over those of the block its `from` names (datasets and experiments): the chain is
   * followed iteratively; a cycle is reported on each `from` in it and that block keeps its own values.
   */
  private inherited(b: CheckedBlock): Values {
    const known = this.merged.get(b);
    if (known) return known;
    const table = b.spec.keyword === "dataset" ? this.datasetBlocks : this.experimentBlocks;
    const chain: CheckedBlock[] = [];
    let cur: CheckedBlock | undefined = b;
    while (cur && !this.merged.has(cur)) {
      if (chain.includes(cur)) {
        const cycle = chain.slice(chain.indexOf(cur));
        const names = [...cycle, cur].map((x) => x.decl!.name).join(" → ");
        for (const x of cycle) {
          this.error(x.attrs.get("from")!.value!, `\`from\` cycle: ${names}; a ${b.spec.keyword} cannot start from itself`, "cycle");
          this.merged.set(x, withoutFrom(x.values));
        }
        break;
      }
      chain.push(cur);
      const parent: unknown = cur.values.from;
      cur = typeof parent === "string" ? table.get(parent) : undefined;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const x = chain[i]!;
      if (this.merged.has(x)) continue;
      const parentName = x.values.from;
      const parent = typeof parentName === "string" ? table.get(parentName) : undefined;
      this.merged.set(x, { ...(parent ? this.merged.get(parent) ?? {} : {}), ...withoutFrom(x.values) });
    }
    return this.merged.get(b) ?? withoutFrom(b.values);
  }

  private dataset(name: string, b: CheckedBlock): DatasetModel {
    const v = this.inherited(b);
    const format = (v.format as DatasetModel["format"] | undefined) ?? "jsonl";
    const d: DatasetModel = { name, format };
    if (typeof v.train === "string") d.train = resolveDataPath(this.file, v.train);
    if (typeof v.test === "string") d.test = resolveDataPath(this.file, v.test);
    const columns = v.columns as Record<string, string> | undefined;
    if (columns && Object.keys(columns).length) d.columns = { ...columns };
    const cat = v.category as VariantValue | undefined;
    if (cat?.$variant === "column" && typeof cat.name === "string") d.category = { column: cat.name };
    else if (columns?.category) d.category = { column: columns.category };
    const diff = v.difficulty as VariantValue | undefined;
    let difficulty: DifficultySource | undefined;
    if (diff?.$variant === "column" && typeof diff.name === "string") difficulty = { kind: "column", column: diff.name };
    else if (diff?.$variant === "scores" && typeof diff.file === "string") difficulty = { kind: "scores", file: resolveDataPath(this.file, diff.file), by: (diff.by as "id" | "row" | undefined) ?? "id" };
    else if (diff?.$variant === "human_answer_share") difficulty = { kind: "human_answer_share" };
    else if (diff?.$variant === "llm_ensemble" && Array.isArray(diff.files) && diff.files.length) difficulty = { kind: "llm_ensemble", files: (diff.files as string[]).map((f) => resolveDataPath(this.file, f)) };
    else if (!diff && columns?.difficulty) difficulty = { kind: "column", column: columns.difficulty };
    if (difficulty) d.difficulty = difficulty;
    if (v.cop_base === 0 || v.cop_base === 1) d.copBase = v.cop_base;
    if (typeof v.limit === "number" && Number.isInteger(v.limit) && v.limit > 0) d.limit = v.limit;
    if (typeof v.bring_your_own === "string" && v.bring_your_own.trim()) d.bringYourOwn = v.bring_your_own.trim();

    // Format-specific rules.
    const at = (key: string): Span => b.attrs.get(key)?.value ?? b.attrs.get(key) ?? b.block.name ?? b.block.keyword;
    if (diff?.$variant === "human_answer_share" && v.format !== undefined && format !== "lek")
      this.error(at("difficulty"), `\`human_answer_share\` needs the LEK examinee shares (\`%A\`..\`%E\`), but \`${name}\` has format \`${format}\`; use column("…") or scores("…")`, "format");
    if ((format === "csv" || format === "jsonl") && v.format !== undefined && !columns)
      this.error(at("format"), `format \`${format}\` needs \`columns { question = "…"  answer = "…"  A = "…" … }\` to know which fields hold what`, "missing-key", addKeyFixFor(this.text, b, "columns"));
    if (columns && format !== "csv" && format !== "jsonl") this.warn(at("columns"), `\`columns\` is only used by the csv and jsonl formats; \`${format}\` has fixed field names`, "unused");
    if (v.cop_base !== undefined && format !== "medmcqa") this.warn(at("cop_base"), "`cop_base` only applies to the medmcqa format", "unused");
    if (b.block.body && v.train === undefined && v.test === undefined && !b.attrs.has("train") && !b.attrs.has("test"))
      this.error(b.block.name ?? b.block.keyword, `dataset \`${name}\` has neither \`train\` nor \`test\`: give at least one file`, "missing-key", addKeyFixFor(this.text, b, "train"));
    return d;
  }

  /** The declared model a model's `preset` names, if it names one (not a built-in preset). */
  private parentOf(name: string): string | undefined {
    const b = this.modelBlocks.get(name);
    const value = b?.attrs.get("preset")?.value;
    return value ? this.refAt.get(value.start)?.decl?.name : undefined;
  }

  /**
   * Resolves a declared model, following `preset` to a study preset or another model. The chain is
   * walked iteratively (no recursion, so a 10,000-model chain cannot overflow the stack); a cycle is
   * reported once on each model in it.
   */
  private model(name: string): LlmModel | undefined {
    const chain: string[] = [];
    const seen = new Set<string>();
    let cur: string | undefined = name;
    while (cur !== undefined && !this.config.models[cur] && this.modelBlocks.has(cur)) {
      if (seen.has(cur)) {
        const cycle = chain.slice(chain.indexOf(cur));
        cycle.forEach((m, i) => {
          if (this.cycleReported.has(m)) return;
          this.cycleReported.add(m);
          // Show the cycle from this model's point of view; a long one is shortened.
          const from = (k: number) => cycle[(i + k) % cycle.length]!;
          const path = cycle.length <= 8 ? [...cycle.map((_, k) => from(k)), m].join(" → ") : `${from(0)} → ${from(1)} → ${from(2)} → … → ${from(cycle.length - 1)} → ${m} (${cycle.length} models)`;
          this.error(this.modelBlocks.get(m)!.attrs.get("preset")!.value!, `preset cycle: ${path}; a model cannot inherit from itself`, "cycle");
        });
        for (const x of chain) this.brokenModels.add(x);
        return undefined;
      }
      if (this.brokenModels.has(cur)) return undefined;
      seen.add(cur);
      chain.push(cur);
      cur = this.parentOf(cur);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const m = chain[i]!;
      const parent = this.parentOf(m);
      const resolved = this.resolveModel(m, parent === undefined ? undefined : this.config.models[parent]);
      if (!resolved) {
        for (const x of chain.slice(0, i + 1)) this.brokenModels.add(x);
        return undefined;
      }
    }
    return this.config.models[name];
  }

  /** One model over its base: a declared parent (already resolved), a study preset, or nothing. */
  private resolveModel(name: string, parent: LlmModel | undefined): LlmModel | undefined {
    const b = this.modelBlocks.get(name)!;
    const v = b.values;
    let base: ModelSettings | undefined;
    if (this.parentOf(name) !== undefined) {
      if (!parent) return undefined;
      const { name: _ignored, ...settings } = parent;
      void _ignored;
      base = structuredClone(settings);
    } else if (typeof v.preset === "string") base = presetSettings(v.preset);
    const lora = (v.lora ?? {}) as Values;
    const optim = (v.optim ?? {}) as Values;
    const hf = (v.hf as string | undefined) ?? base?.hf;
    const lr = (optim.lr as number | undefined) ?? base?.optim.lr;
    const batch = (optim.batch as number | undefined) ?? base?.optim.batch;
    if (hf === undefined || lr === undefined || batch === undefined) return undefined; // reported by check
    const m: LlmModel = {
      name,
      hf,
      quantize: (v.quantize as LlmModel["quantize"] | undefined) ?? base?.quantize ?? "nf4",
      lora: {
        r: (lora.r as number | undefined) ?? base?.lora.r ?? 16,
        alpha: (lora.alpha as number | undefined) ?? base?.lora.alpha ?? 64,
        dropout: (lora.dropout as number | undefined) ?? base?.lora.dropout ?? 0.1,
      },
      optim: {
        lr,
        batch,
        accumulate: (optim.accumulate as number | undefined) ?? base?.optim.accumulate ?? 1,
        schedule: (optim.schedule as LlmModel["optim"]["schedule"] | undefined) ?? base?.optim.schedule ?? "linear",
        warmup: (optim.warmup as number | undefined) ?? base?.optim.warmup ?? 0,
        weightDecay: (optim.weight_decay as number | undefined) ?? base?.optim.weightDecay ?? 0,
        gradClip: (optim.grad_clip as number | undefined) ?? base?.optim.gradClip ?? 1.0,
        epochs: (optim.epochs as number | undefined) ?? base?.optim.epochs ?? 1,
        optimizer: (optim.optimizer as LlmModel["optim"]["optimizer"] | undefined) ?? base?.optim.optimizer ?? "paged_adamw_8bit",
      },
      maxLength: (v.max_length as number | undefined) ?? base?.maxLength ?? 512,
    };
    const prompt = (v.prompt as LlmModel["prompt"] | undefined) ?? base?.prompt;
    if (prompt !== undefined) m.prompt = prompt;
    const checkpointing = (v.gradient_checkpointing as boolean | undefined) ?? base?.gradientCheckpointing;
    if (checkpointing !== undefined) m.gradientCheckpointing = checkpointing;
    const topLayers = (lora.top_layers as number | undefined) ?? base?.lora.topLayers;
    if (topLayers !== undefined) m.lora.topLayers = topLayers;
    this.config.models[name] = m;
    return m;
  }

  private experiment(name: string, b: CheckedBlock): ExperimentModel {
    const v = this.inherited(b);
    const at = (key: string): Span => b.attrs.get(key)?.value ?? b.block.name ?? b.block.keyword;
    const strategies = (v.strategies as Strategy[] | undefined) ?? [...STRATEGIES];
    const models: string[] = [];
    for (const m of (v.models as string[] | undefined) ?? []) {
      if (m.startsWith(STUDY_NAMESPACE + ".")) {
        const settings = presetSettings(m.slice(STUDY_NAMESPACE.length + 1));
        if (settings) this.config.models[m] = { name: m, ...settings };
      }
      if (this.config.models[m]) models.push(m);
    }
    const c = v.curriculum as VariantValue | undefined;
    let curriculum: CurriculumModel = { mode: "strict" };
    if (c?.$variant === "buckets" && typeof c.easy === "number" && typeof c.medium === "number") curriculum = { mode: "buckets", easy: c.easy, medium: c.medium };
    const trainOn = (v.train_on as string | undefined) ?? "";
    const exp: ExperimentModel = {
      name,
      trainOn,
      evaluate: (v.evaluate as string[] | undefined) ?? [],
      models,
      strategies,
      baseline: (v.baseline as Strategy | undefined) ?? "random",
      curriculum,
      categoryOrder: (v.category_order as ExperimentModel["categoryOrder"] | undefined) ?? "sorted",
      reference: (v.reference as boolean | undefined) ?? false,
      seeds: (v.seeds as number[] | undefined) ?? [],
      host: (v.host as string | undefined) ?? "local",
      evalMode: (v.eval as ExperimentModel["evalMode"] | undefined) ?? "loglik",
    };
    const cv = v.cross_validation as Values | undefined;
    if (cv && typeof cv.folds === "number")
      exp.crossValidation = { folds: cv.folds, seed: (cv.seed as number | undefined) ?? 0, stratify: (cv.stratify as "none" | "category" | undefined) ?? "none" };

    if (!strategies.includes(exp.baseline)) {
      if (b.attrs.has("baseline")) this.error(at("baseline"), `the baseline \`${exp.baseline}\` is not one of \`strategies\`; add it there or pick another baseline`, "baseline");
      else this.error(at("strategies"), "`strategies` lacks the baseline `random`: add it, or set `baseline` to one of the listed strategies", "baseline");
    }
    const train = this.config.datasets[trainOn];
    const trainBlock = this.datasetBlocks.get(trainOn);
    if (train && trainBlock) {
      if (!train.train && trainBlock.block.body) this.error(at("train_on"), `dataset \`${trainOn}\` has no \`train\` file to train on`, "missing-key", addKeyFixFor(this.text, trainBlock, "train"));
      const strategyList = b.attrs.get("strategies")?.value;
      for (const s of strategies) {
        const doc = STRATEGY_DOCS[s];
        const span = itemSpan(strategyList, s) ?? at("strategies");
        if (doc.needsCategory && !train.category)
          this.error(span, `\`${s}\` needs categories, but dataset \`${trainOn}\` has none: add \`category = column("…")\` to it`, "needs-category", addKeyFixFor(this.text, trainBlock, "category"));
        if (doc.needsDifficulty && !train.difficulty)
          this.error(span, `\`${s}\` needs difficulty, but dataset \`${trainOn}\` has none: add \`difficulty = …\` to it`, "needs-difficulty", addKeyFixFor(this.text, trainBlock, "difficulty", train.format === "lek" ? "human_answer_share" : 'column("difficulty")'));
      }
    }
    const evalList = b.attrs.get("evaluate")?.value;
    if (exp.crossValidation) this.checkCrossValidation(b, exp, train);
    for (const e of exp.evaluate) {
      const ds = this.config.datasets[e];
      if (!ds || ds.test || exp.crossValidation) continue;
      const span = itemSpan(evalList, e) ?? at("evaluate");
      if (e === trainOn)
        this.warn(
          span,
          `dataset \`${e}\` has no \`test\` file: runs would be scored on the very questions they were trained on (training-set accuracy, not a held-out score). ` +
            `Add \`cross_validation { folds = 4 }\` to score each run on its held-out fold, or give \`${e}\` a \`test\` file`,
          "no-test",
          b.block.body ? [addKeyFix(this.text, b.block.body, { name: "cross_validation", type: { kind: "block", keys: [] }, doc: "", insert: "{ folds = 4 }" })].filter((f): f is Fix => !!f) : undefined,
        );
      else this.error(span, `dataset \`${e}\` has no \`test\` file to evaluate on`, "missing-key");
    }
    const curriculumUsed = strategies.some((s) => STRATEGY_DOCS[s].needsDifficulty);
    if (b.attrs.has("curriculum") && !curriculumUsed) this.warn(b.attrs.get("curriculum")!.key, "`curriculum` has no effect: none of the strategies is a curriculum", "unused");
    return exp;
  }

  /** A study: columns from experiments (each eval set from one of them), or a comparison of two tables. */
  private study(name: string, b: CheckedBlock, all: CheckedBlock[]): StudyModel | undefined {
    const v = b.values;
    const columns = v.columns as string[] | undefined;
    const compare = v.compare as string[] | undefined;
    const head = b.block.name ?? b.block.keyword;
    if (columns && compare) {
      this.error(b.attrs.get("compare")!.key, "a study is either a table (`columns`) or a comparison of two tables (`compare`), not both: make two studies", "study");
      return undefined;
    }
    const study: StudyModel = { name, title: (v.title as string | undefined) ?? name, alpha: (v.alpha as number | undefined) ?? 0.05 };
    if (v.strategies) study.strategies = v.strategies as Strategy[];
    if (columns) {
      const owner = new Map<string, string>();
      const list = b.attrs.get("columns")?.value;
      for (const expName of columns) {
        const exp = this.config.experiments[expName];
        if (!exp) continue;
        for (const set of exp.evaluate) {
          const first = owner.get(set);
          if (first !== undefined) {
            this.error(itemSpan(list, expName) ?? head, `eval set \`${set}\` comes from both \`${first}\` and \`${expName}\`: each column of the table must come from one experiment`, "study");
          } else owner.set(set, expName);
        }
      }
      study.columns = columns;
    }
    if (compare) {
      const list = b.attrs.get("compare")?.value;
      if (compare.length !== 2) this.error(list ?? head, `\`compare\` takes two studies (first vs second), not ${compare.length}`, "study");
      for (const other of compare) {
        const target = all.find((x) => x.decl?.name === other);
        if (target && !target.values.columns) this.error(itemSpan(list, other) ?? head, `\`${other}\` is not a table (it has no \`columns\`): \`compare\` compares two tables`, "study");
      }
      if (compare.length === 2) study.compare = [compare[0]!, compare[1]!];
    }
    return study;
  }

  /** Cross-validation scores held-out folds of the training set: that set alone is evaluated. */
  private checkCrossValidation(b: CheckedBlock, exp: ExperimentModel, train: DatasetModel | undefined): void {
    const cv = exp.crossValidation!;
    const evalList = b.attrs.get("evaluate")?.value;
    const cvKey = b.attrs.get("cross_validation")?.key ?? b.block.keyword;
    // The held-out column: one dataset with the training set's questions (train_on itself, or one that
    // differs only in labels, e.g. `from = lek` with another difficulty), so the column keeps its name.
    const sameQuestions = (e: string) => e === exp.trainOn || (!!train?.train && this.config.datasets[e]?.train === train.train);
    for (const e of exp.evaluate) {
      if (sameQuestions(e)) continue;
      this.error(
        itemSpan(evalList, e) ?? b.attrs.get("evaluate")?.value ?? cvKey,
        `with \`cross_validation\` each run is scored only on its held-out fold of \`${exp.trainOn}\`; evaluate \`${e}\` in a separate experiment trained on all of \`${exp.trainOn}\` (as the study did: Yang et al. 2024, §3)`,
        "cross-validation",
      );
    }
    if (exp.evaluate.length > 1 && exp.evaluate.every(sameQuestions))
      this.error(b.attrs.get("evaluate")?.value ?? cvKey, `with \`cross_validation\`, \`evaluate\` names the one held-out column: \`[${exp.trainOn}]\``, "cross-validation");
    if (cv.stratify === "category" && train && !train.category)
      this.error(cvKey, `\`stratify = category\` needs categories, but dataset \`${exp.trainOn}\` has none: add \`category = column("…")\` to it`, "needs-category");
    if (train?.test) this.warn(cvKey, `dataset \`${exp.trainOn}\` has a \`test\` file, which cross-validation does not use: folds are cut from its \`train\` file`, "unused");
  }

  private error(span: Span, message: string, code: string, fixes?: Fix[]): void {
    this.push(span, "error", message, code, fixes);
  }
  private warn(span: Span, message: string, code: string, fixes?: Fix[]): void {
    this.push(span, "warning", message, code, fixes);
  }
  private push(span: Span, severity: "error" | "warning", message: string, code: string, fixes?: Fix[]): void {
    const d: Diagnostic = { start: span.start, end: span.end, severity, message, code };
    if (fixes?.length) d.fixes = fixes;
    this.diagnostics.push(d);
  }
}

function withoutFrom(values: Values): Values {
  const { from: _from, ...rest } = values;
  void _from;
  return rest;
}

function itemSpan(list: unknown, name: string): Span | undefined {
  const l = list as ListValue | undefined;
  if (l?.type !== "list") return undefined;
  return l.items.find((i) => i.type === "name" && i.text === name);
}

function addKeyFixFor(text: string, b: CheckedBlock, key: string, value?: string): Fix[] | undefined {
  const spec = DATASET.keys.find((k) => k.name === key);
  if (!spec || !b.block.body) return undefined;
  const fix = addKeyFix(text, b.block.body, value ? { ...spec, insert: value } : spec);
  return fix ? [fix] : undefined;
}

/** Validates with zod: the resolver must only ever produce what plan/run accept. */
export function validateModel(config: ResolvedConfig): string | undefined {
  const r = ResolvedConfig.safeParse(config);
  return r.success ? undefined : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}
