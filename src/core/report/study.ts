/**
 * A `study` block's report (the CLI's `syllabus report --study` and the editor's "Study report" lens):
 * its table across experiments (Yang et al. 2024, Table 1 layout: each eval-set column from the experiment
 * that evaluates it), or two such tables compared per strategy (Fig. 2b). The table goes through
 * writeReport, so it carries the same statistics as an experiment's report; a comparison adds
 * comparison.md|.tex|.csv|.html|.json. Results come from the run store beside the config (folds pooled).
 */
import { dirname, join } from "node:path";
import type { ResolvedConfig, StudyModel } from "../experiment/model";
import { DataError } from "../errors";
import { planExperiment } from "../runs/plan";
import { planResults } from "../runs/results";
import { RunStore } from "../runs/store";
import { aggregateResults } from "../stats/aggregate";
import { compareTables, studyResults, type TableComparison } from "../stats/studyAcross";
import { pValue, signedPct } from "../stats/format";
import { validateResults } from "../stats/validate";
import type { RunResult } from "../stats/types";
import { renderComparison } from "./comparisonTable";
import { writeFileAtomic } from "./files";
import { writeReport, type ReportOptions } from "./index";

export interface StudyReport {
  files: string[];
  /** One line per table or compared strategy, for a terminal or a notification. */
  lines: string[];
  /** Runs without a result yet, per experiment (the report shows the others). */
  notes: string[];
  /** The entry page: report.html, or comparison.html for a comparison. */
  main: string;
  comparison?: TableComparison;
}

export async function writeStudyReport(config: ResolvedConfig, name: string, outDir: string, options: ReportOptions & { title?: string } = {}): Promise<StudyReport> {
  const studies = config.studies ?? {};
  const study = studies[name];
  if (!study) throw new DataError([{ file: config.file, line: 0, field: "study", message: `no study '${name}'${Object.keys(studies).length ? ` (studies: ${Object.keys(studies).join(", ")})` : ""}`, fix: "declare `study NAME { columns = [...] }`" }]);
  const reader = new StudyResults(config);
  const lines: string[] = [];
  if (study.columns) {
    const results = await reader.table(study);
    const baseline = config.experiments[study.columns[0]!]?.baseline ?? "random";
    const { files, sections } = await writeReport({ results, title: options.title ?? study.title, baseline }, outDir, options);
    for (const s of sections) lines.push(`${s.name}: ${s.table.strategies.length} strategies × ${s.table.models.length} models × eval sets ${s.table.evalSets.join(", ")}${s.table.missing.length ? `; ${s.table.missing.length} cells missing` : ""}`);
    return { files, lines, notes: reader.notes, main: join(outDir, "report.html") };
  }
  const [firstName, secondName] = study.compare!;
  const first = studies[firstName]!;
  const second = studies[secondName]!;
  const ra = await reader.table(first);
  const rb = await reader.table(second);
  const cellsOf = (r: RunResult[], s: StudyModel) => aggregateResults(validateResults(r, { file: `study ${s.name}` }));
  const comparison = compareTables({ name: first.name, cells: cellsOf(ra, first) }, { name: second.name, cells: cellsOf(rb, second) }, { alpha: study.alpha, ...(study.strategies ? { strategies: study.strategies } : {}) });
  const title = options.title ?? study.title;
  const baseline = config.experiments[first.columns![0]!]?.baseline ?? "random";
  const { files } = await writeReport({ results: [...ra, ...rb], title, baseline }, outDir, options);
  const exports = renderComparison(comparison, title);
  const json = JSON.stringify(comparison, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 1);
  for (const [ext, text] of [["md", exports.markdown], ["tex", exports.latex], ["csv", exports.csv], ["html", exports.html], ["json", json]] as const) {
    const file = join(outDir, `comparison.${ext}`);
    writeFileAtomic(file, text);
    files.push(file);
  }
  for (const r of comparison.rows) {
    lines.push(`${r.strategy}: ${second.name} − ${first.name} ${signedPct(r.test.meanDifference)} pp over ${r.test.n} cells, p ${pValue(r.test.p)} — ${r.significant ? `significant at ${study.alpha}` : `no significant difference at ${study.alpha}`}`);
  }
  return { files, lines, notes: reader.notes, main: join(outDir, "comparison.html"), comparison };
}

/** Each column experiment's results from the run store beside the config (folds pooled), read once. */
class StudyResults {
  private readonly store: RunStore;
  private readonly cache = new Map<string, Promise<RunResult[]>>();
  readonly notes: string[] = [];
  constructor(private readonly config: ResolvedConfig) {
    this.store = new RunStore(dirname(config.file));
  }

  private experiment(name: string): Promise<RunResult[]> {
    let p = this.cache.get(name);
    if (!p) {
      p = planExperiment(this.config, name).then((plan) => {
        const { results, missing } = planResults(plan, this.store);
        if (missing) this.notes.push(`${missing} of ${plan.runs.length} runs of ${name} have no result yet; the study shows the others`);
        return results;
      });
      this.cache.set(name, p);
    }
    return p;
  }

  async table(study: StudyModel): Promise<RunResult[]> {
    const byExperiment = new Map<string, RunResult[]>();
    for (const e of study.columns ?? []) byExperiment.set(e, await this.experiment(e));
    const results = studyResults({ name: study.name, columns: study.columns ?? [], ...(study.strategies ? { strategies: study.strategies } : {}) }, byExperiment);
    if (!results.length) {
      throw new DataError([{ file: this.config.file, line: 0, field: study.name, message: `study ${study.name} has no results yet`, fix: `run its experiments (${(study.columns ?? []).join(", ")}) first` }]);
    }
    return results;
  }
}
