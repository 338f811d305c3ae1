/**
 * The self-contained HTML report: chart.js and the page script are inlined, every name from the data
 * is HTML-escaped, chart data travels as escaped JSON, and a Content-Security-Policy with a per-report
 * nonce forbids any other script, style, or network request (default-src 'none').
 */
import { randomBytes } from "node:crypto";
import type { StudyTable } from "../stats/studyTable";
import type { StudySummary } from "../stats/summary";
import type { GridComparison, SeedComparison } from "../stats/compare";
import { pct, pValue, roundHalfUp, signedPct } from "../stats/format";
import { strategyLabel } from "../stats/order";
import type { ChartSpec } from "./charts";
import { escapeHtml as h, jsonForScript } from "./escape";
import { reportScriptSource } from "./chartjs";
import type { ExperimentEvidence } from "../stats/evidence";
import type { RunDiagnostics } from "../stats/chance";
import type { CategoryAccuracy, QuestionGain } from "../stats/questionAnalysis";
import type { MinimalDetectableEffect } from "../stats/power";
import { assumptionsHtml, categoriesHtml, cellIntervalsHtml, claimHtml, diagnosticsHtml, powerHtml, questionTestsHtml, type CellInterval } from "./statsHtml";

export interface ExperimentSection {
  name: string;
  table: StudyTable;
  /** Absent when this experiment has no runs of the baseline (its table is still shown). */
  summary?: StudySummary;
  comparisons: SeedComparison[];
  grid: GridComparison[];
  charts: ChartSpec[];
  /** The claims and the test behind them (absent without baseline runs). */
  evidence?: ExperimentEvidence;
  intervals: CellInterval[];
  diagnostics: RunDiagnostics[];
  questionGains: QuestionGain[];
  categories: CategoryAccuracy[];
  power: { evalSet: string; mde: MinimalDetectableEffect }[];
  /** Several eval sets scored by one model's adapters. */
  sharedAdapter: boolean;
  resamples: number;
}

