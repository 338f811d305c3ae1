#!/usr/bin/env bash
# The trainer's GPU benchmark: a randomly initialised Llama-2-7B-shape model (no download), 100 QLoRA
# steps in a fixed order with Syllabus's trainer loop, then the same steps on identical data with Hugging
# Face's Trainer (sequential sampler, the study's setup), in the same run. Prints tokens/s and peak memory
# of both and writes bench/results/gpu.json.
#
# Fair by construction: one GPU (CUDA_VISIBLE_DEVICES pinned to the first listed, default 0 — HF Trainer
# would otherwise spread each batch over every visible GPU); tokens are counted as each side actually
# trained on them (real, unpadded input tokens of the micro-batches it consumed); both sides are timed the
# same way, from the start of the first optimizer step to the end of the last (setup, loading and
# evaluation excluded on both).
#
#   bench/gpu.sh [--steps N] [--quantize nf4|none] [--batch B] [--accumulate A] [--max-length L]
#   SYLLABUS_BENCH_TINY=1 bench/gpu.sh   # CPU smoke path: tiny model, 4 steps (what the tests run)
#   PYTHON=/path/to/python bench/gpu.sh  # default: .venv/bin/python, else python3
#
# Needs: torch with CUDA, transformers, peft, bitsandbytes (nf4), accelerate (HF Trainer); ~20 GB free disk
# for the 7B-shape weights written once to $SYLLABUS_BENCH_DIR (default /tmp/syllabus-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
export PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}"
visible="${CUDA_VISIBLE_DEVICES:-0}"
export CUDA_VISIBLE_DEVICES="${visible%%,*}"
exec "$PY" bench/trainer_gpu.py "$@"
