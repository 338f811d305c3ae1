/**
 * `syllabus report CONFIG --study NAME`: a study's table across experiments (Yang et al. 2024, Table 1
 * layout: each eval-set column from the experiment that evaluates it), or two such tables compared per
 * strategy (Fig. 2b). The table goes through writeReport, so it carries the same statistics as an
 * experiment's report; a comparison adds comparison.md|.tex|.csv|.html|.json.
 */
import { dirname, join } from "node:path";
import type { ResolvedConfig, StudyModel } from "../core/experiment/model";
import { writeReport, type ReportOptions } from "../core/report/index";
import { writeFileAtomic } from "../core/report/files";
import { renderComparison } from "../core/report/comparisonTable";
import { planExperiment } from "../core/runs/plan";
import { planResults } from "../core/runs/results";
import { RunStore } from "../core/runs/store";
import { aggregateResults } from "../core/stats/aggregate";
import { compareTables, studyResults } from "../core/stats/studyAcross";
import { pValue, signedPct } from "../core/stats/format";
import { validateResults } from "../core/stats/validate";
import type { RunResult } from "../core/stats/types";
import { loadConfig } from "../language/load";
import { UsageError } from "./args";
import { suggestion } from "./did-you-mean";

export async function studyReport(configFile: string, name: string, out: string, options: ReportOptions & { title?: string }): Promise<number> {
  const { config, warnings } = loadConfig(configFile);
  for (const w of warnings) console.error(`${w.file}:${w.line}: warning: ${w.message}`);
  const studies = config.studies ?? {};
  const study = studies[name];
  if (!study) throw new UsageError(`no study "${name}" in ${configFile}${suggestion(name, Object.keys(studies))}${Object.keys(studies).length ? ` (studies: ${Object.keys(studies).join(", ")})` : ""}`);
  const reader = new StudyResults(config);
  if (study.columns) {
    const results = await reader.table(study);
    const baseline = config.experiments[study.columns[0]!]?.baseline ?? "random";
    const { files, sections } = await writeReport({ results, title: options.title ?? study.title, baseline }, out, options);
    for (const s of sections) console.log(`${s.name}: ${s.table.strategies.length} strategies × ${s.table.models.length} models × eval sets ${s.table.evalSets.join(", ")}${s.table.missing.length ? `; ${s.table.missing.length} cells missing` : ""}`);
    console.log(`wrote ${files.length} files to ${out} (open ${out}/report.html)`);
    return 0;
  }
  const [firstName, secondName] = study.compare!;
  const first = studies[firstName]!;
  const second = studies[secondName]!;
  const [ra, rb] = [await reader.table(first), await reader.table(second)];
  const cellsOf = (r: RunResult[], s: StudyModel) => aggregateResults(validateResults(r, { file: `study ${s.name}` }));
  const comparison = compareTables({ name: first.name, cells: cellsOf(ra, first) }, { name: second.name, cells: cellsOf(rb, second) }, { alpha: study.alpha, ...(study.strategies ? { strategies: study.strategies } : {}) });
  const title = options.title ?? study.title;
  const baseline = config.experiments[first.columns![0]!]?.baseline ?? "random";
  const { files } = await writeReport({ results: [...ra, ...rb], title, baseline }, out, options);
  const exports = renderComparison(comparison, title);
  for (const [ext, text] of [["md", exports.markdown], ["tex", exports.latex], ["csv", exports.csv], ["html", exports.html], ["json", JSON.stringify(comparison, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 1)]] as const) {
    const file = join(out, `comparison.${ext}`);
    writeFileAtomic(file, text);
    files.push(file);
  }
  for (const r of comparison.rows) {
    console.log(`${r.strategy}: ${second.name} − ${first.name} ${signedPct(r.test.meanDifference)} pp over ${r.test.n} cells, p ${pValue(r.test.p)} — ${r.significant ? `significant at ${study.alpha}` : `no significant difference at ${study.alpha}`}`);
  }
  console.log(`wrote ${files.length} files to ${out} (open ${out}/comparison.html and ${out}/report.html)`);
  return 0;
}

/** Each column experiment's results from the run store beside the config (folds pooled), read once. */
class StudyResults {
  private readonly store: RunStore;
  private readonly cache = new Map<string, Promise<RunResult[]>>();
  constructor(private readonly config: ResolvedConfig) {
    this.store = new RunStore(dirname(config.file));
  }

  private experiment(name: string): Promise<RunResult[]> {
    let p = this.cache.get(name);
    if (!p) {
      p = planExperiment(this.config, name).then((plan) => {
        const { results, missing } = planResults(plan, this.store);
        if (missing) console.error(`note: ${missing} of ${plan.runs.length} runs of ${name} have no result yet; the study shows the others`);
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
    if (!results.length) throw new UsageError(`study ${study.name} has no results yet: run its experiments (${(study.columns ?? []).join(", ")}) first`);
    return results;
  }
}
