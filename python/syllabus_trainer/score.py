"""`score FOLDER`: zero-shot letter probabilities of one model for the LLM-ensemble difficulty
(Yang et al. 2024, §2.5). Reads FOLDER/score.json, writes JSONL lines {id, probs{letter: p}, model} with P
renormalised over each question's own option letters — the `ScoreLine` format of
src/core/runs/bundle.ts, which src/core/difficulty reads (API-produced files in the same format work too).

Prompt: the study's scoring prompt (§3.2, `[A, B, C, D, E]` rendering, options inline), no special
tokens by default as the study. The letter is scored as the continuation " X" of "... Answer:",
i.e. the text "... Answer: X" — the same string the study's prompt "... Answer: " + "X" spells, but
with the tokens a model actually produces there (the study took bare-letter ids).
"""
from __future__ import annotations

import logging
import math
import sys
import traceback
from pathlib import Path

from . import deps
from .bundle import BundleError, read_questions, read_score_spec
from .encode import TokenizationError, encode, special_prefix
from .jsonio import atomic_write_jsonl

log = logging.getLogger("syllabus_trainer")


def renormalise(logprobs: dict[str, float]) -> dict[str, float]:
    m = max(logprobs.values())
    exp = {l: math.exp(v - m) for l, v in logprobs.items()}
    total = sum(exp.values())
    return {l: v / total for l, v in exp.items()}


def score_command(folder: Path) -> int:
    from .runner import setup_logging

    folder = Path(folder).resolve()
    setup_logging(folder / "score.log")
    try:
        deps.check()
        spec = read_score_spec(folder)
        questions = read_questions(folder / spec.questions, answer_required=False)
        from .evaluate import option_logprobs
        from .modeling import ensure_pad, load_base
        from .prompts import score_prompt
        from .train import seed_everything

        seed_everything(spec.seed)
        model, tokenizer, device, device_name, precision, ac_dtype, notes = load_base(spec.hf, folder, spec.quantize,
                                                                                      training=False)
        for n in notes:
            log.warning(n)
        ensure_pad(tokenizer)
        model.eval()
        prefix = special_prefix(tokenizer) if spec.addSpecialTokens else []
        items = [encode(tokenizer, q, score_prompt(q), q.letters, spec.maxLength, prefix) for q in questions]
        cut = sum(e.truncated for e in items)
        lps = option_logprobs(model, items, pad_id=tokenizer.pad_token_id, device=device, batch_size=spec.batchSize,
                              autocast_dtype=ac_dtype)
        rows = [{"id": q.id, "probs": renormalise({l: lp[l] for l in q.letters}), "model": spec.hf}
                for q, lp in zip(questions, lps)]
        atomic_write_jsonl(folder / spec.output, rows)
        log.info("scored %d questions with %s on %s (%s); %d prompt(s) cut to maxLength %d → %s", len(rows), spec.hf,
                 device_name, precision, cut, spec.maxLength, folder / spec.output)
        return 0
    except (BundleError, deps.MissingDependency, TokenizationError, FileNotFoundError, ValueError) as e:
        log.error("%s", e)
        return 2
    except Exception as e:  # noqa: BLE001
        log.error("failed: %s\n%s", e, traceback.format_exc())
        return 1
