/** `syllabus report CONFIG --study NAME`: prints what src/core/report/study.ts wrote. */
import type { ReportOptions } from "../core/report/index";
import { writeStudyReport } from "../core/report/study";
import { loadConfig } from "../language/load";
import { UsageError } from "./args";
import { suggestion } from "./did-you-mean";

export async function studyReport(configFile: string, name: string, out: string, options: ReportOptions & { title?: string }): Promise<number> {
  const { config, warnings } = loadConfig(configFile);
  for (const w of warnings) console.error(`${w.file}:${w.line}: warning: ${w.message}`);
  const names = Object.keys(config.studies ?? {});
  if (!names.includes(name)) throw new UsageError(`no study "${name}" in ${configFile}${suggestion(name, names)}${names.length ? ` (studies: ${names.join(", ")})` : ""}`);
  const report = await writeStudyReport(config, name, out, options);
  for (const n of report.notes) console.error(`note: ${n}`);
  for (const l of report.lines) console.log(l);
  console.log(`wrote ${report.files.length} files to ${out} (open ${report.main})`);
  return 0;
}
