"""Left-padded batches with correct position ids, and forwards that compute logits only where needed.

Left padding puts every sequence's end at the same column, so the answer tokens (training) and the
next-token position after the cue (evaluation) line up across the batch and `logits_to_keep` can skip
the vocabulary projection everywhere else (most of the memory of a 32k-vocabulary forward).
Position ids count from each sequence's first real token (cumsum of the mask − 1), so a padded
sequence sees exactly the positions it would see alone.
"""
from __future__ import annotations

import contextlib
import inspect


def left_pad(seqs: list[list[int]], pad_id: int, device):
    import torch

    width = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for i, s in enumerate(seqs):
        if s:
            ids[i, width - len(s):] = torch.tensor(s, dtype=torch.long)
            mask[i, width - len(s):] = 1
    positions = (mask.cumsum(dim=1) - 1).clamp(min=0)
    return ids.to(device), mask.to(device), positions.to(device)


def _keep_kwarg(model) -> str | None:
    base = model
    for attr in ("get_base_model",):
        if hasattr(base, attr):
            base = base.get_base_model()
    params = inspect.signature(base.forward).parameters
    for name in ("logits_to_keep", "num_logits_to_keep"):
        if name in params:
            return name
    return None


def autocast(device, dtype):
    import torch

    if dtype is None or device.type != "cuda":
        return contextlib.nullcontext()
    return torch.autocast(device_type="cuda", dtype=dtype)


def last_logits(model, seqs: list[list[int]], keep: int, pad_id: int, device, autocast_dtype=None):
    """float32 logits of the last `keep` positions of each left-padded sequence: (batch, keep, vocab)."""
    ids, mask, positions = left_pad(seqs, pad_id, device)
    kwargs = {"input_ids": ids, "attention_mask": mask, "position_ids": positions, "use_cache": False}
    name = _keep_kwarg(model)
    if name:
        kwargs[name] = keep
    with autocast(device, autocast_dtype):
        out = model(**kwargs)
    return out.logits[:, -keep:, :].float(), int(mask.sum())