export interface ReportModel {
  title: string;
  baseline: string;
  generatedAt: string;
  runs: number;
  experiments: ExperimentSection[];
  /** Plain-text lines shown first, verbatim (e.g. the demo's per-question tests and per-category table). */
  preamble?: string[];
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.8rem; }
pre.preamble { background: #f6f8fa; padding: .8rem 1rem; overflow-x: auto; font-size: 12.5px; line-height: 1.35; }
table { border-collapse: collapse; margin: .6rem 0; } th, td { padding: .25rem .6rem; border-bottom: 1px solid #e3e3e3; text-align: right; }
th:first-child, td:first-child { text-align: left; } td.best { font-weight: 700; } .muted { color: #666; } .note { color: #8a5a00; }
th.group { text-align: center; border-bottom: 1px solid #999; } figure { margin: 1.2rem 0; } canvas { border: 1px solid #eee; background: #fff; } figcaption { color: #555; font-size: .9rem; }
`;

function studyTableHtml(t: StudyTable): string {
  const cols = [
    ...t.models.map((m, j) => ({ header: m, values: t.byModel.map((r) => r[j]!) })),
    ...t.evalSets.map((e, j) => ({ header: e, values: t.byEvalSet.map((r) => r[j]!) })),
    { header: "Mean", values: t.mean },
  ];
  const best = cols.map((c) => {
    const shown = c.values.map((v) => (Number.isFinite(v) ? roundHalfUp(v * 100, 2) : Number.NaN));
    const top = Math.max(...shown.filter(Number.isFinite));
    return shown.map((v) => v === top);
  });
  // Two header rows, as the study's Table 1: "Model" over the model columns, "Eval set" over the eval sets.
  const group = `<tr><th></th><th colspan="${t.models.length}" class="group">Model</th><th colspan="${t.evalSets.length}" class="group">Eval set</th><th></th></tr>`;
  const head = `${group}<tr><th>Strategy</th>${cols.map((c) => `<th>${h(c.header)}</th>`).join("")}</tr>`;
  const rows = t.strategies.map((s, i) => `<tr><td>${h(strategyLabel(s))}</td>${cols.map((c, j) => `<td${best[j]![i] ? ' class="best"' : ""}>${pct(c.values[i]!)}</td>`).join("")}</tr>`);
  const missing = t.missing.length ? `<p class="note">Missing cells (their averages are left blank): ${h(t.missing.join("; "))}</p>` : "";
  return `<table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>${missing}`;
}

/** The study's descriptive summaries (Yang et al. 2024, §3), worded as descriptions: the claims are in claimHtml. */
function summaryHtml(s: StudySummary): string {
  const gain = (g: { column: string; strategy: string; gain: number }) => `${h(g.column)}: ${h(strategyLabel(g.strategy))} ${signedPct(g.gain)}`;
  const others = s.meanGain.length;
  const items = [
    `Largest gain per model (a maximum over ${others} strategies, biased upwards): ${s.bestGainPerModel.map(gain).join("; ")} — average ${signedPct(s.averageBestGainPerModel)} pp`,
    `Largest gain per eval set (a maximum over ${others} strategies, biased upwards): ${s.bestGainPerEvalSet.map(gain).join("; ")} — average ${signedPct(s.averageBestGainPerEvalSet)} pp`,
    `Mean gain over ${h(strategyLabel(s.baseline))}: ${s.meanGain.map((g) => `${h(strategyLabel(g.strategy))} ${signedPct(g.gain)}`).join("; ")}`,
    `Highest per column (descriptive, not a claim): ${s.winners.map((w) => `${h(w.column)} — ${w.strategies.length > 1 ? `tie: ${w.strategies.map((x) => h(strategyLabel(x))).join(" = ")}` : h(strategyLabel(w.strategies[0]!))}`).join("; ")}`,
    `Above ${h(strategyLabel(s.baseline))} in every column (descriptive, untested): ${s.beatsBaselineEverywhere.length ? s.beatsBaselineEverywhere.map((x) => h(strategyLabel(x))).join(", ") : "none"}`,
  ];
  return `<ul class="muted">${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;
}

function gridHtml(grid: GridComparison[]): string {
  if (!grid.length) return "";
  const rows = grid.map((g) => `<tr><td>${h(strategyLabel(g.strategy))}</td><td>${signedPct(g.meanGain)}</td><td>${g.tTest.n}</td><td>${Number.isFinite(g.tTest.t) ? g.tTest.t.toFixed(3) : "—"}</td><td>${pValue(g.tTest.p)}</td><td>${pValue(g.holmP)}</td></tr>`);
  return `<h3>Across the grid (paired t over cell means — Syllabus's choice)</h3><p class="muted">Paired t-test on (model, eval set) cell means, each strategy against ${h(strategyLabel(grid[0]!.baseline))}; n = cells paired; Holm-adjusted over the strategies. The pairing is Syllabus's choice: the paper does not state what its test pairs. Cells of one model share its adapters and are not independent.</p>
<table><thead><tr><th>Strategy</th><th>mean gain (pp)</th><th>n cells</th><th>t</th><th>p</th><th>p (Holm)</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function seedTestsHtml(cmp: SeedComparison[]): string {
  if (!cmp.length) return "";
  const rows = cmp.map((c) => `<tr><td>${h(c.model)}</td><td>${h(c.evalSet)}</td><td>${h(strategyLabel(c.strategy))}</td><td>${signedPct(c.gain)}</td><td>${c.pairedSeeds.length}</td><td>${c.tTest ? pValue(c.tTest.p) : "—"}</td><td>${pValue(c.tHolmP)}</td><td>${c.wilcoxon ? `${pValue(c.wilcoxon.p)} <span class="muted">(${h(c.wilcoxon.method)})</span>` : "—"}</td><td>${pValue(c.wilcoxonHolmP)}</td><td class="note">${h(c.note ?? "")}</td></tr>`);
  // The exact Wilcoxon test's smallest two-sided p is 2/2^n: 0.0625 with 5 pairs. Say so, or a reader
  // takes "never significant" for "no effect".
  const smallest = Math.min(...cmp.map((c) => c.pairedSeeds.length).filter((n) => n >= 2));
  const floor = Number.isFinite(smallest) && smallest <= 5 ? ` With ${smallest} pairs the Wilcoxon test cannot give p below ${(2 / 2 ** smallest).toFixed(4)}.` : "";
  return `<h3>Per cell, paired by seed</h3><p class="muted">Each strategy against ${h(strategyLabel(cmp[0]!.baseline))} on the same seeds; n = seeds paired; Holm-adjusted over the strategies of each cell.${floor}</p>
<table><thead><tr><th>Model</th><th>Eval set</th><th>Strategy</th><th>gain (pp)</th><th>n seeds</th><th>paired t p</th><th>Holm</th><th>Wilcoxon p</th><th>Holm</th><th></th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

export function buildReportHtml(model: ReportModel, nonce = randomBytes(18).toString("base64")): string {
  const charts = model.experiments.flatMap((e) => e.charts);
  const sections = model.experiments.map((e) => {
    const figures = e.charts.map((c) => `<figure><canvas id="chart-${h(c.id)}" data-chart-id="${h(c.id)}" width="960" height="440" role="img" aria-label="${h(c.title)}"></canvas><figcaption>${h(c.title)}</figcaption></figure>`);
    return `<section><h2>${h(e.name)}</h2>
<h3>Accuracy (%) by strategy</h3>${studyTableHtml(e.table)}
<h3>Summary</h3>${e.evidence ? claimHtml(e.evidence) : ""}${e.summary ? summaryHtml(e.summary) : `<p class="note">No ${h(strategyLabel(model.baseline))} runs in this experiment: no gains or tests.</p>`}
${assumptionsHtml(e.sharedAdapter, Math.max(0, e.table.strategies.length - 1))}
${powerHtml(e.power)}
${cellIntervalsHtml(e.intervals)}
${diagnosticsHtml(e.diagnostics)}
${figures.join("\n")}
${questionTestsHtml(e.questionGains, e.resamples)}
${gridHtml(e.grid)}
${seedTestsHtml(e.comparisons)}
${categoriesHtml(e.categories)}</section>`;
  });
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(model.title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head><body>
<h1>${h(model.title)}</h1>
<p class="muted">${model.runs} runs · baseline ${h(strategyLabel(model.baseline))} · accuracies in % (mean over seeds) · generated ${h(model.generatedAt)} by Syllabus</p>
${model.preamble?.length ? `<pre class="preamble">${h(model.preamble.join("\n"))}</pre>` : ""}
${sections.join("\n")}
<script type="application/json" id="syllabus-charts">${jsonForScript(charts)}</script>
<script nonce="${nonce}">${reportScriptSource().replace(/<\/script/gi, "<\\/script")}</script>
</body></html>
`;
}
