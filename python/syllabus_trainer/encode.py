"""Token ids for prompts and answer letters, and the truncation rule.

The answer position is found by tokenising the prompt and prompt + " X" and taking the extra ids — never
by searching for a response template in the ids (the published collator's
failure mode). If a tokenizer is not prefix-stable at the cue (the prompt's ids are not a prefix of
prompt + answer), we refuse with a clear error instead of training on shifted labels.

Truncation: when prompt + answer exceeds maxLength, characters are removed from the MIDDLE of the
question text (a vignette's opening and its final ask both survive), marked with " … ", and the
options and the cue are kept whole. The largest question that fits is found by bisection.
"""
from __future__ import annotations

from dataclasses import dataclass

from .bundle import Question
from .prompts import PromptParts, continuation

ELLIPSIS = " … "


class TokenizationError(ValueError):
    pass


@dataclass
class Encoded:
    id: str
    prompt_ids: list[int]
    #: letter → ids of " X" after the prompt (usually one token)
    continuations: dict[str, list[int]]
    truncated: bool


def special_prefix(tokenizer) -> list[int]:
    """The ids a tokenizer puts before the text (BOS for Llama), found by comparison, so we can add
    them ourselves and never pick up an EOS suffix some tokenizers append."""
    with_special = tokenizer("x", add_special_tokens=True)["input_ids"]
    plain = tokenizer("x", add_special_tokens=False)["input_ids"]
    for i in range(len(with_special) - len(plain) + 1):
        if with_special[i: i + len(plain)] == plain:
            return list(with_special[:i])
    return []


def _ids(tokenizer, text: str) -> list[int]:
    return list(tokenizer(text, add_special_tokens=False)["input_ids"])


def cut_question(text: str, keep: int) -> str:
    if keep >= len(text):
        return text
    front = keep - keep // 2
    back = keep // 2
    return text[:front] + ELLIPSIS + (text[len(text) - back:] if back else "")


def encode(tokenizer, q: Question, parts: PromptParts, letters: list[str], max_length: int,
           prefix: list[int]) -> Encoded:
    """Prompt ids (with `prefix`, e.g. [BOS]) and the continuation ids of each letter in `letters`."""

    def build(question_text: str) -> tuple[list[int], dict[str, list[int]]]:
        prompt = parts.render(question_text)
        p = prefix + _ids(tokenizer, prompt)
        conts: dict[str, list[int]] = {}
        for letter in letters:
            full = prefix + _ids(tokenizer, prompt + continuation(letter))
            if full[: len(p)] != p or len(full) == len(p):
                raise TokenizationError(
                    f"question '{q.id}': the tokenizer does not keep the prompt's tokens when ' {letter}' follows "
                    "the answer cue, so the answer position is ambiguous. Fix: use a tokenizer that splits at the "
                    "space before the letter (every Llama/Mistral/GPT-style tokenizer does)")
            conts[letter] = full[len(p):]
        return p, conts

    def fits(p: list[int], conts: dict[str, list[int]]) -> bool:
        return len(p) + max(len(c) for c in conts.values()) <= max_length

    p, conts = build(q.question)
    if fits(p, conts):
        return Encoded(q.id, p, conts, False)
    lo, hi = 0, len(q.question) - 1  # largest kept length that fits, by bisection
    best: tuple[list[int], dict[str, list[int]]] | None = None
    candidate = build(cut_question(q.question, 0))
    if not fits(*candidate):
        need = len(candidate[0]) + max(len(c) for c in candidate[1].values())
        raise TokenizationError(
            f"question '{q.id}': even with the question text removed, the instruction, options and cue take "
            f"{need} tokens > maxLength {max_length}. Fix: raise maxLength in the model block")
    best = candidate
    while lo <= hi:
        mid = (lo + hi) // 2
        cand = build(cut_question(q.question, mid))
        if fits(*cand):
            best, lo = cand, mid + 1
        else:
            hi = mid - 1
    return Encoded(q.id, best[0], best[1], True)
