/** Aligns two runs' predictions question by question; a question missing from either run is an error, never dropped. */
import type { Prediction } from "./types";
import { DataError, type DataIssue } from "../errors";

export interface AlignedOutcomes {
  ids: string[];
  /** 1 when run A answered the question right. */
  correctA: Uint8Array;
  correctB: Uint8Array;
}

export function alignPredictions(a: readonly Prediction[], b: readonly Prediction[], names = { a: "run A", b: "run B" }): AlignedOutcomes {
  const issues: DataIssue[] = [];
  const index = (preds: readonly Prediction[], name: string) => {
    const m = new Map<string, Prediction>();
    preds.forEach((p, i) => {
      if (m.has(p.id)) issues.push({ file: name, line: i + 1, field: "id", message: `question id '${p.id}' appears twice`, fix: "each question must have one prediction per run" });
      else m.set(p.id, p);
    });
    return m;
  };
  const ma = index(a, names.a);
  const mb = index(b, names.b);
  const onlyIn = (x: Map<string, Prediction>, y: Map<string, Prediction>) => [...x.keys()].filter((id) => !y.has(id));
  const missingB = onlyIn(ma, mb);
  const missingA = onlyIn(mb, ma);
  const list = (ids: string[]) => ids.slice(0, 10).join(", ") + (ids.length > 10 ? ` … (${ids.length} in all)` : "");
  if (missingB.length) issues.push({ file: names.b, line: 0, field: "id", message: `${missingB.length} question(s) of ${names.a} have no prediction here: ${list(missingB)}`, fix: "compare runs evaluated on the same eval set" });
  if (missingA.length) issues.push({ file: names.a, line: 0, field: "id", message: `${missingA.length} question(s) of ${names.b} have no prediction here: ${list(missingA)}`, fix: "compare runs evaluated on the same eval set" });
  const ids = [...ma.keys()].filter((id) => mb.has(id));
  for (const id of ids) {
    if (ma.get(id)!.gold !== mb.get(id)!.gold)
      issues.push({ file: names.b, line: 0, field: "gold", message: `question '${id}' has gold '${mb.get(id)!.gold}' here but '${ma.get(id)!.gold}' in ${names.a}`, fix: "both runs must be scored against the same answer key" });
  }
  if (issues.length) throw new DataError(issues);
  const correctA = new Uint8Array(ids.length);
  const correctB = new Uint8Array(ids.length);
  ids.forEach((id, i) => {
    const pa = ma.get(id)!;
    const pb = mb.get(id)!;
    correctA[i] = pa.predicted === pa.gold ? 1 : 0;
    correctB[i] = pb.predicted === pb.gold ? 1 : 0;
  });
  return { ids, correctA, correctB };
}
