/**
 * Difficulty sources (DESIGN.md): a column (read by the importer, `columns.difficulty`), a scores
 * file by id or row, the human answer share, an LLM ensemble. applyDifficulty sets `difficulty` on
 * every item or throws one DataError; it never leaves some questions silently without one.
 */
import type { DifficultySource } from "../experiment/model";
import { DataError } from "../errors";
import type { ImportedItem } from "../questions/import";
import { applyHumanShare } from "./human-share";
import { applyLlmEnsemble } from "./llm-ensemble";
import { applyScoresFile } from "./scores-file";

export { applyScoresFile, type ScoresOptions } from "./scores-file";
export { applyHumanShare } from "./human-share";
export { applyLlmEnsemble, computeEnsemble, correctProbability, LetterScoreLine, type EnsembleResult } from "./llm-ensemble";
export { summarizeDataset, histogram, type DatasetSummary, type HistogramBin } from "./summary";
export { quantileSorted } from "./quantile";

export async function applyDifficulty(items: ImportedItem[], source: DifficultySource): Promise<void> {
  switch (source.kind) {
    case "column": {
      // The importer already read the column (ImportOptions.columns.difficulty); here: is it complete?
      const missing = items.filter((it) => it.difficulty === undefined || Number.isNaN(it.difficulty));
      if (missing.length) {
        throw new DataError(
          missing.map((it) => ({ file: it.source.file, line: it.source.line, field: source.column, message: "the difficulty is missing", fix: `write a number in "${source.column}" for every question` })),
        );
      }
      return;
    }
    case "scores":
      return applyScoresFile(items, source.file, { by: source.by });
    case "human_answer_share":
      return applyHumanShare(items);
    case "llm_ensemble":
      return applyLlmEnsemble(items, source.files);
  }
}
