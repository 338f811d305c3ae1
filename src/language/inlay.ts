/**
 * Inlay hints: the bucket sizes after `curriculum = buckets { … }`, where the training data are known
 * (src/language/dataFacts.ts), so a lopsided split is visible while the thresholds are typed.
 */
import type { Analysis } from "./analyze";
import type { DataFacts } from "./dataFacts";
import { describeSplit, LOPSIDED_RULE } from "../core/ordering/buckets";

export interface InlayHint {
  offset: number;
  label: string;
  tooltip: string;
}

export function bucketInlayHints(analysis: Analysis, facts: DataFacts): InlayHint[] {
  const out: InlayHint[] = [];
  for (const b of analysis.blocks) {
    if (b.spec.keyword !== "experiment" || !b.decl) continue;
    const buckets = facts.get(b.decl.name)?.buckets;
    const value = b.attrs.get("curriculum")?.value;
    if (!buckets || !value || value.type !== "object") continue;
    out.push({
      offset: value.end,
      label: `${buckets.easy} / ${buckets.medium} / ${buckets.hard}`,
      tooltip: `Training questions per bucket: ${describeSplit(buckets)} of ${buckets.total}${buckets.missing ? ` (${buckets.missing} without a difficulty)` : ""}. A bucket under ${LOPSIDED_RULE.minShare * 100}% or over two thirds is flagged.`,
    });
  }
  return out;
}
