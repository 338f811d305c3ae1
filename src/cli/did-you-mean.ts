/**
 * "Did you mean …?" for command-line values (strategy names, option names): the closest candidate by
 * edit distance when it is close enough to be a typo. Kept in cli/ so the CLI does not depend on the
 * language package for one function.
 */
function distance(a: string, b: string): number {
  // Damerau–Levenshtein (optimal string alignment): a swapped pair of letters (`sede`) is one edit.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j]!, before[j - 2]! + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
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
