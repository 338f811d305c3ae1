/** "Did you mean …?": the closest candidate by edit distance, when it is close enough to be a typo. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 8) return Math.abs(m - n);
  let prevPrev: number[] | undefined;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      // Transposition (Damerau): `interleaved_curiculum` vs swapped letters counts as one edit.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j]!, (prevPrev?.[j - 2] ?? Infinity) + 1);
    }
    prevPrev = prev;
    prev = cur;
  }
  return prev[n]!;
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    // Cheap filter first: a candidate much longer or shorter cannot be within the typo limit (or a prefix match).
    if (c.length + 3 < word.length) continue;
    if (c.length > word.length + 3 && !c.toLowerCase().startsWith(w)) continue;
    const d = editDistance(w, c.toLowerCase());
    if (d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(Math.max(word.length, best.length) / 3)));
  return bestScore <= limit || (best.toLowerCase().startsWith(w) && w.length >= 3) ? best : undefined;
}
