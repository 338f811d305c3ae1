/** The pre-flight's verdict from a doctor report: ready only when the trainer's packages import. */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { DoctorReport } from "../../src/remote/doctor";
import { trainerReadiness } from "../../src/remote/readiness";

const report = (over: Partial<DoctorReport>): DoctorReport => ({ host: "local", reachable: true, python: "3.11.2", packages: { torch: "2.15.0", transformers: "5.2", peft: "0.21", numpy: "2.4", bitsandbytes: null }, gpus: [], workdir: "/w", ...over });

test("ready when torch, transformers, peft and numpy import (bitsandbytes is optional)", () => {
  assert.deepEqual(trainerReadiness(report({}), { python: "/v/bin/python", local: true }), { ready: true });
});

test("not ready without torch: says which packages and which python, and the fix names the editor command and the CLI", () => {
  const r = trainerReadiness(report({ packages: { torch: null, transformers: null, peft: "0.21", numpy: "2.4" } }), { python: "/usr/bin/python3", local: true });
  assert.equal(r.ready, false);
  assert.match(r.problem!, /cannot import torch, transformers \(Python 3\.11\.2 at \/usr\/bin\/python3\)/);
  assert.match(r.fix!, /Set Up Local Trainer/);
  assert.match(r.fix!, /syllabus setup local/);
  assert.doesNotMatch(r.fix!, /requirements\.txt/, "never a path inside the extension's folder");
});

test("not ready when the python does not run, or the host is unreachable; a remote fix names its host", () => {
  assert.match(trainerReadiness(report({ python: undefined, packages: {} }), { python: "/nope/python", local: true }).problem!, /\/nope\/python does not run/);
  const remote = trainerReadiness(report({ host: "gpu", reachable: false, error: "connect ECONNREFUSED" }), { python: "python3", local: false });
  assert.match(remote.problem!, /gpu is unreachable: connect ECONNREFUSED/);
  const missing = trainerReadiness(report({ host: "gpu", packages: { torch: null } }), { python: "python3", local: false });
  assert.match(missing.fix!, /syllabus setup FILE --host gpu/);
});
