/**
 * The report's honest-statistics sections, as HTML: the claim and its test, what is assumed, accuracy
 * per cell with labelled intervals and n, runs flagged at chance or degenerate, the per-question paired
 * tests (bootstrap over seeds and questions + exact McNemar per seed, Holm-adjusted), per-category
 * accuracy, and the minimal detectable gain. Every name is escaped.
 */
import type { ExperimentEvidence } from "../stats/evidence";
import type { RunDiagnostics } from "../stats/chance";
import type { CategoryAccuracy, QuestionGain } from "../stats/questionAnalysis";
import type { AccuracyInterval } from "../stats/interval";
import { intervalLabel } from "../stats/interval";
import { mdeLabel, type MinimalDetectableEffect } from "../stats/power";
import { pct, pValue, signedPct } from "../stats/format";
import { strategyLabel } from "../stats/order";
import { escapeHtml as h } from "./escape";

export interface CellInterval {
  model: string;
  evalSet: string;
  strategy: string;
  interval: AccuracyInterval;
}

export function claimHtml(e: ExperimentEvidence): string {
  const cls = e.claim.kind === "best" || e.claim.kind === "beats" ? "" : " class=\"note\"";
  const every = e.beatsEverywhere.length
    ? e.beatsEverywhere.map((b) => `${h(strategyLabel(b.strategy))} (significant in all ${b.cells} cell${b.cells === 1 ? "" : "s"})`).join(", ")
    : `none — no strategy is significantly above ${h(strategyLabel(e.baseline))} in every (model, eval set) cell`;
  return `<p${cls}><strong>Claim:</strong> ${h(e.claim.text)}</p>
<p class="muted">Test behind the claims: ${h(e.source)}; a claim needs a Holm-adjusted p &lt; 0.05, otherwise it reads "no significant difference".</p>
<ul>${e.gainClaims.map((c) => `<li>${h(c.text)}</li>`).join("")}</ul>
<p>Beats ${h(strategyLabel(e.baseline))} in every cell (each cell's own test, Holm-adjusted): ${every}</p>`;
}

export function assumptionsHtml(sharedAdapter: boolean, bestOf: number): string {
  return `<h3>What this report assumes</h3><ul class="muted">
<li>The test across the grid — a paired t over (model, eval set) cell means — is Syllabus's choice: Yang et al. 2024 do not state what their test pairs.</li>
<li>Eval sets scored by the same model share its trained adapters: their cells are not independent${sharedAdapter ? " (here several eval sets share a model)" : ""}. The bootstrap over an experiment draws one set of seeds for all eval sets of a model for that reason.</li>
<li>"Best gain" figures take the maximum over ${bestOf} non-baseline strategies: a selected maximum is biased upwards, even when no strategy differs from the baseline.</li>
<li>"Highest" in a column is descriptive; only the claims above, with their tests, say that a strategy is better.</li>
</ul>`;
}

