"""Accuracy by greedy generation (`evalMode = "generate"`), the protocol Yang et al. 2024 describe in their
text: the fine-tuned model continues the prompt with greedy decoding, and its answer is the first option
letter in what it wrote; an output with no option letter is wrong. The default protocol stays restricted
option log-likelihood (evaluate.py), which is what the published inference code effectively does.

Decoding uses transformers' `generate` (do_sample=False → greedy) on left-padded batches; at most
MAX_NEW_TOKENS tokens are generated (a letter answer needs one or two). Parsing: the first capital letter
standing alone (not inside a word: "Answer: B" → B, "(C)" → C, "D) …" → D) that is one of the question's
own option letters; letters that are not options (E on a 4-option question) are skipped.
"""
from __future__ import annotations

import re

from .bundle import Question
from .encode import Encoded

MAX_NEW_TOKENS = 8
_STANDALONE_LETTER = re.compile(r"(?<![A-Za-z])([A-Z])(?![A-Za-z])")


def first_option_letter(text: str, letters: list[str]) -> str | None:
    for m in _STANDALONE_LETTER.finditer(text):
        if m.group(1) in letters:
            return m.group(1)
    return None


def generate_outputs(model, tokenizer, items: list[Encoded], *, pad_id: int, device, batch_size: int = 8,
                     autocast_dtype=None, max_new_tokens: int = MAX_NEW_TOKENS) -> list[str]:
    """Greedy continuation text of each prompt (special tokens removed)."""
    import torch

    from .batching import autocast, left_pad

    out: list[str | None] = [None] * len(items)
    order = sorted(range(len(items)), key=lambda i: len(items[i].prompt_ids))
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            ids, mask, _ = left_pad([items[i].prompt_ids for i in chunk], pad_id, device)
            with autocast(device, autocast_dtype):
                gen = model.generate(input_ids=ids, attention_mask=mask, do_sample=False, num_beams=1,
                                     max_new_tokens=max_new_tokens, pad_token_id=pad_id,
                                     temperature=None, top_p=None, top_k=None)
            for row, i in enumerate(chunk):
                out[i] = tokenizer.decode(gen[row, ids.shape[1]:].tolist(), skip_special_tokens=True)
    return [o or "" for o in out]


def generation_rows(questions: list[Question], items: list[Encoded], outputs: list[str]):
    rows, correct = [], 0
    for q, e, text in zip(questions, items, outputs):
        letters = q.letters
        pred = first_option_letter(text, letters)
        correct += pred == q.answer
        rows.append({"id": q.id, "gold": q.answer, "predicted": pred, "output": text,
                     "optionCount": len(letters), "truncated": e.truncated})
    n = len(questions)
    return rows, {"accuracy": correct / n if n else 0.0, "n": n, "correct": correct}
