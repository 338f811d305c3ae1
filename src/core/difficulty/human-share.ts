/**
 * Human difficulty (Yang et al. 2024, §2): the share of examinees who did NOT choose the keyed option,
 * difficulty = 1 − share(answer). Importers store shares in 0..1 (LEK's `%A..%E` percentages are
 * divided by 100 on import).
 */
import { DataError, type DataIssue } from "../errors";
import { isQuestion, type ImportedItem } from "../questions/import";

export function applyHumanShare(items: ImportedItem[]): void {
  const issues: DataIssue[] = [];
  const values: number[] = [];
  for (const it of items) {
    const { file, line } = it.source;
    if (!isQuestion(it)) {
      issues.push({ file, line, message: "human-answer-share difficulty needs questions with answers and per-option shares", fix: "import a LEK-style file with %A..%E columns" });
      break;
    }
    const share = it.humanShares?.[it.answer];
    if (share === undefined) {
      issues.push({ file, line, field: `%${it.answer}`, message: `no examinee share for the keyed option ${it.answer}`, fix: `fill %${it.answer} (percent of examinees who chose ${it.answer})` });
      continue;
    }
    values.push(1 - share);
  }
  if (issues.length) throw new DataError(issues);
  // Assigned only when every question has a share: a failed source leaves the items untouched.
  items.forEach((it, i) => (it.difficulty = values[i]!));
}
