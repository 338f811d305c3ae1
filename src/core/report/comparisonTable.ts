/**
 * Two study tables compared per strategy (Yang et al. 2024, Fig. 2b: LLM- vs human-defined difficulty) as
 * Markdown, LaTeX, CSV and a small self-contained HTML page. Every difference carries its test; a row that
 * is not significant at α says "no significant difference", never "better".
 */
import { stringify } from "csv-stringify/sync";
import type { TableComparison } from "../stats/studyAcross";
import { pct, pValue, signedPct } from "../stats/format";
import { strategyLabel } from "../stats/order";
import { escapeHtml } from "./escape";

export interface ComparisonExports {
  markdown: string;
  latex: string;
  csv: string;
  html: string;
}

function verdict(c: TableComparison, i: number): string {
  const r = c.rows[i]!;
  if (!Number.isFinite(r.test.p)) return "not testable (fewer than 2 cells, or no variation)";
  return r.significant ? `${r.test.meanDifference > 0 ? c.second : c.first} higher, p < ${c.alpha}` : `no significant difference at ${c.alpha}`;
}

const esc = (s: string) => s.replace(/[\\|*_`[\]<>&#]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[ch] ?? `\\${ch}`).replace(/[\r\n]+/g, " ");
const latexEsc = (s: string) =>
  s.replace(/[\\{}$&#^_%~<>]/g, (ch) => ({ "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", $: "\\$", "&": "\\&", "#": "\\#", "^": "\\textasciicircum{}", _: "\\_", "%": "\\%", "~": "\\textasciitilde{}", "<": "\\textless{}", ">": "\\textgreater{}" })[ch]!);

export function renderComparison(c: TableComparison, title: string): ComparisonExports {
  const header = ["Strategy", `${c.first} (%)`, `${c.second} (%)`, `${c.second} − ${c.first} (pp)`, "95% CI (pp)", "t", "p", "cells", "verdict"];
  const rows = c.rows.map((r, i) => [
    strategyLabel(r.strategy),
    pct(r.meanFirst),
    pct(r.meanSecond),
    signedPct(r.test.meanDifference),
    `${signedPct(r.test.ci95[0])} … ${signedPct(r.test.ci95[1])}`,
    Number.isFinite(r.test.t) ? r.test.t.toFixed(2) : "—",
    pValue(r.test.p),
    String(r.test.n),
    verdict(c, i),
  ]);
  const note = `Paired t-test per strategy over ${c.pairedBy}; α = ${c.alpha}.${c.notCompared.length ? ` Not compared (missing in one table): ${c.notCompared.map(strategyLabel).join(", ")}.` : ""}`;
  const markdown = [`**${esc(title)}**`, "", `| ${header.map(esc).join(" | ")} |`, `|---|${header.slice(1).map(() => "---:").join("|")}|`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`), "", esc(note), ""].join("\n");
  const latex = [
    "\\begin{table}[t]",
    "\\centering",
    `\\caption{${latexEsc(title)}}`,
    `\\begin{tabular}{l${"r".repeat(7)}l}`,
    "\\hline",
    `${header.map(latexEsc).join(" & ")} \\\\`,
    "\\hline",
    ...rows.map((r) => `${r.map((x) => latexEsc(x).replace("—", "--").replace("−", "$-$").replace("…", "\\ldots{}")).join(" & ")} \\\\`),
    "\\hline",
    "\\end{tabular}",
    `{\\footnotesize ${latexEsc(note)}}`,
    "\\end{table}",
    "",
  ].join("\n");
  const csv = stringify([header, ...rows], { escape_formulas: true });
  const html = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    `<title>${escapeHtml(title)}</title>`,
    "<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.3rem .6rem;border-bottom:1px solid #ccc;text-align:right}td:first-child,th:first-child,td:last-child{text-align:left}</style>",
    "</head><body>",
    `<h1>${escapeHtml(title)}</h1>`,
    `<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>`,
    ...rows.map((r) => `<tr>${r.map((x) => `<td>${escapeHtml(x)}</td>`).join("")}</tr>`),
    "</tbody></table>",
    `<p>${escapeHtml(note)}</p>`,
    "</body></html>",
    "",
  ].join("\n");
  return { markdown, latex, csv, html };
}
