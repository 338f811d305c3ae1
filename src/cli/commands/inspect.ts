/**
 * `syllabus inspect`: what a questions file holds before ordering it — counts, option counts,
 * categories, the difficulty distribution, easy/medium/hard counts at the thresholds, and suggested
 * thresholds (tertiles). `--json` for scripts.
 */
import { summarizeDataset, type DatasetSummary } from "../../core/difficulty";
import { STUDY_THRESHOLDS } from "../../core/ordering";
import { describeProblems, describeSplit, lopsidedBuckets, thresholdsForSplit, tieSummary, type SuggestedSplit, type TieSummary } from "../../core/ordering/buckets";
import { isQuestion, optionLetters } from "../../core/questions";
import type { Command } from "../command";
import { UsageError, numberArg, parseCommandArgs } from "../args";
import { INPUT_OPTIONS, INPUT_USAGE, loadInput, type LoadedInput } from "../input";

const OPTIONS = {
  ...INPUT_OPTIONS,
  easy: { type: "string" },
  medium: { type: "string" },
  bins: { type: "string" },
  split: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const usage = `usage: syllabus inspect --input FILE [options]

Counts, categories, the difficulty histogram and suggested curriculum thresholds of a questions file.

${INPUT_USAGE}

summary:
  --easy X --medium Y       thresholds to count easy/medium/hard at (default ${STUDY_THRESHOLDS.easy} / ${STUDY_THRESHOLDS.medium})
  --split E,M,H             target shares of easy/medium/hard to suggest thresholds for (default thirds;
                            fractions or percentages, e.g. 30,40,30)
  --bins N                  histogram bins (default 10)
  --json                    print the summary as JSON`;

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(3));
const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;

const pctShare = (x: number) => `${Math.round(100 * x)}%`;

function render(input: LoadedInput, s: DatasetSummary, optionCounts: Map<number, number>, suggested: SuggestedSplit | undefined, ties: TieSummary): string {
  const out: string[] = [`${input.file} (${input.format})`];
  if (input.copBase) {
    const how = "given" in input.copBase ? "given" : `detected: cop ${input.copBase.evidence.cop} on line ${input.copBase.evidence.line}`;
    out.push(`cop base: ${input.copBase.base} (${how})`);
  }
  const opts = [...optionCounts].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${n} with ${k}`).join(", ");
  out.push(`questions: ${s.count}${opts ? ` (options: ${opts})` : " (label table: no question text)"}`);
  out.push(`categories: ${s.categories.length}${s.withoutCategory ? ` (${s.withoutCategory} questions without one)` : ""}`);
  const width = Math.max(0, ...s.categories.map((c) => c.name.length));
  for (const c of s.categories) out.push(`  ${c.name.padEnd(width)}  ${String(c.count).padStart(6)}  ${pct(c.count, s.count).padStart(6)}`);
  const d = s.difficulty;
  if (!d) {
    out.push("difficulty: none (give a difficulty source to see its distribution)");
    return out.join("\n");
  }
  out.push(`difficulty${input.difficultySource ? ` (${input.difficultySource})` : ""}: ${d.count} values${d.missing ? `, ${d.missing} missing` : ""}`);
  out.push(`  min ${fmt(d.min)}  mean ${fmt(d.mean)}  median ${fmt(d.median)}  max ${fmt(d.max)}`);
  const top = Math.max(1, ...d.histogram.map((b) => b.count));
  const labels = d.histogram.map((b, i) => `[${b.from.toFixed(2)}, ${b.to.toFixed(2)}${i === d.histogram.length - 1 ? "]" : ")"}`);
  const labelWidth = Math.max(...labels.map((l) => l.length));
  d.histogram.forEach((b, i) => out.push(`  ${labels[i]!.padEnd(labelWidth)}  ${String(b.count).padStart(6)}  ${"█".repeat(Math.round((40 * b.count) / top))}`));
  const t = d.thresholds;
  out.push(`levels at easy ≤ ${t.easy} < medium ≤ ${t.medium} < hard: easy ${d.levels.easy} (${pct(d.levels.easy, d.count)}), medium ${d.levels.medium} (${pct(d.levels.medium, d.count)}), hard ${d.levels.hard} (${pct(d.levels.hard, d.count)})`);
  const problems = lopsidedBuckets({ ...d.levels, total: d.count, missing: d.missing });
  if (problems.length) out.push(`  lopsided: ${describeProblems(problems)} (rule: a bucket under a tenth or over two thirds, or empty)`);
  if (suggested) {
    const target = suggested.target.map(pctShare).join(" / ");
    // Thresholds are printed exactly (shortest round-trip form): a rounded one could move a question across.
    out.push(`suggested thresholds for ${target}: --easy ${suggested.thresholds.easy} --medium ${suggested.thresholds.medium} → ${describeSplit(suggested.split)}`);
  }
  out.push(
    `ties: ${ties.tiedQuestions} of ${ties.count} difficulties equal another's (${ties.distinct} distinct values` +
      (ties.largest ? `; most common ${ties.largest.value} × ${ties.largest.count})` : ")") +
      (ties.tiedQuestions ? "; a strict curriculum orders tied questions by input order (docs/ordering.md)" : ""),
  );
  return out.join("\n");
}

/** `--split 30,40,30` or `0.3,0.4,0.3` → shares; thirds when absent. */
function splitArg(raw: string | undefined): [number, number, number] {
  if (raw === undefined) return [1 / 3, 1 / 3, 1 / 3];
  const parts = raw.split(",").map((x) => Number(x.trim()));
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x) || x < 0) || parts.every((x) => x === 0))
    throw new UsageError(`--split ${raw}: give three non-negative shares for easy,medium,hard, e.g. --split 30,40,30`);
  return parts as [number, number, number];
}

async function run(argv: string[]): Promise<number> {
  const v = parseCommandArgs(argv, OPTIONS);
  if (v.help) {
    console.log(usage);
    return 0;
  }
  const easy = numberArg("easy", v.easy) ?? STUDY_THRESHOLDS.easy;
  const medium = numberArg("medium", v.medium) ?? STUDY_THRESHOLDS.medium;
  if (easy > medium) throw new UsageError(`--easy ${easy} is above --medium ${medium}; easy ≤ medium`);
  const bins = numberArg("bins", v.bins, { integer: true, min: 1, max: 1000 }) ?? 10;
  const input = await loadInput(v);
  const summary = summarizeDataset(input.items, { easy, medium }, bins);
  const difficulties = input.items.map((it) => it.difficulty);
  const suggested = thresholdsForSplit(difficulties, splitArg(v.split as string | undefined));
  const ties = tieSummary(difficulties);
  const optionCounts = new Map<number, number>();
  for (const it of input.items) {
    if (!isQuestion(it)) continue;
    const k = optionLetters(it).length;
    optionCounts.set(k, (optionCounts.get(k) ?? 0) + 1);
  }
  if (v.json) {
    const options = Object.fromEntries([...optionCounts].map(([k, n]) => [String(k), n]));
    const extra = summary.difficulty ? { suggestedSplit: suggested, ties } : {};
    console.log(JSON.stringify({ file: input.file, format: input.format, copBase: input.copBase?.base, difficultySource: input.difficultySource, options, ...summary, ...extra }, null, 2));
  } else {
    console.log(render(input, summary, optionCounts, suggested, ties));
  }
  return 0;
}

export const inspectCommand: Command = {
  name: "inspect",
  summary: "counts, categories, difficulty histogram and suggested thresholds of a questions file",
  usage,
  run,
};
