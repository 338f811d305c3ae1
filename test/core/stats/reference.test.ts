// Syllabus's statistics against scipy, computed NOW by test/fixtures/stats_reference.py in the venv.
// Statistics, means, exact Wilcoxon/McNemar and Holm must agree to 1e-9 or better; t p-values and
// quantiles to 1e-12 relative; p-values through jStat's normal CDF (Wilcoxon's normal approximation)
// to 1e-8 relative in the far tail (see distributions.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededRandom } from "../../../src/core/stats/rng";
import {
  pairedTTest, wilcoxonSignedRank, tQuantile, tTwoSidedP, binomialTwoSidedHalf, holmAdjust,
  pairedBootstrapCI, mean, sampleSd, meanCi95,
} from "../../../src/core/stats/index";

const root = join(__dirname, "../../..");
const python = join(root, ".venv/bin/python");
const data = JSON.parse(readFileSync(join(root, "test/fixtures/stats_reference_data.json"), "utf8"));

/**
 * 300 generated paired samples (seeded): 2–60 pairs, accuracies on a coarse grid (ties and zero
 * differences, so every Wilcoxon branch) or on the 1/1273 grid of MedQA (few ties).
 */
function generatedCases(): { a: number[]; b: number[] }[] {
  const random = seededRandom(2024);
  return Array.from({ length: 300 }, (_, k) => {
    const n = 2 + Math.floor(random() * 59);
    const grid = k % 2 === 0 ? 100 : 1273;
    const base = 0.2 + random() * 0.4;
    const a = Array.from({ length: n }, () => Math.round((base + (random() - 0.5) * 0.06) * grid) / grid);
    const shift = (random() - 0.5) * 0.03;
    const b = a.map((x) => Math.round((x + shift + (random() - 0.5) * 0.04) * grid) / grid);
    return { a, b };
  });
}
const generated = generatedCases();

function reference(): any {
  const file = join(mkdtempSync(join(tmpdir(), "syllabus-stats-ref-")), "cases.json");
  writeFileSync(file, JSON.stringify(generated));
  const text = execFileSync(python, [join(root, "test/fixtures/stats_reference.py"), file], { encoding: "utf8" });
  return JSON.parse(text, (_k, v) => (v === "NaN" ? NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v));
}

function close(actual: number, expected: number, rel: number, what: string) {
  if (Number.isNaN(expected)) return assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
  if (!Number.isFinite(expected)) return assert.equal(actual, expected, what);
  const err = Math.abs(actual - expected);
  assert.ok(err <= rel * Math.max(1, Math.abs(expected)) || err <= rel * Math.abs(expected) * 1 + 1e-15,
    `${what}: ${actual} vs scipy ${expected} (|Δ| = ${err})`);
}
/** Relative tolerance for small numbers too (p-values of 1e-7 must match in their own digits). */
function closeRel(actual: number, expected: number, rel: number, what: string) {
  if (Number.isNaN(expected)) return assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
  const err = Math.abs(actual - expected);
  assert.ok(err <= rel * Math.abs(expected) + 1e-300, `${what}: ${actual} vs scipy ${expected} (relative error ${err / Math.abs(expected)})`);
}

// Without the venv the comparisons are skipped locally; in CI (CI=true) they run and fail loudly.
const haveVenv = existsSync(python) || process.env.CI === "true";
let cached: any;
const ref = new Proxy({}, { get: (_t, k) => (cached ??= reference())[k] }) as any;

test("the scipy reference script runs in the venv", { skip: haveVenv ? false : "no .venv (npm run setup:python)" }, () => {
  assert.match(ref.scipy, /^\d+\.\d+/);
  assert.equal(ref.paired.length, data.paired.length);
});

test("paired t-test = scipy.stats.ttest_rel (statistic, df, p, CI of the mean difference)", { skip: !haveVenv }, () => {
  data.paired.forEach((c: any, i: number) => {
    const r = ref.paired[i];
    const mine = pairedTTest(c.a, c.b, c.name);
    assert.equal(mine.n, c.a.length);
    assert.equal(mine.df, r.df);
    close(mine.t, r.t, 1e-9, `${c.name} t`);
    close(mine.meanDifference, r.meanDifference, 1e-12, `${c.name} mean difference`);
    close(mine.sdDifference, r.sdDifference, 1e-12, `${c.name} sd difference`);
    closeRel(mine.p, r.tP, 1e-12, `${c.name} p`);
    close(mine.ci95[0], r.ci95[0], 1e-9, `${c.name} CI low`);
    close(mine.ci95[1], r.ci95[1], 1e-9, `${c.name} CI high`);
  });
});

