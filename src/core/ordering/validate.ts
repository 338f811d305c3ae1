/**
 * What each strategy needs, and the checks that turn missing values and bad specs into DataErrors.
 * The published code silently drops rows with a NaN difficulty from bucketed curricula; Syllabus refuses instead and names every such row.
 */
import { DataError, type DataIssue } from "../errors";
import { MAX_SEED } from "./mt19937";
import type { PreparedItems } from "./prepared";
import { STRATEGIES, type OrderSpec, type Strategy } from "./types";

export function requiresDifficulty(strategy: Strategy): boolean {
  return strategy === "curriculum" || strategy === "blocked_curriculum" || strategy === "interleaved_curriculum";
}

export function requiresCategory(strategy: Strategy): boolean {
  return strategy !== "random" && strategy !== "curriculum";
}

function issueFor(p: PreparedItems, row: number, field: "difficulty" | "category", strategy: Strategy): DataIssue {
  const what = field === "difficulty" ? "no difficulty" : "no category";
  const source = p.sourceOf(row);
  return {
    file: source?.file ?? "questions",
    line: source?.line ?? 0,
    field,
    message: `question "${p.ids[row]}" (item ${row + 1}) has ${what}, which strategy "${strategy}" needs`,
    fix:
      field === "difficulty"
        ? "give every question a numeric difficulty (a difficulty source or column), or remove it from the dataset"
        : "give every question a category (a category column), or remove it from the dataset",
  };
}

/** Throws one DataError listing every question that lacks what the strategy needs. */
export function checkPrepared(p: PreparedItems, strategy: Strategy): void {
  const needD = requiresDifficulty(strategy);
  const needC = requiresCategory(strategy);
  if (!needD && !needC) return;
  const issues: DataIssue[] = [];
  const { codeOf } = p.categories;
  for (let i = 0; i < p.n; i++) {
    if (needC && codeOf[i]! < 0) issues.push(issueFor(p, i, "category", strategy));
    if (needD && Number.isNaN(p.difficulty[i]!)) issues.push(issueFor(p, i, "difficulty", strategy));
  }
  if (issues.length) throw new DataError(issues);
}

function specIssue(field: string, message: string, fix: string): DataIssue {
  return { file: "order spec", line: 0, field, message, fix };
}

export function checkSpec(spec: OrderSpec): void {
  const issues: DataIssue[] = [];
  const seedOk = (s: unknown) => Number.isInteger(s) && (s as number) >= 0 && (s as number) <= MAX_SEED;
  if (!(STRATEGIES as readonly string[]).includes(spec.strategy)) {
    issues.push(specIssue("strategy", `"${spec.strategy}" is not a strategy`, `use one of ${STRATEGIES.join(", ")}`));
  }
  if (!seedOk(spec.seed)) {
    issues.push(specIssue("seed", `seed ${spec.seed} is not an integer in [0, 2^32-1]`, "use a whole number like 1"));
  }
  if (spec.categorySeed !== undefined && !seedOk(spec.categorySeed)) {
    issues.push(specIssue("categorySeed", `category seed ${spec.categorySeed} is not an integer in [0, 2^32-1]`, "use a whole number like 0"));
  }
  if (spec.curriculum !== "strict" && spec.curriculum !== "buckets") {
    issues.push(specIssue("curriculum", `"${spec.curriculum}" is not a curriculum mode`, "use strict or buckets"));
  }
  if (!["sorted", "size", "random"].includes(spec.categoryOrder)) {
    issues.push(specIssue("categoryOrder", `"${spec.categoryOrder}" is not a category order`, "use sorted, size or random"));
  }
  const t = spec.thresholds;
  if (!t || !Number.isFinite(t.easy) || !Number.isFinite(t.medium) || t.easy > t.medium) {
    issues.push(specIssue("thresholds", `thresholds easy=${t?.easy} medium=${t?.medium} are not finite with easy ≤ medium`, "e.g. easy 0.66, medium 0.80"));
  }
  if (issues.length) throw new DataError(issues);
}
