/** The `.syllabus` language, as other folders use it. */
export { analyze, type Analysis, type AnalyzeOptions } from "./analyze";
export { loadConfig, toIssues, type Loaded } from "./load";
export { formatText } from "./format";
export { parse } from "./parser";
export { newExperimentTemplate, type TemplateOptions } from "./template";
export { PRESETS, presetSettings } from "./presets";
export { STRATEGY_DOCS, strategyMarkdown } from "./strategies";
export type { Diagnostic, Fix, Severity, TextEdit } from "./diagnostics";
