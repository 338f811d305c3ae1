/**
 * "Did you mean …?" for command-line values (strategy names, option names): the closest candidate by the
 * language's edit distance (Damerau: a swapped pair like `sede` is one edit) when it is close enough to be a typo.
 */
import { editDistance } from "../language/suggest";

export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(best.length / 3)));
  return bestScore <= limit || (best.toLowerCase().startsWith(w) && w.length >= 3) ? best : undefined;
}

/** ` — did you mean X?` or "". */
export function suggestion(word: string, candidates: readonly string[]): string {
  const guess = didYouMean(word, candidates);
  return guess ? ` — did you mean "${guess}"?` : "";
}
