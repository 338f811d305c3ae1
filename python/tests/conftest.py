"""Shared helpers: run bundles built from the real MedQA / MedMCQA files shipped in data/ (see data/README.md)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))
DATA = REPO / "data"
os.environ.setdefault("SYLLABUS_DEVICE", "cpu")  # the pytest suite is the CPU path, even on a GPU host
# 2 shared cores: one intra-op thread is several times faster than an oversubscribed pool (and is inherited
# by the subprocesses the tests start).
os.environ.setdefault("OMP_NUM_THREADS", "1")


def medqa(n: int, start: int = 0) -> list[dict]:
    out = []
    with open(DATA / "medqa" / "us_test_5options.jsonl", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < start:
                continue
            if len(out) == n:
                break
            d = json.loads(line)
            out.append({"id": f"medqa-{i}", "question": d["question"], "options": d["options"], "answer": d["answer_idx"]})
    return out


def medmcqa(n: int) -> list[dict]:
    out = []
    with open(DATA / "medmcqa" / "dev.json", encoding="utf-8") as f:
        for line in f:
            if len(out) == n:
                break
            d = json.loads(line)
            out.append({"id": d["id"], "question": d["question"],
                        "options": {"A": d["opa"], "B": d["opb"], "C": d["opc"], "D": d["opd"]},
                        "answer": "ABCD"[d["cop"] - 1]})  # the original files' cop is 1-based
    return out


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def make_bundle(run_dir: Path, train: list[dict], evals: dict[str, list[dict]] | None = None, *,
                model: dict | None = None, optim: dict | None = None, **top) -> Path:
    run_dir.mkdir(parents=True, exist_ok=True)
    write_jsonl(run_dir / "train.jsonl", train)
    eval_specs = []
    for name, rows in (evals or {}).items():
        write_jsonl(run_dir / "eval" / f"{name}.jsonl", rows)
        eval_specs.append({"name": name, "file": f"eval/{name}.jsonl"})
    spec = {
        "schemaVersion": 1,
        "runId": "test-run",
        "model": {"hf": "tiny-random-llama", "quantize": "nf4", "lora": {"r": 4, "alpha": 16, "dropout": 0.1},
                  "maxLength": 512, **(model or {})},
        "optim": {"lr": 1e-2, "batch": 2, "accumulate": 2, "schedule": "linear", "warmup": 0, "weightDecay": 0.0,
                  "gradClip": 1.0, "epochs": 1, "optimizer": "paged_adamw_8bit", **(optim or {})},
        "seed": 42,
        "eval": eval_specs,
        "checkpointEvery": 0,
        **top,
    }
    (run_dir / "run.json").write_text(json.dumps(spec, indent=2))
    return run_dir


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]


@pytest.fixture(scope="session")
def tiny():
    """Both tokenizers' tiny models, built once per session (tests that train make their own copies)."""
    from syllabus_trainer.tiny import build_tiny

    return {name: build_tiny(name) for name in ("tiny-random-llama", "tiny-random-llama-sp", "tiny-random-llama-char")}
