"""Accuracy by restricted option log-likelihood (what the published inference code effectively did,
the published training/inference/inference.py, without its BOS/truncation/padding bugs).

For each question, log P(" X" | prompt) for each of its own option letters X (4 or 5 from the data),
with a full-vocabulary log-softmax in float32 (batching.py: the output projection runs outside autocast),
the continuation tokenised exactly as training appended it. The prediction is the letter with the highest
log-prob; an exact tie is broken by a hash of the question id (reproducible, and not biased towards A as
"earliest letter wins" would be) and marked `tie` in the prediction row.
Batched with left padding and corrected position ids; questions are sorted by length for speed,
which does not change any result beyond float noise. One device→host copy per batch, not per letter.
"""
from __future__ import annotations

import hashlib

from .bundle import Question
from .batching import last_logits
from .encode import Encoded


DEFAULT_BATCH = 16


def eval_precision(device, autocast_dtype) -> str:
    """How letter log-probs are computed, for result.json (the same after training and in `evaluate`)."""
    body = {None: "float32"}.get(autocast_dtype, str(autocast_dtype).replace("torch.", ""))
    return (f"float32 log-softmax over a float32 output projection; decoder body in {body} on {device.type} "
            "(the same in training's evaluation and in `evaluate`)")


def option_logprobs(model, items: list[Encoded], *, pad_id: int, device, batch_size: int = DEFAULT_BATCH,
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
            logits, _ = last_logits(model, [items[i].prompt_ids for i in chunk], 1, pad_id, device, autocast_dtype,
                                    exact_head=True)
            logp = torch.log_softmax(logits[:, -1, :], dim=-1)
            letters = [list(items[i].continuations) for i in chunk]
            width = max(len(ls) for ls in letters)
            index = torch.tensor([[items[i].continuations[l][0] for l in ls] + [0] * (width - len(ls))
                                  for i, ls in zip(chunk, letters)], device=logp.device)
            picked = logp.gather(1, index).cpu().tolist()  # the batch's one read
            for row, (i, ls) in enumerate(zip(chunk, letters)):
                out[i] = dict(zip(ls, picked[row]))
        # letters of several tokens: one sequence per (question, letter), summed over the letter's tokens
        pairs = [(i, l) for i in multi for l in items[i].continuations]
        pairs.sort(key=lambda p: len(items[p[0]].prompt_ids) + len(items[p[0]].continuations[p[1]]))
        for start in range(0, len(pairs), batch_size):
            chunk = pairs[start:start + batch_size]
            conts = [items[i].continuations[l] for i, l in chunk]
            keep = max(len(c) for c in conts) + 1
            logits, _ = last_logits(model, [items[i].prompt_ids + c for (i, _), c in zip(chunk, conts)], keep,
                                    pad_id, device, autocast_dtype, exact_head=True)
            logp = torch.log_softmax(logits, dim=-1)
            # token k of the continuation sits at column keep-len(c)+k and is predicted one column earlier
            rows = [row for row, c in enumerate(conts) for _ in c]
            cols = [keep - len(c) + k - 1 for c in conts for k in range(len(c))]
            toks = [tok for c in conts for tok in c]
            at = {"device": logp.device}
            values = logp[torch.tensor(rows, **at), torch.tensor(cols, **at), torch.tensor(toks, **at)].cpu().tolist()
            sums = [0.0] * len(chunk)
            for row, v in zip(rows, values):
                sums[row] += v
            for (i, l), total in zip(chunk, sums):
                if out[i] is None:
                    out[i] = {}
                out[i][l] = total
    return [o if o is not None else {} for o in out]


def tied_best(logprobs: dict[str, float], letters: list[str]) -> list[str]:
    top = max(logprobs[l] for l in letters)
    return [l for l in letters if logprobs[l] == top]


def predict(logprobs: dict[str, float], letters: list[str], qid: str = "") -> str:
    """argmax; an exact tie goes to the letter a hash of the question id picks among the tied ones."""
    best = tied_best(logprobs, letters)
    if len(best) == 1:
        return best[0]
    return best[int(hashlib.sha256(qid.encode("utf-8")).hexdigest(), 16) % len(best)]


def prediction_rows(questions: list[Question], items: list[Encoded], logprobs: list[dict[str, float]]):
    rows, correct = [], 0
    for q, e, lp in zip(questions, items, logprobs):
        letters = q.letters
        pred = predict(lp, letters, q.id)
        correct += pred == q.answer
        row = {"id": q.id, "gold": q.answer, "predicted": pred, "logprobs": {l: lp[l] for l in letters},
               "optionCount": len(letters), "truncated": e.truncated}
        if len(tied_best(lp, letters)) > 1:
            row["tie"] = True
        rows.append(row)
    n = len(questions)
    return rows, {"accuracy": correct / n if n else 0.0, "n": n, "correct": correct}
