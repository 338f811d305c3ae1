/**
 * Power before spending GPU hours: the smallest gain over the baseline a paired comparison detects with
 * probability `power` at two-sided level `alpha`, by the normal approximation for paired proportions
 * (McNemar's setting; Connor 1987 without the δ² term):
 *
 *     MDE = (z_{1−α/2} + z_{power}) · √(ψ / m)
 *
 * ψ = share of paired answers on which the two strategies disagree (discordance), m = independent pairs.
 * The pairs are (seed, question): k seeds × N questions. They are not independent — the seeds answer the
 * same questions — so the truth lies between two bounds, both reported:
 *   - optimistic: m = k·N (seeds as independent as extra questions);
 *   - conservative: m = N (seeds add nothing beyond one run's question sample).
 * Without predictions ψ is assumed (DEFAULT_DISCORDANCE, stated wherever it is used); with predictions the
 * observed mean discordance between strategy and baseline runs is used.
 */
import { jStat } from "jstat";
import { pct } from "./format";

/** Assumed share of questions two fine-tuned runs of one model answer differently, when none is measured. */
export const DEFAULT_DISCORDANCE = 0.2;

export interface MinimalDetectableEffect {
  alpha: number;
  power: number;
  questions: number;
  seeds: number;
  discordance: number;
  /** Whether ψ was measured from predictions or assumed. */
  discordanceSource: "measured" | "assumed";
  /** Fractions (0.015 = 1.5 percentage points). */
  optimistic: number;
  conservative: number;
}

export function zQuantile(p: number): number {
  return jStat.normal.inv(p, 0, 1);
}

export function minimalDetectableEffect(input: { questions: number; seeds: number; discordance?: number; alpha?: number; power?: number }): MinimalDetectableEffect {
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const measured = input.discordance !== undefined && Number.isFinite(input.discordance);
  const psi = measured ? input.discordance! : DEFAULT_DISCORDANCE;
  const z = zQuantile(1 - alpha / 2) + zQuantile(power);
  const at = (m: number) => (m > 0 ? z * Math.sqrt(psi / m) : Number.NaN);
  return {
    alpha, power, questions: input.questions, seeds: input.seeds, discordance: psi, discordanceSource: measured ? "measured" : "assumed",
    optimistic: at(input.seeds * input.questions),
    conservative: at(input.questions),
  };
}

/** "detectable gain ≥ 1.6–3.5 pp (5% two-sided, 80% power; 1,273 questions × 5 seeds, assumed discordance 20%)". */
export function mdeLabel(m: MinimalDetectableEffect): string {
  const psi = `${m.discordanceSource} discordance ${pct(m.discordance, m.discordanceSource === "assumed" ? 0 : 1)}%`;
  return `smallest detectable gain ${pct(m.optimistic, 1)}–${pct(m.conservative, 1)} pp (${Math.round(m.alpha * 100)}% two-sided, ${Math.round(m.power * 100)}% power; ${m.questions.toLocaleString("en-US")} question${m.questions === 1 ? "" : "s"} × ${m.seeds} seed${m.seeds === 1 ? "" : "s"}, ${psi}; the range spans seeds counted as independent to seeds adding nothing)`;
}
