"""Preemption the hard way: SIGKILL the real CLI after a checkpoint, run `train` again, and get exactly
the weights of a run that was never interrupted (LoRA dropout on, so RNG restore matters)."""
import json
import os
import signal
import subprocess
import sys
import time

import torch

from conftest import REPO, make_bundle, medmcqa, read_jsonl
from syllabus_trainer.runner import train_command


def test_resume_after_sigkill_matches_an_uninterrupted_run(tmp_path):
    rows = medmcqa(10)
    opts = dict(optim={"batch": 2, "accumulate": 1, "schedule": "linear", "warmup": 0.2, "weightDecay": 0.01},
                model={"lora": {"r": 4, "alpha": 16, "dropout": 0.2}}, checkpointEvery=1)
    killed = make_bundle(tmp_path / "killed", rows, **opts)
    clean = make_bundle(tmp_path / "clean", rows, **opts)

    env = {**os.environ, "PYTHONPATH": str(REPO / "python"), "SYLLABUS_TEST_STEP_DELAY": "0.4"}
    proc = subprocess.Popen([sys.executable, "-m", "syllabus_trainer", "train", str(killed)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        meta = killed / "checkpoint" / "meta.json"
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if meta.exists() and json.loads(meta.read_text())["step"] >= 2:
                break
            assert proc.poll() is None, "the trainer exited before it could be killed"
            time.sleep(0.05)
        time.sleep(0.5)  # land somewhere inside a later step
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    status = json.loads((killed / "status.json").read_text())  # complete JSON despite the kill
    assert status["state"] == "training"
    step_at_kill = json.loads(meta.read_text())["step"]
    assert 2 <= step_at_kill < 5

    assert train_command(killed) == 0
    assert train_command(clean) == 0
    a = torch.load(killed / "checkpoint" / "state.pt", weights_only=False)
    b = torch.load(clean / "checkpoint" / "state.pt", weights_only=False)
    assert a["step"] == b["step"] == 5
    assert a["adapter"].keys() == b["adapter"].keys()
    for k in a["adapter"]:
        assert torch.equal(a["adapter"][k], b["adapter"][k]), k
    assert (killed / "consumed.txt").read_text() == (clean / "consumed.txt").read_text()
    assert json.loads((killed / "result.json").read_text())["consumedIds"] == json.loads((clean / "result.json").read_text())["consumedIds"]
    resumes = [e for e in read_jsonl(killed / "events.jsonl") if e["type"] == "resume"]
    assert [e["step"] for e in resumes] == [step_at_kill]
