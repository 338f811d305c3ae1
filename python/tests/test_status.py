"""status.json is replaced atomically: a process killed at any instant leaves a complete file."""
import json
import os
import signal
import subprocess
import sys
import time

from conftest import REPO
from syllabus_trainer.status import RunStatusWriter

WRITER = """
import sys
from syllabus_trainer.status import RunStatusWriter
w = RunStatusWriter(sys.argv[1], heartbeat_s=0.001)
w.set_state("training", totalSteps=10**9)
w.start_heartbeat()
i = 0
print("ready", flush=True)
while True:
    i += 1
    w.update(step=i, message="x" * (i % 50_000))  # sizes vary so a torn write would show
"""


def test_status_survives_sigkill_at_any_instant(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "python")}
    for round_ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], env=env, stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(0.05 + 0.037 * round_)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        status = json.loads((tmp_path / "status.json").read_text())
        assert status["state"] == "training" and status["step"] >= 1
        assert len(status["message"]) == status["step"] % 50_000
    RunStatusWriter(tmp_path)  # the next writer sweeps temp files a kill left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "status.json"]


def test_heartbeat_refreshes_and_state_events_are_logged(tmp_path):
    w = RunStatusWriter(tmp_path, heartbeat_s=0.05)
    w.set_state("training", totalSteps=3)
    first = json.loads((tmp_path / "status.json").read_text())["heartbeatAt"]
    w.start_heartbeat()
    time.sleep(0.3)
    w.stop_heartbeat()
    assert json.loads((tmp_path / "status.json").read_text())["heartbeatAt"] > first
    w.set_state("failed", error="boom")
    w.set_state("preparing", error=None)
    st = json.loads((tmp_path / "status.json").read_text())
    assert "error" not in st and st["state"] == "preparing" and st["schemaVersion"] == 1 and st["pid"] == os.getpid()
    events = [json.loads(l) for l in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert [e["state"] for e in events] == ["training", "failed", "preparing"]
