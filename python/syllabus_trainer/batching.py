"""Left-padded batches with correct position ids, and forwards that compute logits only where needed.

Left padding puts every sequence's end at the same column, so the answer tokens (training) and the
next-token position after the cue (evaluation) line up across the batch and `logits_to_keep` can skip
the vocabulary projection everywhere else (most of the memory of a 32k-vocabulary forward).
Position ids count from each sequence's first real token (cumsum of the mask − 1), so a padded
sequence sees exactly the positions it would see alone.

Scoring (`exact_head=True`, evaluate and score): the decoder body runs under autocast but the output
projection runs in float32 outside it. Under bf16 autocast the head's output is rounded to bf16 — steps of
0.0625 near a logit of 12, so 12.3456, 12.37 and 12.40 all read 12.375 — which ties letters that the model
does rank and coarsens `score` probabilities. Training keeps the autocast head (HF Trainer does the same).
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


def _base(model):
    return model.get_base_model() if hasattr(model, "get_base_model") else model


def _keep_kwarg(model) -> str | None:
    params = inspect.signature(_base(model).forward).parameters
    for name in ("logits_to_keep", "num_logits_to_keep"):
        if name in params:
            return name
    return None


def autocast(device, dtype):
    """Autocast to `dtype` on the model's device (CUDA in runs; CPU too, so tests can reproduce bf16 rounding)."""
    import torch

    if dtype is None:
        return contextlib.nullcontext()
    return torch.autocast(device_type=device.type, dtype=dtype)


def float32_head_logits(model, hidden):
    """The output projection of `hidden` (batch, keep, d) in float32, autocast off: exact up to float32 sums."""
    import torch
    import torch.nn.functional as F

    base = _base(model)
    head = base.get_output_embeddings()
    with torch.autocast(device_type=hidden.device.type, enabled=False):
        bias = head.bias.float() if getattr(head, "bias", None) is not None else None
        logits = F.linear(hidden.float(), head.weight.float(), bias)
        cap = getattr(base.config, "final_logit_softcapping", None)
        if cap:  # Gemma-2 style soft cap, as the model's own forward applies it
            logits = torch.tanh(logits / cap) * cap
    return logits


def last_logits(model, seqs: list[list[int]], keep: int, pad_id: int, device, autocast_dtype=None, *,
                exact_head: bool = False):
    """float32 logits of the last `keep` positions of each left-padded sequence: (batch, keep, vocab), and the
    number of real input tokens (counted on the CPU from the sequences: no GPU sync)."""
    ids, mask, positions = left_pad(seqs, pad_id, device)
    n_input = sum(len(s) for s in seqs)
    if exact_head:
        body = _base(model).get_decoder()
        with autocast(device, autocast_dtype):
            # through the (peft-wrapped) layers: LoRA modules are injected in place, so the body carries them
            hidden = body(input_ids=ids, attention_mask=mask, position_ids=positions, use_cache=False).last_hidden_state
        return float32_head_logits(model, hidden[:, -keep:, :]), n_input
    kwargs = {"input_ids": ids, "attention_mask": mask, "position_ids": positions, "use_cache": False}
    name = _keep_kwarg(model)
    if name:
        kwargs[name] = keep
    with autocast(device, autocast_dtype):
        out = model(**kwargs)
    return out.logits[:, -keep:, :].float(), n_input
