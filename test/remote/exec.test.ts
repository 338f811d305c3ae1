import { test } from "node:test";
import assert from "node:assert/strict";
import { LocalExec } from "../../src/remote/exec";

test("a local command that exits without reading its stdin is a result, not a crash (EPIPE)", async () => {
  const exec = new LocalExec();
  for (let i = 0; i < 20; i++) {
    const r = await exec.run("exit 3", { stdin: Buffer.alloc(4 << 20, 120) });
    assert.equal(r.code, 3);
  }
  const echoed = await exec.run("wc -c", { stdin: "hello" });
  assert.equal(echoed.stdout.trim(), "5");
});
