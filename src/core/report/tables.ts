/**
 * The study's table layout — strategies × (models, eval sets, Mean), accuracies in %, best of each
 * column in bold — as Markdown, LaTeX and CSV.
 *
 * CSV is written with csv-stringify (the csv project, the same family as the csv-parse we read with):
 * quoting of commas, quotes and newlines in names is where hand-written CSV goes wrong, and its
 * `escape_formulas` neutralises names starting with = + - @ that a spreadsheet would execute.
 */
import { stringify } from "csv-stringify/sync";
import type { StudyTable } from "../stats/studyTable";
import { pct, roundHalfUp } from "../stats/format";
import { strategyLabel } from "../stats/order";

export interface TableExports {
  markdown: string;
  latex: string;
  csv: string;
}

interface Column {
  header: string;
  values: number[];
}

function columns(t: StudyTable): Column[] {
  return [
    ...t.models.map((m, j) => ({ header: m, values: t.byModel.map((r) => r[j]!) })),
    ...t.evalSets.map((e, j) => ({ header: e, values: t.byEvalSet.map((r) => r[j]!) })),
    { header: "Mean", values: t.mean },
  ];
}

/** Which rows are best in a column, judged on the DISPLAYED (rounded) value so equal-looking numbers are both bold. */
function bestRows(values: number[], digits: number): Set<number> {
  const shown = values.map((v) => (Number.isFinite(v) ? roundHalfUp(v * 100, digits) : Number.NaN));
  const top = Math.max(...shown.filter(Number.isFinite));
  return new Set(shown.flatMap((v, i) => (v === top ? [i] : [])));
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\|*_`[\]<>&#]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c] ?? `\\${c}`).replace(/[\r\n]+/g, " ");
}

function escapeLatex(s: string): string {
  const map: Record<string, string> = {
    "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", $: "\\$", "&": "\\&", "#": "\\#", "^": "\\textasciicircum{}",
    _: "\\_", "%": "\\%", "~": "\\textasciitilde{}", "<": "\\textless{}", ">": "\\textgreater{}",
  };
  return s.replace(/[\\{}$&#^_%~<>]/g, (c) => map[c]!).replace(/[\r\n]+/g, " ");
}

export function renderTable(t: StudyTable, options: { digits?: number; caption?: string } = {}): TableExports {
  const digits = options.digits ?? 2;
  const cols = columns(t);
  const best = cols.map((c) => bestRows(c.values, digits));
  const label = (s: string) => strategyLabel(s);
  const caption = options.caption ?? `${t.experiment}: accuracy (%) by strategy; best of each column in bold`;
  const notes = t.missing.length ? [`Missing cells (their averages are left blank): ${t.missing.join("; ")}.`] : [];

  const mdHeader = `| Strategy | ${cols.map((c) => escapeMarkdown(c.header)).join(" | ")} |`;
  const mdRule = `|---|${cols.map(() => "---:").join("|")}|`;
  const mdRows = t.strategies.map((s, i) => `| ${escapeMarkdown(label(s))} | ${cols.map((c, j) => (best[j]!.has(i) ? `**${pct(c.values[i]!, digits)}**` : pct(c.values[i]!, digits))).join(" | ")} |`);
  const markdown = [`**${escapeMarkdown(caption)}**`, "", mdHeader, mdRule, ...mdRows, ...notes.map((n) => `\n${escapeMarkdown(n)}`), ""].join("\n");

  const nm = t.models.length;
  const ne = t.evalSets.length;
  const latex = [
    "\\begin{table}[t]",
    "\\centering",
    `\\caption{${escapeLatex(caption)}}`,
    `\\begin{tabular}{l${"r".repeat(nm)}|${"r".repeat(ne)}|r}`,
    "\\hline",
    ` & \\multicolumn{${nm}}{c|}{Model} & \\multicolumn{${ne}}{c|}{Eval set} & \\\\`,
    `Strategy & ${cols.map((c) => escapeLatex(c.header)).join(" & ")} \\\\`,
    "\\hline",
    ...t.strategies.map((s, i) => `${escapeLatex(label(s))} & ${cols.map((c, j) => (best[j]!.has(i) ? `\\textbf{${pct(c.values[i]!, digits)}}` : pct(c.values[i]!, digits)).replace("—", "--")).join(" & ")} \\\\`),
    "\\hline",
    "\\end{tabular}",
    ...notes.map((n) => `{\\footnotesize ${escapeLatex(n)}}`),
    "\\end{table}",
    "",
  ].join("\n");

  const csv = stringify(
    [["strategy", ...cols.map((c) => c.header)], ...t.strategies.map((s, i) => [s, ...cols.map((c) => (Number.isFinite(c.values[i]!) ? pct(c.values[i]!, digits) : ""))])],
    { escape_formulas: true },
  );
  return { markdown, latex, csv };
}
