import type { Command } from "../command";
import { describeMissingOwnFiles, missingOwnFiles } from "../../core/experiment/ownFiles";
import { planExperiment } from "../../core/runs/plan";
import { RunStore } from "../../core/runs/store";
import { loadExperiment, parseWithFile } from "../experimentArgs";

const usage = `usage: syllabus plan FILE [--experiment NAME] [--json]

Expands the experiment into its runs (model × strategy × seed; × fold under cross_validation, each fold's
runs evaluated only on its held-out questions): each run's id (a content hash of
everything that determines the result), what it trains on, and whether a finished result exists.
Runs with a result are never trained again; \`syllabus run\` launches only the missing ones.`;

export const planCommand: Command = {
  name: "plan",
  summary: "list the runs an experiment expands to, and which are already done",
  usage,
  async run(argv) {
    const { file, values } = parseWithFile(argv, { json: { type: "boolean" } });
    const target = loadExperiment(file, values.experiment as string | undefined);
    const own = missingOwnFiles(target.config, target.experiment.name);
    if (own.length) {
      // Not an error: the config is right, the user has yet to add a file that is not public.
      console.error(`warning: ${describeMissingOwnFiles(target.experiment.name, own)}\nnot planned until then.`);
      if (values.json) console.log(JSON.stringify({ experiment: target.experiment.name, skipped: true, missingOwnFiles: own }, null, 2));
      return 0;
    }
    const plan = await planExperiment(target.config, target.experiment.name);
    const store = new RunStore(target.workspaceRoot);
    const rows = plan.runs.map((r) => ({
      runId: r.runId,
      ...(r.fold ? { fold: r.fold.index } : {}),
      model: r.model,
      strategy: r.strategy,
      seed: r.seed,
      host: r.host,
      state: store.state(r.runId) ?? "missing",
    }));
    const exp = plan.experiment;
    if (values.json) {
      const cv = exp.crossValidation ? { crossValidation: { ...exp.crossValidation, heldOut: plan.foldSizes } } : {};
      console.log(JSON.stringify({ experiment: exp.name, trainQuestions: plan.trainCount, ...cv, runs: rows }, null, 2));
      return 0;
    }
    const grid = `${exp.crossValidation ? `${exp.crossValidation.folds} folds × ` : ""}${exp.strategies.length} strategies × ${exp.models.length} model${exp.models.length === 1 ? "" : "s"} × ${exp.seeds.length} seed${exp.seeds.length === 1 ? "" : "s"}`;
    console.log(`experiment ${exp.name}: ${rows.length} runs (${grid}), ${plan.trainCount} training questions, host ${exp.host}`);
    if (exp.crossValidation && plan.foldSizes) {
      const cv = exp.crossValidation;
      console.log(`cross-validation: ${cv.folds} folds (seed ${cv.seed}${cv.stratify === "category" ? ", stratified by category" : ""}), held out ${plan.foldSizes.join(" / ")}; each run is scored only on its held-out fold, a seed's folds pool into one ${exp.trainOn} score`);
    }
    const width = Math.max(...rows.map((r) => r.strategy.length));
    const modelWidth = Math.max(...rows.map((r) => r.model.length));
    for (const r of rows) {
      const fold = r.fold !== undefined ? `fold ${r.fold}/${exp.crossValidation!.folds}  ` : "";
      console.log(`  ${r.runId}  ${fold}${r.model.padEnd(modelWidth)}  ${r.strategy.padEnd(width)}  seed ${String(r.seed).padEnd(4)} ${r.state}`);
    }
    const done = rows.filter((r) => r.state === "succeeded").length;
    console.log(`${done} done, ${rows.length - done} to run`);
    return 0;
  },
};
