/**
 * Power in the editor, before any GPU hour: hovering `seeds` or `evaluate` of an experiment shows the
 * smallest gain over the baseline its eval sets and seeds can detect (src/core/stats/power.ts: 5% two-sided,
 * 80% power, normal approximation for paired proportions, discordance assumed until predictions exist).
 *
 * Question counts are read synchronously from each eval set's `test` file, as hovers must answer at once:
 * non-empty lines (JSONL formats; a CSV's header line is not counted). A CSV with line breaks inside quoted
 * fields is over-counted; the hover says the count comes from lines.
 */
import { readFileSync, statSync } from "node:fs";
import type { ResolvedConfig } from "../core/experiment/model";
import { mdeLabel, minimalDetectableEffect } from "../core/stats/power";

/** Files over this size are not read for a hover (a 1 GB dump would freeze the editor). */
const MAX_BYTES = 64 * 1024 * 1024;

const cache = new Map<string, { mtimeMs: number; size: number; count: number }>();

export function countQuestionLines(file: string, csv: boolean): number | undefined {
  try {
    const st = statSync(file);
    if (st.size > MAX_BYTES) return undefined;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.count;
    let lines = 0;
    for (const line of readFileSync(file, "utf8").split("\n")) if (line.trim()) lines++;
    const count = Math.max(0, csv ? lines - 1 : lines);
    cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, count });
    return count;
  } catch {
    return undefined;
  }
}

export function powerMarkdown(config: ResolvedConfig, experiment: string): string | undefined {
  const exp = config.experiments[experiment];
  if (!exp) return undefined;
  const seeds = exp.seeds.length;
  const lines = exp.evaluate.map((name) => {
    const ds = config.datasets[name];
    const n = ds?.test ? countQuestionLines(ds.test, ds.format === "csv") : undefined;
    if (!n) return `- ${name}: question count unknown (no readable \`test\` file)`;
    return `- ${name}: ${mdeLabel(minimalDetectableEffect({ questions: n, seeds }))}`;
  });
  return [
    `**Power of \`${experiment}\`** — smallest gain over \`${exp.baseline}\` detectable per eval set (questions counted from the file's lines):`,
    "",
    ...lines,
    "",
    "MDE = (z₀.₉₇₅ + z₀.₈₀)·√(ψ/m): ψ = share of questions two strategies answer differently (assumed 20% until predictions exist), m = seeds × questions (optimistic) or questions (conservative). Gains below it are likely to read \"no significant difference\".",
  ].join("\n");
}
