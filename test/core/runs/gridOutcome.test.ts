import { test } from "node:test";
import assert from "node:assert/strict";
import { countGrid, describeGrid } from "../../../src/core/runs/gridOutcome";
import { withLocalPython } from "../../../src/core/experiment/localPython";
import { LOCAL_HOST, type ResolvedConfig } from "../../../src/core/experiment/model";

test("the end-of-run count covers every run of the grid, not the last poll", () => {
  // 12 runs all failed; the last poll saw only 1 of them: the count must still say 0 of 12 succeeded.
  const ids = Array.from({ length: 12 }, (_, i) => `r${i}`);
  const c = countGrid(ids, () => "failed");
  assert.deepEqual(c, { total: 12, succeeded: 0, failed: 12, cancelled: 0, unfinished: 0 });
  assert.equal(describeGrid("demo", c), "demo finished: 0 of 12 runs succeeded, 12 failed");
  const mixed = countGrid(ids, (id) => (id === "r0" ? "succeeded" : id === "r1" ? "cancelled" : id === "r2" ? "training" : id === "r3" ? undefined : "failed"));
  assert.equal(describeGrid("demo", mixed), "demo finished: 1 of 12 runs succeeded, 8 failed, 1 cancelled, 2 not finished");
});

test("syllabus.pythonPath applies to the built-in local host (which every config has) unless it names a python", () => {
  const config: ResolvedConfig = { file: "/x.syllabus", hosts: { local: LOCAL_HOST, gpu: { name: "gpu", kind: "ssh", ssh: "g", scheduler: { type: "direct", maxConcurrent: 1 } } }, datasets: {}, models: {}, experiments: {} };
  const withPy = withLocalPython(config, "/venv/bin/python");
  assert.equal(withPy.hosts.local!.python, "/venv/bin/python");
  assert.equal(withPy.hosts.gpu!.python, undefined, "remote hosts keep their own python");
  assert.equal(withLocalPython(config, "").hosts.local!.python, undefined);
  const own = { ...config, hosts: { ...config.hosts, local: { ...LOCAL_HOST, python: "/own/python" } } };
  assert.equal(withLocalPython(own, "/venv/bin/python").hosts.local!.python, "/own/python");
});
