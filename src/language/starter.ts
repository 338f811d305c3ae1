/**
 * What "Syllabus: New Experiment" writes into a workspace: the template (src/language/template.ts) as a new
 * `.syllabus` file, and the public data files it reads, copied from the data Syllabus ships (with their
 * licences), so the new experiment checks and runs on this machine with nothing else to fetch.
 * Existing files are never overwritten.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { newExperimentTemplate, TEMPLATE_DATA } from "./template";

/** Files copied from the shipped data folder, relative to it and to the workspace's `data/`. */
const SHIPPED = ["medmcqa/dev.json", "medmcqa/LICENSE", "medqa/us_test_5options.jsonl", "medqa/LICENSE"];

/** The first free `experiment.syllabus`, `experiment-2.syllabus`, … in `dir`. */
export function freeConfigName(dir: string): string {
  for (let i = 1; ; i++) {
    const file = join(dir, i === 1 ? "experiment.syllabus" : `experiment-${i}.syllabus`);
    if (!existsSync(file)) return file;
  }
}

/** Writes the template and its data into `dir` (data from `shippedData`); returns the new config's path. */
export function writeStarterExperiment(dir: string, shippedData: string): string {
  for (const rel of SHIPPED) {
    const to = join(dir, "data", rel);
    if (existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    const tmp = `${to}.tmp-${process.pid}`;
    copyFileSync(join(shippedData, rel), tmp);
    renameSync(tmp, to);
  }
  const file = freeConfigName(dir);
  const n = file.match(/experiment-(\d+)\.syllabus$/)?.[1];
  writeFileSync(file, newExperimentTemplate({ name: n ? `experiment_${n}` : "first_experiment", ...TEMPLATE_DATA }), { flag: "wx" });
  return file;
}
