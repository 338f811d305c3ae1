/** Small bad (and good) files written into a fresh temp folder per test file; never into the repo. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { DataError, type DataIssue } from "../../../src/core/errors";

const dir = mkdtempSync(join(tmpdir(), "syllabus-questions-"));

export function fixture(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

export const jsonl = (rows: unknown[]) => rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";

/** Runs `fn`, expects a DataError, returns its issues. */
export async function issuesOf(fn: () => Promise<unknown>): Promise<DataIssue[]> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof DataError, `expected a DataError, got ${String(err)}`);
    return err.issues;
  }
  assert.fail("expected a DataError, but the import succeeded");
}

/** The one issue at `line` (asserting there is exactly one). */
export function at(issues: DataIssue[], line: number): DataIssue {
  const found = issues.filter((i) => i.line === line);
  assert.equal(found.length, 1, `expected one issue on line ${line}, got ${JSON.stringify(issues)}`);
  return found[0]!;
}

export const REAL = {
  medqa: "data/medqa/us_test_5options.jsonl",
  medmcqa: "data/medmcqa/dev.json",
  golden: "test/fixtures/golden/orders/input.csv",
};
