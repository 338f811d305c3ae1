"""bench/gpu.sh is a prepared GPU script; its CPU-tiny path (SYLLABUS_BENCH_TINY=1) runs here so it
cannot rot: both contenders train on the same ordered data and report tokens/s and peak memory."""
import json
import os
import re
import subprocess

from conftest import REPO


def test_gpu_bench_tiny_path_runs_both_trainers(tmp_path):
    env = {**os.environ, "SYLLABUS_BENCH_TINY": "1", "SYLLABUS_BENCH_DIR": str(tmp_path), "PYTHON": os.sys.executable}
    proc = subprocess.run([str(REPO / "bench" / "gpu.sh"), "--steps", "3"], env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    ours = re.search(r"^syllabus trainer\s+([\d.]+) tokens/s\s+peak\s+([\d.]+) GiB\s+(\d+) steps", proc.stdout, re.M)
    assert ours and float(ours.group(1)) > 0 and float(ours.group(2)) > 0 and ours.group(3) == "3"
    result = json.loads((REPO / "bench" / "results" / "gpu-tiny.json").read_text())
    assert result["syllabus"]["steps"] == 3 and result["args"]["steps"] == 3
    try:
        import accelerate  # noqa: F401
    except ImportError:
        assert "HF Trainer skipped" in proc.stdout
        return
    hf = re.search(r"^HF Trainer \(sequential\)\s+([\d.]+) tokens/s.*?(\d+) steps", proc.stdout, re.M)
    assert hf and float(hf.group(1)) > 0 and hf.group(2) == "3"
    # fair: both trained on the same micro-batches, counted as each side consumed them (3 steps × 2 micro-batches)
    assert result["hfTrainer"]["microBatches"] == 6
    assert result["hfTrainer"]["tokens"] == result["syllabus"]["tokens"] > 0
