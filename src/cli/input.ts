/**
 * The input options `order` and `inspect` share: which file, its format, the column mapping, the
 * MedMCQA cop base, and ONE difficulty source. Turns them into imported items with difficulty set.
 */
import { existsSync } from "node:fs";
import { applyHumanShare, applyLlmEnsemble, applyScoresFile } from "../core/difficulty";
import { DatasetFormat } from "../core/experiment/model";
import { detectCopBase, formatFromName, loadItems, type ColumnMapping, type CopBaseDetection, type ImportedItem } from "../core/questions";
import { UsageError, choiceArg, numberArg } from "./args";

export const INPUT_OPTIONS = {
  input: { type: "string", short: "i" },
  "input-format": { type: "string" },
  "id-column": { type: "string" },
  "question-column": { type: "string" },
  "options-column": { type: "string" },
  "answer-column": { type: "string" },
  "category-column": { type: "string" },
  "difficulty-column": { type: "string" },
  "difficulty-scores": { type: "string" },
  "scores-by": { type: "string" },
  "difficulty-human": { type: "boolean" },
  "difficulty-llm": { type: "string", multiple: true },
  "cop-base": { type: "string" },
} as const;

export const INPUT_USAGE = `input:
  --input FILE              questions file (required)
  --input-format F          csv | jsonl | medqa | medmcqa | lek (default: from the extension, .csv → csv, .jsonl/.json → jsonl)
  --id-column C             id field (default: id; without one, ids are <format>-<line>)
  --question-column C       generic csv/jsonl: question text field (default: question; a file without
                            one is a label table: id, category, difficulty)
  --options-column C        generic: one field holding all options (JSON object or array)
  --answer-column C         generic: answer letter field (default: answer)
  --category-column C       category field (defaults: category; medmcqa subject_name; lek Category)
  --cop-base 0|1            medmcqa: cop is 0-based (Hugging Face export) or 1-based (original files);
                            detected from the file when not given, an error when it cannot be told

difficulty (at most one source; higher = harder):
  --difficulty-column C     a numeric field of the input (default for csv/jsonl: difficulty, if present)
  --difficulty-scores FILE  a scores CSV, e.g. the study's llm_difficulty_*.csv (Index,llm_difficulty)
  --scores-by id|row        join the scores by id, or by row position (Index = 0-based row; default row)
  --difficulty-human        1 − share of examinees choosing the keyed option (lek %A..%E)
  --difficulty-llm FILE     LLM ensemble: one letter-probability JSONL per model, repeat per model
                            (each line {"id": …, "probs": {"A": p, …}} or {"id": …, "logprobs": {…}})`;

type InputValues = { [K in keyof typeof INPUT_OPTIONS]?: (typeof INPUT_OPTIONS)[K] extends { multiple: true } ? string[] : (typeof INPUT_OPTIONS)[K] extends { type: "boolean" } ? boolean : string };

export interface LoadedInput {
  file: string;
  format: DatasetFormat;
  items: ImportedItem[];
  copBase?: CopBaseDetection | { base: 0 | 1; given: true };
  /** Where the difficulty came from, in words, or undefined when the items have none. */
  difficultySource?: string;
}

export async function loadInput(values: InputValues): Promise<LoadedInput> {
  const file = values.input;
  if (!file) throw new UsageError("--input FILE is required");
  if (!existsSync(file)) throw new UsageError(`--input ${file}: no such file`);
  const format = choiceArg("input-format", values["input-format"], DatasetFormat.options) ?? formatFromName(file);
  if (!format) throw new UsageError(`cannot tell the format of ${file} from its name; give --input-format csv|jsonl|medqa|medmcqa|lek`);

  const sources = [values["difficulty-column"] && "--difficulty-column", values["difficulty-scores"] && "--difficulty-scores", values["difficulty-human"] && "--difficulty-human", values["difficulty-llm"]?.length && "--difficulty-llm"].filter(Boolean);
  if (sources.length > 1) throw new UsageError(`give one difficulty source, not ${sources.join(" and ")}`);
  if (values["scores-by"] !== undefined && !values["difficulty-scores"]) throw new UsageError("--scores-by goes with --difficulty-scores FILE");

  const columns: ColumnMapping = {};
  const map: [keyof ColumnMapping, string | undefined][] = [
    ["id", values["id-column"]],
    ["question", values["question-column"]],
    ["options", values["options-column"]],
    ["answer", values["answer-column"]],
    ["category", values["category-column"]],
    ["difficulty", values["difficulty-column"]],
  ];
  for (const [key, v] of map) if (v !== undefined) (columns as Record<string, string>)[key] = v;

  let copBase: LoadedInput["copBase"];
  const given = numberArg("cop-base", values["cop-base"], { integer: true, min: 0, max: 1 }) as 0 | 1 | undefined;
  if (given !== undefined && format !== "medmcqa") throw new UsageError("--cop-base applies to --input-format medmcqa only");
  if (format === "medmcqa") copBase = given !== undefined ? { base: given, given: true } : await detectCopBase(file);

  const items = await loadItems(file, { format, columns, ...(copBase ? { copBase: copBase.base } : {}) });

  let difficultySource: string | undefined;
  if (values["difficulty-scores"]) {
    const by = choiceArg("scores-by", values["scores-by"], ["id", "row"] as const) ?? "row";
    await applyScoresFile(items, values["difficulty-scores"], { by });
    difficultySource = `scores file ${values["difficulty-scores"]} (by ${by})`;
  } else if (values["difficulty-human"]) {
    applyHumanShare(items);
    difficultySource = "human answer share (1 − share choosing the keyed option)";
  } else if (values["difficulty-llm"]?.length) {
    await applyLlmEnsemble(items, values["difficulty-llm"]);
    difficultySource = `LLM ensemble of ${values["difficulty-llm"].length} model file(s)`;
  } else if (items.some((it) => it.difficulty !== undefined)) {
    difficultySource = `column ${values["difficulty-column"] ?? "difficulty"}`;
  }
  return { file, format, items, ...(copBase ? { copBase } : {}), ...(difficultySource ? { difficultySource } : {}) };
}
