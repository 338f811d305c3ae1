/**
 * A declared dataset → its questions, with category and difficulty attached as the config says.
 * The one place that turns a DatasetModel into ImportOptions, so plan, order preview and inspect agree.
 */
import { applyDifficulty } from "../difficulty/index";
import { DataError } from "../errors";
import type { DatasetModel } from "../experiment/model";
import { isQuestion, loadItems, type ColumnMapping } from "../questions/index";
import type { Question } from "../questions/question";

export type Split = "train" | "test";

function columnsOf(ds: DatasetModel): ColumnMapping {
  const columns: ColumnMapping = { ...(ds.columns ?? {}) };
  if (ds.category) columns.category = ds.category.column;
  if (ds.difficulty?.kind === "column") columns.difficulty = ds.difficulty.column;
  return columns;
}

/** The file a split reads; evaluation falls back to the training file when no test file is declared. */
export function splitFile(ds: DatasetModel, split: Split): string {
  const file = split === "train" ? ds.train : ds.test ?? ds.train;
  if (!file) {
    throw new DataError([{ file: ds.name, line: 0, field: split, message: `dataset '${ds.name}' has no ${split} file`, fix: `add \`${split} = "path/to/file"\` to dataset ${ds.name}` }]);
  }
  return file;
}

/** Loads a split's questions; for training, also the difficulty source (whose errors name every row). */
export async function loadDataset(ds: DatasetModel, split: Split): Promise<Question[]> {
  const file = splitFile(ds, split);
  const items = await loadItems(file, { format: ds.format, columns: columnsOf(ds), ...(ds.copBase !== undefined ? { copBase: ds.copBase } : {}) });
  if (split === "train" && ds.difficulty) await applyDifficulty(items, ds.difficulty);
  if (ds.limit !== undefined && items.length > ds.limit) items.length = ds.limit; // after the row-joined difficulty
  const labelOnly = items.find((it) => !isQuestion(it));
  if (labelOnly) {
    throw new DataError([{ file, line: labelOnly.source.line, field: "question", message: "this file has no question text, so it cannot be trained on", fix: "map the question column (columns.question)" }]);
  }
  return items as Question[];
}
