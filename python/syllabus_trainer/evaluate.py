"""Accuracy by restricted option log-likelihood (what the published inference code effectively did,
the published training/inference/inference.py, without its BOS/truncation/padding bugs).

For each question, log P(" X" | prompt) for each of its own option letters X (4 or 5 from the data),
with a full-vocabulary log-softmax, the continuation tokenised exactly as training appended it. The
prediction is the letter with the highest log-prob; ties go to the earliest letter (A before B).
Batched with left padding and corrected position ids; questions are sorted by length for speed,
which does not change any result beyond float noise.
"""
from __future__ import annotations

from .bundle import Question
from .batching import last_logits
from .encode import Encoded


def option_logprobs(model, items: list[Encoded], *, pad_id: int, device, batch_size: int = 8,
                    autocast_dtype=None) -> list[dict[str, float]]:
    import torch

    out: list[dict[str, float] | None] = [None] * len(items)
    single = [i for i, e in enumerate(items) if all(len(c) == 1 for c in e.continuations.values())]
    single_set = set(single)
    multi = [i for i in range(len(items)) if i not in single_set]
    with torch.no_grad():
        # one forward per question: the next-token distribution after the cue
        single.sort(key=lambda i: len(items[i].prompt_ids))
        for start in range(0, len(single), batch_size):
            chunk = single[start:start + batch_size]
            logits, _ = last_logits(model, [items[i].prompt_ids for i in chunk], 1, pad_id, device, autocast_dtype)
            logp = torch.log_softmax(logits[:, -1, :], dim=-1)
            for row, i in enumerate(chunk):
                out[i] = {l: float(logp[row, c[0]]) for l, c in items[i].continuations.items()}
        # letters of several tokens: one sequence per (question, letter), summed over the letter's tokens
        pairs = [(i, l) for i in multi for l in items[i].continuations]
        pairs.sort(key=lambda p: len(items[p[0]].prompt_ids) + len(items[p[0]].continuations[p[1]]))
        for start in range(0, len(pairs), batch_size):
            chunk = pairs[start:start + batch_size]
            conts = [items[i].continuations[l] for i, l in chunk]
            keep = max(len(c) for c in conts) + 1
            logits, _ = last_logits(model, [items[i].prompt_ids + c for (i, _), c in zip(chunk, conts)], keep,
                                    pad_id, device, autocast_dtype)
            logp = torch.log_softmax(logits, dim=-1)
            for row, ((i, l), c) in enumerate(zip(chunk, conts)):
                # token k of the continuation sits at column keep-len(c)+k and is predicted one column earlier
                total = sum(float(logp[row, keep - len(c) + k - 1, tok]) for k, tok in enumerate(c))
                if out[i] is None:
                    out[i] = {}
                out[i][l] = total
    return [o if o is not None else {} for o in out]


def predict(logprobs: dict[str, float], letters: list[str]) -> str:
    """argmax with ties to the earliest letter."""
    best = letters[0]
    for l in letters[1:]:
        if logprobs[l] > logprobs[best]:
            best = l
    return best


def prediction_rows(questions: list[Question], items: list[Encoded], logprobs: list[dict[str, float]]):
    rows, correct = [], 0
    for q, e, lp in zip(questions, items, logprobs):
        letters = q.letters
        pred = predict(lp, letters)
        correct += pred == q.answer
        rows.append({"id": q.id, "gold": q.answer, "predicted": pred,
                     "logprobs": {l: lp[l] for l in letters}, "truncated": e.truncated})
    n = len(questions)
    return rows, {"accuracy": correct / n if n else 0.0, "n": n, "correct": correct}
