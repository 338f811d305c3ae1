/** Display order of strategies, models and eval sets: the study's strategy order first, then first appearance. */
import { STRATEGIES } from "../ordering/types";

export function firstAppearance<T>(items: readonly T[], key: (t: T) => string): string[] {
  const seen = new Set<string>();
  for (const it of items) seen.add(key(it));
  return [...seen];
}

/** The six study strategies in the study's order, any other name after them in first-appearance order. */
export function strategyOrder(names: readonly string[]): string[] {
  const known = STRATEGIES as readonly string[];
  const rank = (s: string) => (known.includes(s) ? known.indexOf(s) : known.length);
  return names.map((s, i) => ({ s, i })).sort((x, y) => rank(x.s) - rank(y.s) || x.i - y.i).map((x) => x.s);
}

/** The study's labels for its strategies (Table 1); other names are shown as given. */
export function strategyLabel(name: string): string {
  const labels: Record<string, string> = {
    random: "Random Shuffle",
    blocked: "Blocked",
    interleaved: "Interleaved",
    curriculum: "Curriculum",
    blocked_curriculum: "Blocked Curriculum",
    interleaved_curriculum: "Interleaved Curriculum",
  };
  return labels[name] ?? name;
}
