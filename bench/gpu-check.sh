#!/usr/bin/env bash
# The GPU path's prepared first-run check, one command, under 10 minutes on one GPU (no network needed:
# the models are built from configs with random weights):
#   1. environment: versions, CUDA, bf16, bitsandbytes (≥ the trainer's minimum), nvidia-smi
#   2. a tiny nf4 train + evaluate with paged 8-bit AdamW (QLoRA on CUDA, not the CPU fallback)
#   3. `evaluate` vs training's own evaluation (log-probs within 1e-3, same letters outside near-ties)
#   4. preempt (SIGUSR1 → exit 75, resumable) and resume vs an uninterrupted run: exact in deterministic mode
#      (SYLLABUS_DETERMINISTIC=1), within 1e-2 × max |w| in the default mode
#   5. bench/gpu.sh with a 4-layer Llama-2-7B shape, 20 steps (speed and memory ratios vs HF Trainer)
# Prints PASS/FAIL/INFO per step and writes bench/results/gpu-check.json; exits 1 if a step failed.
#
#   bench/gpu-check.sh [--layers N] [--bench-steps N] [--skip train|resume|bench] [--work DIR]
#   bench/gpu-check.sh --cpu      # CPU smoke mode: the same steps on CPU (what the tests run)
#   PYTHON=/path/to/python bench/gpu-check.sh   # default: .venv/bin/python, else python3
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
visible="${CUDA_VISIBLE_DEVICES:-0}"
export CUDA_VISIBLE_DEVICES="${visible%%,*}"  # one GPU, as a placed run sees it
export PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}"
exec "$PY" bench/gpu_check.py "$@"
