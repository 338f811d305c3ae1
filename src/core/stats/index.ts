/** Statistics over experiment results: aggregation, paired tests, study tables and summaries. */
export type * from "./types";
export { validateResults, validateEvents, type SourceInfo } from "./validate";
export { aggregateResults, cellId } from "./aggregate";
export { mean, sampleSd, meanCi95 } from "./descriptive";
export { tQuantile, tTwoSidedP, normalCdf, normalTwoSidedP } from "./distributions";
export { pairedTTest } from "./pairedT";
export { wilcoxonSignedRank } from "./wilcoxon";
export { alignPredictions, type AlignedOutcomes } from "./predictions";
export { mcnemarExact, binomialTwoSidedHalf } from "./mcnemar";
export { pairedBootstrapCI } from "./bootstrap";
export { compareRunsByQuestion, type QuestionComparison } from "./byQuestion";
export { holmAdjust } from "./holm";
export { compareBySeed, compareAcrossGrid, requireBaseline, type SeedComparison, type GridComparison } from "./compare";
export { tableFromCells, tableFromMarginals, type StudyTable } from "./studyTable";
export { summarizeTable, type StudySummary, type BestGain, type ColumnWinner } from "./summary";
export { summarizeCurves, type CurveSummary } from "./curves";
export { strategyOrder, strategyLabel } from "./order";
export { roundHalfUp, pct, signedPct, pValue } from "./format";
