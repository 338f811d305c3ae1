/** What the orderings need of a question: nothing but its id, category and difficulty. */
export interface OrderItem {
  id: string;
  category?: string;
  /** Higher = harder. NaN counts as missing. */
  difficulty?: number;
  /** Where the item came from, so that errors name the file and line (a Question fits as is). */
  source?: { file: string; line: number };
}

export const STRATEGIES = [
  "random",
  "blocked",
  "interleaved",
  "curriculum",
  "blocked_curriculum",
  "interleaved_curriculum",
] as const;
export type Strategy = (typeof STRATEGIES)[number];

export type CurriculumMode = "strict" | "buckets";
export type CategoryOrder = "sorted" | "size" | "random";

export interface Thresholds {
  /** easy: d <= easy */
  easy: number;
  /** medium: easy < d <= medium; hard: d > medium */
  medium: number;
}

/** The published study's thresholds (MedQA LLM-difficulty tertiles, the published code's training/data_ordering.py). */
export const STUDY_THRESHOLDS: Thresholds = { easy: 0.66, medium: 0.8 };

export interface OrderSpec {
  strategy: Strategy;
  seed: number;
  curriculum: CurriculumMode;
  thresholds: Thresholds;
  categoryOrder: CategoryOrder;
  /** Seed of the category order when categoryOrder = random (default 0); held fixed across run seeds. */
  categorySeed?: number;
  /**
   * Reproduce the published code's orders id for id (golden/orders): every group is shuffled by a fresh
   * RandomState(seed). Otherwise one RandomState(seed) stream shuffles the groups in turn. Identical for
   * random and strict curricula. Ties in a strict sort keep input order in both modes (the published
   * code's unstable quicksort has no reproducible order among ties). See docs/ordering.md.
   */
  reference: boolean;
}
