/** Public API of the question importers: see import.ts for the pipeline, format-*.ts for each format. */
export * from "./question";
export { importItems, importQuestions, loadItems, loadQuestions, isQuestion, formatFromName, FORMATS, type ImportedItem, type LabelRow } from "./import";
export type { ColumnMapping, ImportOptions } from "./formats";
export { detectCopBase, type CopBaseDetection } from "./format-medmcqa";
