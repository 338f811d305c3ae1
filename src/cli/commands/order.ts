/**
 * `syllabus order`: one training order of a questions file under one strategy, as ids, JSONL or CSV.
 * The orderings themselves are src/core/ordering (orderItems); this file only wires options to it.
 */
import { STRATEGIES, STUDY_THRESHOLDS, orderItems, type CategoryOrder, type CurriculumMode, type OrderSpec, type Strategy } from "../../core/ordering";
import { OPTION_LETTERS, isQuestion, type ImportedItem } from "../../core/questions";
import type { Command } from "../command";
import { UsageError, choiceArg, numberArg, parseCommandArgs } from "../args";
import { writeLinesAtomic } from "../atomic-write";
import { suggestion } from "../did-you-mean";
import { INPUT_OPTIONS, INPUT_USAGE, loadInput } from "../input";

const OPTIONS = {
  ...INPUT_OPTIONS,
  strategy: { type: "string", short: "s" },
  seed: { type: "string" },
  curriculum: { type: "string" },
  easy: { type: "string" },
  medium: { type: "string" },
  "category-order": { type: "string" },
  "category-seed": { type: "string" },
  reference: { type: "boolean" },
  output: { type: "string", short: "o" },
  "output-format": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const OUTPUT_FORMATS = ["ids", "jsonl", "csv"] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const usage = `usage: syllabus order --input FILE --strategy NAME [options]

Prints (or writes) one training order of the questions in FILE.

${INPUT_USAGE}

ordering:
  --strategy NAME           ${STRATEGIES.join(" | ")}
  --seed N                  shuffle seed, 0..2^32-1 (default 0); numpy RandomState-exact
  --curriculum M            strict (stable sort by difficulty, default) | buckets (easy/medium/hard, shuffled within)
  --easy X --medium Y       bucket thresholds: easy ≤ X < medium ≤ Y < hard (default ${STUDY_THRESHOLDS.easy} / ${STUDY_THRESHOLDS.medium}, the study's)
  --category-order O        sorted (the published code's, default) | size | random
  --category-seed N         seed of the random category order, held fixed across run seeds (default 0)
  --reference               reproduce the published code's orders id for id (pandas/numpy semantics)

output:
  --output FILE             write here (atomically) instead of stdout
  --output-format F         ids (one id per line, default) | jsonl (full questions) | csv

example:
  syllabus order --input questions.csv --strategy blocked --seed 1 --reference --output blocked.txt`;

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The lines of the output, produced lazily so a large JSONL is never one string. */
function* outputLines(items: ImportedItem[], order: Int32Array, format: OutputFormat): Generator<string> {
  const withText = items.length > 0 && isQuestion(items[0]!);
  if (format === "csv") {
    yield (withText ? ["id", "category", "difficulty", "question", ...OPTION_LETTERS, "answer"] : ["id", "category", "difficulty"]).join(",");
  }
  for (const i of order) {
    const it = items[i]!;
    if (format === "ids") {
      yield it.id;
    } else if (format === "jsonl") {
      // The run bundle's QuestionLine shape (train.jsonl): id, question, options, answer, category, difficulty.
      yield JSON.stringify(
        isQuestion(it)
          ? { id: it.id, question: it.question, options: it.options, answer: it.answer, category: it.category, difficulty: it.difficulty }
          : { id: it.id, category: it.category, difficulty: it.difficulty },
      );
    } else {
      const cells: (string | number | undefined)[] = [it.id, it.category, it.difficulty];
      if (isQuestion(it)) cells.push(it.question, ...OPTION_LETTERS.map((l) => it.options[l]), it.answer);
      yield cells.map(csvCell).join(",");
    }
  }
}

export function parseStrategy(value: string | undefined): Strategy {
  if (value === undefined) throw new UsageError(`--strategy NAME is required (${STRATEGIES.join(", ")})`);
  if ((STRATEGIES as readonly string[]).includes(value)) return value as Strategy;
  throw new UsageError(`"${value}" is not a strategy${suggestion(value, STRATEGIES)} (strategies: ${STRATEGIES.join(", ")})`);
}

async function run(argv: string[]): Promise<number> {
  const v = parseCommandArgs(argv, OPTIONS);
  if (v.help) {
    console.log(usage);
    return 0;
  }
  const strategy = parseStrategy(v.strategy);
  const easy = numberArg("easy", v.easy) ?? STUDY_THRESHOLDS.easy;
  const medium = numberArg("medium", v.medium) ?? STUDY_THRESHOLDS.medium;
  if (easy > medium) throw new UsageError(`--easy ${easy} is above --medium ${medium}; easy ≤ medium`);
  const categorySeed = numberArg("category-seed", v["category-seed"], { integer: true, min: 0, max: 4294967295 });
  const spec: OrderSpec = {
    strategy,
    seed: numberArg("seed", v.seed, { integer: true, min: 0, max: 4294967295 }) ?? 0,
    curriculum: choiceArg<CurriculumMode>("curriculum", v.curriculum, ["strict", "buckets"]) ?? "strict",
    thresholds: { easy, medium },
    categoryOrder: choiceArg<CategoryOrder>("category-order", v["category-order"], ["sorted", "size", "random"]) ?? "sorted",
    reference: v.reference ?? false,
    ...(categorySeed !== undefined ? { categorySeed } : {}),
  };
  const format = choiceArg("output-format", v["output-format"], OUTPUT_FORMATS) ?? "ids";

  const input = await loadInput(v);
  const order = orderItems(input.items, spec);
  const lines = outputLines(input.items, order, format);
  if (v.output) {
    await writeLinesAtomic(v.output, lines);
    console.error(`syllabus order: ${order.length} questions, ${strategy} (seed ${spec.seed}${spec.reference ? ", reference" : ""}) → ${v.output}`);
  } else {
    // `syllabus order … | head` closes the pipe early: that is the reader's choice, not an error.
    process.stdout.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(0);
      throw err;
    });
    // Batched: one write per 4,096 lines instead of one per line.
    let batch: string[] = [];
    for (const line of lines) {
      batch.push(line);
      if (batch.length >= 4096) {
        process.stdout.write(batch.join("\n") + "\n");
        batch = [];
      }
    }
    if (batch.length) process.stdout.write(batch.join("\n") + "\n");
  }
  return 0;
}

export const orderCommand: Command = {
  name: "order",
  summary: "print or write one training order of a questions file",
  usage,
  run,
};