export function cellIntervalsHtml(rows: readonly CellInterval[]): string {
  if (!rows.length) return "";
  const body = rows.map((r) => `<tr><td>${h(r.model)}</td><td>${h(r.evalSet)}</td><td>${h(strategyLabel(r.strategy))}</td><td>${h(intervalLabel(r.interval))}</td></tr>`).join("");
  return `<h3>Accuracy per cell, with its interval and n</h3><p class="muted">Mean over seeds; 95% interval by the named method (bootstrap over seeds and questions where predictions exist, else a t interval over seeds clipped to [0, 100]); n = seeds × questions.</p>
<table><thead><tr><th>Model</th><th>Eval set</th><th>Strategy</th><th>accuracy (95% CI, method; n)</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function diagnosticsHtml(diags: readonly RunDiagnostics[]): string {
  if (!diags.length) return "";
  const flagged = diags.filter((d) => d.flags.length);
  const chance = [...new Set(diags.map((d) => `${d.evalSet} ${pct(d.chance.chance, 1)}%`))].join(", ");
  const head = `<h3>Runs against chance</h3><p class="muted">Chance level from each eval set's option counts: ${h(chance)}. A run is flagged when an exact binomial test cannot tell it from chance (p ≥ 0.05), or when one letter is ≥ 90% of its answers.</p>`;
  if (!flagged.length) return `${head}<p>No run is flagged: all ${diags.length} runs differ from chance and spread their answers.</p>`;
  const letters = (r: Record<string, number>) => Object.entries(r).map(([l, c]) => `${l} ${c}`).join(", ");
  const body = flagged.map((d) => `<tr><td>${h(d.model)}</td><td>${h(d.evalSet)}</td><td>${h(strategyLabel(d.strategy))}</td><td>${d.seed}</td><td>${pct(d.chance.accuracy, 1)}</td><td>${pValue(d.chance.p)}</td><td>${h(letters(d.letters.predicted))}</td><td>${h(letters(d.letters.gold))}</td><td class="note">${d.flags.map(h).join("<br>")}</td></tr>`).join("");
  return `${head}<p class="note">${flagged.length} of ${diags.length} runs flagged.</p>
<table><thead><tr><th>Model</th><th>Eval set</th><th>Strategy</th><th>seed</th><th>acc. %</th><th>p vs chance</th><th>answers</th><th>gold</th><th>flag</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function questionTestsHtml(gains: readonly QuestionGain[], resamples: number): string {
  if (!gains.length) return "";
  const body = gains.map((g) => {
    const b = g.bootstrap;
    const ci = Number.isFinite(b.ci95[0]) ? `${signedPct(b.ci95[0])} to ${signedPct(b.ci95[1])}` : "—";
    const mc = g.mcnemar.map((m) => `seed ${m.seed}: ${m.onlyA}/${m.onlyB}, p = ${pValue(m.p)} (Holm ${pValue(m.holmP)})`).join("<br>");
    return `<tr><td>${h(g.model)}</td><td>${h(g.evalSet)}</td><td>${h(strategyLabel(g.strategy))}</td><td>${signedPct(b.gain)}</td><td>${ci}</td><td>${b.seeds.length}×${b.questions}</td><td>${pValue(b.p)}</td><td>${pValue(b.holmP)}</td><td>${mc}</td><td class="note">${h(g.note ?? "")}</td></tr>`;
  }).join("");
  return `<h3>Per question, paired by seed and question</h3><p class="muted">Each strategy against ${h(strategyLabel(gains[0]!.baseline))}: the two runs of the same seed answer the same questions. Gain CI and p: paired bootstrap over seeds and questions (${resamples.toLocaleString("en-US")} resamples, percentile CI, p = 2·(min(#≤0, #≥0) + 1)/(R + 1)), Holm over the strategies of the cell. McNemar: exact test per seed on the discordant questions (baseline-only right / strategy-only right), Holm over the strategies of that seed.</p>
<table><thead><tr><th>Model</th><th>Eval set</th><th>Strategy</th><th>gain (pp)</th><th>95% CI (pp)</th><th>n (seeds×q)</th><th>bootstrap p</th><th>Holm</th><th>McNemar per seed</th><th></th></tr></thead><tbody>${body}</tbody></table>`;
}

export function categoriesHtml(rows: readonly CategoryAccuracy[]): string {
  if (!rows.length) return "";
  const body = rows.map((r) => `<tr><td>${h(r.model)}</td><td>${h(r.evalSet)}</td><td>${h(r.category)}</td><td>${h(strategyLabel(r.strategy))}</td><td>${h(intervalLabel(r.interval))}</td></tr>`).join("");
  return `<h3>Accuracy per category</h3><p class="muted">Bootstrap over seeds and the category's questions; n = seeds × questions of the category.</p>
<table><thead><tr><th>Model</th><th>Eval set</th><th>Category</th><th>Strategy</th><th>accuracy (95% CI; n)</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function powerHtml(rows: readonly { evalSet: string; mde: MinimalDetectableEffect }[]): string {
  if (!rows.length) return "";
  return `<h3>Power</h3><ul>${rows.map((r) => `<li>${h(r.evalSet)}: ${h(mdeLabel(r.mde))}</li>`).join("")}</ul>
<p class="muted">Normal approximation for paired proportions: MDE = (z<sub>0.975</sub> + z<sub>0.80</sub>)·√(ψ/m), ψ = share of discordant answers, m = k·N (seeds independent) or N (seeds adding nothing). See docs/statistics.md.</p>`;
}
