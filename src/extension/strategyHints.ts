/**
 * Places core's per-strategy result texts (src/core/views/strategyHints.ts) at the strategy names of each
 * experiment's `strategies` list. Pure (no `vscode`): the inlay-hint and hover providers only turn offsets into
 * positions.
 */
import type { ResolvedConfig } from "../core/experiment/model";
import type { PlanCache } from "../core/runs/experimentRuns";
import type { RunStore } from "../core/runs/store";
import { strategyHintTexts, type StrategyHintText } from "../core/views/strategyHints";
import type { SyllabusFile } from "../language/ast";

export interface StrategyHint extends StrategyHintText {
  /** Offsets of the strategy name in the text. */
  start: number;
  end: number;
}

export async function strategyHints(file: SyllabusFile, config: ResolvedConfig, store: RunStore, plans: PlanCache): Promise<StrategyHint[]> {
  const hints: StrategyHint[] = [];
  for (const block of file.blocks) {
    const name = block.name?.text;
    if (block.keyword.text !== "experiment" || !name || !config.experiments[name]) continue;
    const list = block.body?.items.find((a) => a.key.text === "strategies")?.value;
    if (list?.type !== "list") continue;
    const texts = strategyHintTexts(await plans.get(config, name), store);
    for (const item of list.items) {
      const text = item.type === "name" ? texts.find((t) => t.strategy === item.text) : undefined;
      if (text) hints.push({ ...text, start: item.start, end: item.end });
    }
  }
  return hints;
}
