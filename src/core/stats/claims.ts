/**
 * Claims in words — "best", "beats the baseline", "winner" — only where a test supports them; otherwise
 * "no significant difference (p = …)". Every view (CLI summary, report, CodeLens, hovers, inlay hints,
 * panels) words its claims through these functions, so a four-way tie reads the same everywhere.
 *
 * A claim is made at level α = 0.05 on the ADJUSTED p of its family (Holm over the strategies compared
 * with the baseline). "best: X" needs two tests: X above the baseline, and X above the runner-up (the
 * strategy with the next-highest mean). Without the second, X is only said to beat the baseline.
 */
import { pct, pValue, signedPct } from "./format";
import { strategyLabel } from "./order";

export const ALPHA = 0.05;

/** One strategy-vs-baseline gain with its test, as any test module reports it. */
export interface TestedGain {
  strategy: string;
  baseline: string;
  /** strategy − baseline, fraction. */
  gain: number;
  /** Adjusted (Holm) p when the test belongs to a family, else the raw p. NaN: untestable. */
  p: number;
  /** The test in words, including what is paired and the adjustment ("paired bootstrap over seeds and questions, Holm over 5 strategies"). */
  test: string;
  /** Pairs behind the test (questions × seeds, cells, or seeds), in words ("5 seeds × 96 questions"). */
  n: string;
}

export type ClaimKind = "best" | "beats" | "below" | "none";

export interface Claim {
  kind: ClaimKind;
  /** The strategy the claim is about (the highest, for "none" when there is one). */
  strategy?: string;
  /** Self-contained sentence with its test and p. */
  text: string;
  /** Short form for CodeLens / inlay hints (still carries p). */
  short: string;
  p?: number;
  test?: string;
}

const significant = (p: number, alpha: number) => Number.isFinite(p) && p < alpha;
const L = strategyLabel;

/** "beats Random Shuffle (+1.20 pp, p = 0.012, …)", "below …", or "no significant difference from Random Shuffle (p = 0.84, …)". */
export function gainClaim(g: TestedGain, alpha = ALPHA): Claim {
  const base = { strategy: g.strategy, p: g.p, test: g.test };
  const detail = `${signedPct(g.gain)} pp, p = ${pValue(g.p)}, ${g.test}; n = ${g.n}`;
  if (!Number.isFinite(g.p)) return { ...base, kind: "none", text: `${L(g.strategy)} vs ${L(g.baseline)}: ${signedPct(g.gain)} pp, not testable (${g.test}; n = ${g.n})`, short: `${signedPct(g.gain)} pp vs ${L(g.baseline)}, untested` };
  if (significant(g.p, alpha)) {
    const up = g.gain > 0;
    return { ...base, kind: up ? "beats" : "below", text: `${L(g.strategy)} ${up ? "beats" : "is below"} ${L(g.baseline)} (${detail})`, short: `${up ? "beats" : "below"} ${L(g.baseline)} ${signedPct(g.gain)} pp (p = ${pValue(g.p)})` };
  }
  return { ...base, kind: "none", text: `${L(g.strategy)}: no significant difference from ${L(g.baseline)} (${detail})`, short: `no significant difference from ${L(g.baseline)} (p = ${pValue(g.p)})` };
}

export interface BestClaimInput {
  /** Mean accuracy (fraction) per strategy, the baseline included. */
  means: { strategy: string; mean: number }[];
  baseline: string;
  /** Strategy-vs-baseline tests (adjusted p). */
  gains: TestedGain[];
  /** Test of strategy a over strategy b (for the runner-up); undefined when not available. */
  pairwise?: (a: string, b: string) => { p: number; test: string } | undefined;
  alpha?: number;
  /** Means equal to this many decimals of a percentage are a tie (what a table shows). */
  digits?: number;
}

