"""bench/gpu-check.sh is the GPU path's prepared first-run check; its CPU smoke mode runs here so the script
is known to work up to the CUDA-only assertions: train, evaluate-vs-training, SIGUSR1 → 75 → resume equal
to an uninterrupted run. (Its bench step is bench/gpu.sh, covered by test_bench.py.)"""
import json
import os
import subprocess

from conftest import REPO


def test_gpu_check_cpu_smoke_mode_passes_every_step(tmp_path):
    env = {**os.environ, "PYTHON": os.sys.executable}
    proc = subprocess.run([str(REPO / "bench" / "gpu-check.sh"), "--cpu", "--skip", "bench", "--work", str(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    result = json.loads((REPO / "bench" / "results" / "gpu-check-cpu.json").read_text())
    steps = result["steps"]
    assert result["failures"] == [] and result["mode"] == "cpu"
    assert set(steps) == {"environment", "train nf4 + paged AdamW 8-bit", "evaluate vs training-time evaluation",
                          "preempt (SIGUSR1 → 75) and resume, deterministic mode"}
    resume = steps["preempt (SIGUSR1 → 75) and resume, deterministic mode"]
    assert resume["ok"] and resume["maxWeightDiff"] == 0.0 and resume["stoppedAtStep"] >= 2
    assert steps["evaluate vs training-time evaluation"]["maxLogprobDiff"] <= 1e-3
