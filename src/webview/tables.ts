/**
 * Each panel's data as a table (header + rows), for "Export CSV" and for anyone who wants the numbers
 * behind a chart. Pure; the extension writes the file, so the webview never needs file access.
 */
import type { PanelKind, PayloadOf } from "./messages";

type Cell = string | number | null | undefined;
export type Table = Cell[][];

export function panelTable<K extends PanelKind>(panel: K, payload: PayloadOf[K]): Table {
  switch (panel) {
    case "comparison": {
      const p = payload as PayloadOf["comparison"];
      return [
        ["experiment", "model", "eval_set", "strategy", "seeds", "mean_accuracy", "ci_low", "ci_high", "ci_method", "gain_vs_" + p.baseline, "gain_ci_low", "gain_ci_high", "p_value", "test"],
        ...p.cells.map((c) => [p.experiment, c.model, c.evalSet, c.strategy, c.seeds.length, c.mean, c.ciLow, c.ciHigh, c.ciMethod, c.gain?.mean, c.gain?.ciLow, c.gain?.ciHigh, c.pValue, c.test]),
      ];
    }
    case "curves": {
      const p = payload as PayloadOf["curves"];
      const rows: Table = [["experiment", "model", "strategy", "seed", "step", "questions_seen", "loss"]];
      for (const s of p.series) s.steps.forEach((step, i) => rows.push([p.experiment, s.model, s.strategy, s.seed, step, s.questionsSeen[i], s.loss[i]]));
      return rows;
    }
    case "orders": {
      const p = payload as PayloadOf["orders"];
      const rows: Table = [["experiment", "dataset", "strategy", "seed", "position", "difficulty", "category"]];
      for (const o of p.orders) o.difficulty.forEach((d, i) => rows.push([p.experiment, p.dataset, o.strategy, o.seed, i, d, p.categories[o.category[i] ?? -1] ?? ""]));
      return rows;
    }
    case "categories": {
      const p = payload as PayloadOf["categories"];
      const rows: Table = [["experiment", "model", "eval_set", "strategy", "category", "n", "accuracy"]];
      for (const s of p.strategies) p.categories.forEach((c, i) => rows.push([p.experiment, p.model, p.evalSet, s.strategy, c, s.n[i], s.accuracy[i]]));
      return rows;
    }
    default:
      throw new Error(`unknown panel ${String(panel)}`);
  }
}

function csvField(v: Cell): string {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "";
  const s = String(v);
  // quote when needed; prefix formula-like text so spreadsheets do not execute it (CSV injection)
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: Table): string {
  return table.map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}
