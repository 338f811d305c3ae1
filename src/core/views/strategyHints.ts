/**
 * Results inline in the config: for each strategy of an experiment, once runs have results, a short label
 * (`38.1% ±0.4 sd/5 seeds (+0.7 pp, p = 0.21 n.s.)`: mean accuracy over seeds, the labelled sd, the gain over
 * the baseline with its test's p) and a Markdown explanation (intervals with method and n, gains worded by
 * their tests, runs flagged at chance). Pure: the
 * extension's inlay-hint and hover providers only place these texts at the strategy names.
 * With several (model, eval set) cells the label shows their mean, as the study's "Mean" column does.
 */
import type { Plan } from "../runs/plan";
import type { RunStore } from "../runs/store";
import { planClaims } from "./claimTexts";

export interface StrategyHintText {
  experiment: string;
  strategy: string;
  label: string;
  markdown: string;
}

/** One text per strategy of the experiment that has results, in the experiment's strategy order — worded by core/views/claimTexts.ts. */
export function strategyHintTexts(plan: Plan, store: RunStore): StrategyHintText[] {
  const exp = plan.experiment;
  const claims = planClaims(plan, store);
  return exp.strategies.flatMap((strategy) => {
    const text = claims.hints.get(strategy);
    return text ? [{ experiment: exp.name, strategy, label: text.label, markdown: text.markdown }] : [];
  });
}
