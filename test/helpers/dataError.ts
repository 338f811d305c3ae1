import assert from "node:assert/strict";
import { DataError } from "../../src/core/errors";

/** The DataError `fn` throws; fails the test when it throws something else or nothing. */
export function dataErrorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    return e;
  }
  assert.fail("expected a DataError");
}
