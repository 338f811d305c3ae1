"""Resumable training state: adapter weights, optimizer, scheduler, every RNG, and the position in
the order (optimizer step, questions consumed). Saved only at optimizer-step boundaries, into a
fresh folder that then replaces `checkpoint/` by rename, so a kill at any instant leaves one complete
checkpoint (the old or the new; `checkpoint.old/` covers the instant between the two renames).
"""
from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

from .bundle import FILES

STATE_FILE = "state.pt"


def rng_state() -> dict:
    import numpy as np
    import torch

    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        # the run's own device only (cuda:0 of its CUDA_VISIBLE_DEVICES): a resume may see fewer GPUs than the
        # first attempt did (another slot), and set_rng_state_all would then fail
        state["cuda"] = torch.cuda.get_rng_state(0)
    return state


def set_rng_state(state: dict) -> None:
    import numpy as np
    import torch

    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if state.get("cuda") is not None and torch.cuda.is_available():
        cuda = state["cuda"]
        # older checkpoints hold one state per visible GPU; the run used the first
        torch.cuda.set_rng_state(cuda[0] if isinstance(cuda, (list, tuple)) else cuda, 0)


def save(run_dir: Path, state: dict) -> None:
    import torch

    run_dir = Path(run_dir)
    final = run_dir / FILES["checkpoint"]
    old = run_dir / (FILES["checkpoint"] + ".old")
    tmp = run_dir / f".{FILES['checkpoint']}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with open(tmp / STATE_FILE, "wb") as f:
        torch.save(state, f)
        f.flush()
        os.fsync(f.fileno())
    meta = {k: state[k] for k in ("step", "totalSteps", "questionsSeen", "runId", "trainerVersion")}
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.replace(final, old)
    os.replace(tmp, final)
    shutil.rmtree(old, ignore_errors=True)


def load(run_dir: Path) -> dict | None:
    import torch

    run_dir = Path(run_dir)
    for folder in (run_dir / FILES["checkpoint"], run_dir / (FILES["checkpoint"] + ".old")):
        f = folder / STATE_FILE
        if f.is_file():
            # our own file (RNG states include numpy arrays), so the full unpickler is needed
            return torch.load(f, map_location="cpu", weights_only=False)
    return None


def exists(run_dir: Path) -> bool:
    run_dir = Path(run_dir)
    return any((run_dir / d / STATE_FILE).is_file() for d in (FILES["checkpoint"], FILES["checkpoint"] + ".old"))