test("Wilcoxon signed-rank = scipy.stats.wilcoxon defaults (exact, permutation and normal branches)", { skip: !haveVenv }, () => {
  const methods = new Set<string>();
  data.paired.forEach((c: any, i: number) => {
    const r = ref.paired[i];
    const mine = wilcoxonSignedRank(c.b, c.a, c.name);
    methods.add(mine.method);
    assert.equal(mine.statistic, r.wStatistic, `${c.name} statistic`);
    closeRel(mine.p, r.wP, 1e-9, `${c.name} p (${mine.method})`);
  });
  // The fixture exercises every branch scipy's method="auto" can take.
  assert.deepEqual([...methods].sort(), ["exact", "exact permutation", "normal approximation"]);
});

test("t quantiles and two-sided t p-values = scipy.stats.t", { skip: !haveVenv }, () => {
  for (const { df, q } of ref.tQuantile) closeRel(tQuantile(0.975, df), q, 1e-12, `t.ppf(0.975, ${df})`);
  for (const { t, df, p } of ref.tTwoSidedP) closeRel(tTwoSidedP(t, df), p, 1e-12, `2·t.sf(|${t}|, ${df})`);
});

test("McNemar exact p = scipy.stats.binomtest(k, n, 0.5)", { skip: !haveVenv }, () => {
  for (const { k, n, p } of ref.mcnemar) closeRel(binomialTwoSidedHalf(k, n), p, 1e-9, `binomtest(${k}, ${n})`);
});

test("Holm adjustment = the step-down definition", { skip: !haveVenv }, () => {
  data.holm.forEach((ps: number[], i: number) => holmAdjust(ps).forEach((p, j) => close(p, ref.holm[i][j], 1e-12, `holm ${i}/${j}`)));
});

test("cell mean, sd and t-based 95% CI = numpy / scipy.stats.t.interval", { skip: !haveVenv }, () => {
  data.cells.forEach((xs: number[], i: number) => {
    const r = ref.cells[i];
    close(mean(xs), r.mean, 1e-12, "mean");
    close(sampleSd(xs), r.sd, 1e-12, "sd");
    const [lo, hi] = meanCi95(xs);
    close(lo, r.ci95[0], 1e-9, "CI low");
    close(hi, r.ci95[1], 1e-9, "CI high");
  });
});

test("paired bootstrap CI agrees with scipy.stats.bootstrap (percentile) to Monte-Carlo error", { skip: !haveVenv }, () => {
  const b = data.bootstrap;
  const outcomes = { ids: b.correctA.map((_: number, i: number) => String(i)), correctA: Uint8Array.from(b.correctA), correctB: Uint8Array.from(b.correctB) };
  const mine = pairedBootstrapCI(outcomes, "500 questions", { resamples: b.resamples, seed: 3 });
  close(mine.difference, ref.bootstrap.difference, 1e-12, "difference");
  // Different RNGs: the percentiles of two 10,000-resample bootstraps differ by Monte-Carlo noise only.
  assert.ok(Math.abs(mine.ci95[0] - ref.bootstrap.ci95[0]) <= 0.006, `low ${mine.ci95[0]} vs ${ref.bootstrap.ci95[0]}`);
  assert.ok(Math.abs(mine.ci95[1] - ref.bootstrap.ci95[1]) <= 0.006, `high ${mine.ci95[1]} vs ${ref.bootstrap.ci95[1]}`);
});

test("300 generated paired samples: paired t and Wilcoxon (every branch) = scipy", { skip: !haveVenv }, () => {
  const methods: Record<string, number> = {};
  generated.forEach((c, i) => {
    const r = ref.extra[i];
    const t = pairedTTest(c.a, c.b, "");
    if (Number.isFinite(r.t)) close(t.t, r.t, 1e-9, `case ${i} t`);
    else assert.ok(Object.is(t.t, r.t) || (Number.isNaN(t.t) && Number.isNaN(r.t)), `case ${i} t ${t.t} vs ${r.t}`);
    closeRel(t.p, r.tP, 1e-12, `case ${i} t p`);
    const w = wilcoxonSignedRank(c.b, c.a, "");
    methods[w.method] = (methods[w.method] ?? 0) + 1;
    assert.equal(w.statistic, r.wStatistic, `case ${i} W`);
    // Exact branches are pure arithmetic; the normal branch goes through jStat's normal CDF (~1e-9 in the far tail).
    closeRel(w.p, r.wP, w.method === "normal approximation" ? 1e-8 : 1e-9, `case ${i} Wilcoxon p (${w.method}, n = ${c.a.length})`);
  });
  for (const m of ["exact", "exact permutation", "normal approximation"]) assert.ok((methods[m] ?? 0) >= 10, `${m}: ${methods[m] ?? 0} cases`);
});
