/**
 * What each ordering strategy means, in the study's words  with a one-line example,
 * and what it needs from the training data. Used by hover, completion and validation.
 */
import type { Strategy } from "../core/ordering/types";

export interface StrategyDoc {
  name: Strategy;
  title: string;
  definition: string;
  /** One line showing the order on 3 categories M, S, P (subscript = difficulty rank or third). */
  example: string;
  needsCategory: boolean;
  needsDifficulty: boolean;
}

export const STRATEGY_DOCS: Record<Strategy, StrategyDoc> = {
  random: {
    name: "random",
    title: "Random Shuffle (baseline)",
    definition: "A random order of all training questions (numpy-compatible permutation of the run's seed). Every gain is measured against it.",
    example: "S₂ M₁ P₃ M₃ S₁ P₁ M₂ P₂ S₃",
    needsCategory: false,
    needsDifficulty: false,
  },
  blocked: {
    name: "blocked",
    title: "Blocked",
    definition: "Questions grouped by category, one category after another; random order within each block.",
    example: "M M M | S S S | P P P",
    needsCategory: true,
    needsDifficulty: false,
  },
  interleaved: {
    name: "interleaved",
    title: "Interleaved",
    definition:
      "Alternate between categories, revisiting them periodically: each category's blocked order is cut into 3 contiguous thirds and the thirds are visited round-robin over the categories, in 3 rounds.",
    example: "M¹ S¹ P¹ | M² S² P² | M³ S³ P³",
    needsCategory: true,
    needsDifficulty: false,
  },
  curriculum: {
    name: "curriculum",
    title: "Curriculum",
    definition: "Easiest to hardest over the whole training set (strict sort by difficulty, or easy/medium/hard buckets shuffled within).",
    example: "0.05 0.12 0.31 0.47 0.58 0.90 (difficulty rising)",
    needsCategory: false,
    needsDifficulty: true,
  },
  blocked_curriculum: {
    name: "blocked_curriculum",
    title: "Blocked Curriculum",
    definition: "Grouped by category as in Blocked; within each category, easy to hard.",
    example: "M₁ M₂ M₃ | S₁ S₂ S₃ | P₁ P₂ P₃",
    needsCategory: true,
    needsDifficulty: true,
  },
  interleaved_curriculum: {
    name: "interleaved_curriculum",
    title: "Interleaved Curriculum",
    definition: "Cycle through the categories with difficulty increasing: round 1 holds each category's easiest questions, round 3 the hardest.",
    example: "M₁ S₁ P₁ | M₂ S₂ P₂ | M₃ S₃ P₃",
    needsCategory: true,
    needsDifficulty: true,
  },
};

export function strategyMarkdown(s: Strategy): string {
  const d = STRATEGY_DOCS[s];
  const needs = [d.needsCategory && "categories", d.needsDifficulty && "difficulty"].filter(Boolean).join(" and ");
  return [
    `**${d.title}** (\`${s}\`)`,
    "",
    d.definition,
    "",
    `Example order: \`${d.example}\``,
    "",
    needs ? `Needs ${needs} in the training dataset.` : "Needs nothing but the questions.",
    "",
    "_Yang et al. 2024, §2 ._",
  ].join("\n");
}