/** Who is best, if anyone, and the test that says so. */
export function bestClaim(input: BestClaimInput): Claim {
  const alpha = input.alpha ?? ALPHA;
  const digits = input.digits ?? 2;
  const shown = (x: number) => Number(pct(x, digits));
  const ranked = input.means.filter((m) => Number.isFinite(m.mean)).sort((a, b) => b.mean - a.mean);
  if (ranked.length === 0) return { kind: "none", text: "no results yet", short: "no results yet" };
  const top = ranked.filter((m) => shown(m.mean) === shown(ranked[0]!.mean));
  const leaderGain = input.gains.filter((g) => top.some((t) => t.strategy === g.strategy)).sort((a, b) => a.p - b.p)[0];
  if (top.length > 1) {
    const names = top.map((t) => L(t.strategy)).join(", ");
    // Tied leaders that EACH beat the baseline: that is a claim (with the weakest of their tests), just not a single best.
    const leaderGains = top.map((t) => input.gains.find((g) => g.strategy === t.strategy));
    if (leaderGains.every((g) => g && significant(g.p, alpha) && g.gain > 0)) {
      const weakest = (leaderGains as TestedGain[]).slice().sort((a, b) => b.p - a.p)[0]!;
      return {
        kind: "beats", strategy: top[0]!.strategy, p: weakest.p, test: weakest.test,
        text: `${names} tied at ${pct(top[0]!.mean, digits)}%, each beats ${L(input.baseline)} (p ≤ ${pValue(weakest.p)}, ${weakest.test}; n = ${weakest.n}), so no single best`,
        short: `${top.length}-way tie at ${pct(top[0]!.mean, 1)}%, each beats ${L(input.baseline)} (p ≤ ${pValue(weakest.p)})`,
      };
    }
    const p = leaderGain ? `; p = ${pValue(leaderGain.p)} vs ${L(input.baseline)}` : "";
    return { kind: "none", text: `no winner: ${names} tied at ${pct(top[0]!.mean, digits)}%${leaderGain ? ` — no claim over ${L(input.baseline)} either (p = ${pValue(leaderGain.p)}, ${leaderGain.test})` : ""}`, short: `no winner: ${top.length}-way tie at ${pct(top[0]!.mean, 1)}%${p}`, ...(leaderGain ? { p: leaderGain.p, test: leaderGain.test } : {}) };
  }
  const leader = top[0]!;
  if (leader.strategy === input.baseline) {
    const bestOther = input.gains.slice().sort((a, b) => b.gain - a.gain)[0];
    const p = bestOther ? ` (closest: ${L(bestOther.strategy)}, p = ${pValue(bestOther.p)})` : "";
    return { kind: "none", strategy: leader.strategy, text: `no strategy above the baseline ${L(input.baseline)} (${pct(leader.mean, 1)}%)${p}`, short: `no strategy above ${L(input.baseline)}${bestOther ? ` (p = ${pValue(bestOther.p)})` : ""}`, ...(bestOther ? { p: bestOther.p, test: bestOther.test } : {}) };
  }
  const g = input.gains.find((x) => x.strategy === leader.strategy);
  if (!g || !significant(g.p, alpha) || !(g.gain > 0)) {
    const c = g ? gainClaim(g, alpha) : undefined;
    return {
      kind: "none", strategy: leader.strategy,
      text: `highest mean: ${L(leader.strategy)} ${pct(leader.mean, 1)}% — ${c ? `no significant difference from ${L(input.baseline)} (p = ${pValue(g!.p)}, ${g!.test}; n = ${g!.n})` : `not tested against ${L(input.baseline)}`}`,
      short: `no significant difference (p = ${g ? pValue(g.p) : "—"}); highest ${L(leader.strategy)} ${pct(leader.mean, 1)}%`,
      ...(g ? { p: g.p, test: g.test } : {}),
    };
  }
  const runnerUp = ranked.find((m) => m.strategy !== leader.strategy)!;
  const beats = `${L(leader.strategy)} ${pct(leader.mean, 1)}% beats ${L(input.baseline)} (${signedPct(g.gain)} pp, p = ${pValue(g.p)}, ${g.test}; n = ${g.n})`;
  if (runnerUp.strategy === input.baseline) return { kind: "best", strategy: leader.strategy, text: `best: ${beats}`, short: `best: ${L(leader.strategy)} ${pct(leader.mean, 1)}% (p = ${pValue(g.p)} vs ${L(input.baseline)})`, p: g.p, test: g.test };
  const vsRunner = input.pairwise?.(leader.strategy, runnerUp.strategy);
  if (vsRunner && significant(vsRunner.p, alpha))
    return { kind: "best", strategy: leader.strategy, text: `best: ${beats}, and ${L(runnerUp.strategy)} (p = ${pValue(vsRunner.p)}, ${vsRunner.test})`, short: `best: ${L(leader.strategy)} ${pct(leader.mean, 1)}% (p = ${pValue(g.p)} vs ${L(input.baseline)}, ${pValue(vsRunner.p)} vs ${L(runnerUp.strategy)})`, p: Math.max(g.p, vsRunner.p), test: g.test };
  const second = vsRunner ? `no significant difference from ${L(runnerUp.strategy)} (p = ${pValue(vsRunner.p)})` : `not tested against ${L(runnerUp.strategy)}`;
  return { kind: "beats", strategy: leader.strategy, text: `${beats}; ${second}, so no single best`, short: `${L(leader.strategy)} beats ${L(input.baseline)} (p = ${pValue(g.p)}); ${second}`, p: g.p, test: g.test };
}

/** Strategies significantly above the baseline in EVERY cell given (each cell's own test, adjusted p). */
export function beatsEverywhere(perCell: readonly TestedGain[], alpha = ALPHA): { strategy: string; cells: number }[] {
  const by = new Map<string, TestedGain[]>();
  for (const g of perCell) by.set(g.strategy, [...(by.get(g.strategy) ?? []), g]);
  return [...by].filter(([, gs]) => gs.every((g) => significant(g.p, alpha) && g.gain > 0)).map(([strategy, gs]) => ({ strategy, cells: gs.length }));
}
