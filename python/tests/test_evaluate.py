"""Restricted option log-likelihood: a hand-computed case, left-padded batches against one-by-one
forwards, ties, and letters that take two tokens."""
import math

import pytest
import torch

from conftest import medmcqa, medqa
from syllabus_trainer.bundle import Question
from syllabus_trainer.encode import encode, special_prefix
from syllabus_trainer.evaluate import option_logprobs, predict, prediction_rows
from syllabus_trainer.prompts import train_prompt
from syllabus_trainer.tiny import build_tiny

CPU = torch.device("cpu")


def items_for(tok, rows, max_length=1024):
    qs = [Question(r["id"], r["question"], r["options"], r["answer"]) for r in rows]
    return qs, [encode(tok, q, train_prompt(q), q.letters, max_length, special_prefix(tok)) for q in qs]


def test_hand_computed_uniform_model_ties_every_letter():
    # final norm weight 0 → hidden state 0 → every logit 0 → log p(token) = -log V for every letter
    model, tok = build_tiny("tiny-random-llama")
    tok.padding_side = "left"
    with torch.no_grad():
        model.model.norm.weight.zero_()
    rows = medmcqa(3)
    for r, gold in zip(rows, "BCD"):
        r["answer"] = gold
    qs, items = items_for(tok, rows)
    lps = option_logprobs(model, items, pad_id=tok.pad_token_id, device=CPU, batch_size=2)
    for lp in lps:
        assert set(lp) == {"A", "B", "C", "D"}
        for v in lp.values():
            assert v == pytest.approx(-math.log(len(tok)), abs=1e-5)
    preds, score = prediction_rows(qs, items, lps)
    assert all(p["tie"] for p in preds)  # every letter ties: marked, and broken by the question id's hash
    assert [p["predicted"] for p in preds] == [predict(lp, q.letters, q.id) for q, lp in zip(qs, lps)]
    for r, p in zip(rows, preds):
        r["answer"] = p["predicted"] if r is rows[1] else next(l for l in "ABCD" if l != p["predicted"])
    qs, _ = items_for(tok, rows)
    assert prediction_rows(qs, items, lps)[1] == {"accuracy": pytest.approx(1 / 3), "n": 3, "correct": 1}


def test_predict_takes_the_argmax_and_breaks_exact_ties_without_favouring_a():
    assert predict({"A": -2.0, "B": -1.0, "C": -1.5}, ["A", "B", "C"], "q1") == "B"
    tied = {l: -1.0 for l in "ABCD"}
    picks = [predict(tied, list("ABCD"), f"q{i}") for i in range(400)]
    assert picks == [predict(tied, list("ABCD"), f"q{i}") for i in range(400)]  # reproducible
    counts = {l: picks.count(l) for l in "ABCD"}
    assert all(60 <= c <= 140 for c in counts.values()), counts  # ~100 each; "earliest wins" would give A 400
    # only the tied letters can win: C is below the tie of B and D
    picks = {predict({"A": -3.0, "B": -1.0, "C": -2.0, "D": -1.0}, list("ABCD"), f"q{i}") for i in range(50)}
    assert picks == {"B", "D"}


@pytest.mark.parametrize("name", ("tiny-random-llama", "tiny-random-llama-sp", "tiny-random-llama-char"))
def test_batched_left_padded_scores_equal_one_by_one_forwards(tiny, name):
    model, tok = tiny[name]
    tok.padding_side = "left"
    rows = medmcqa(3) + medqa(2, 300)  # 4- and 5-option questions of very different lengths in one batch
    qs, items = items_for(tok, rows, max_length=1500)
    lps = option_logprobs(model, items, pad_id=tok.pad_token_id, device=CPU, batch_size=5)
    with torch.no_grad():
        for q, e, lp in zip(qs, items, lps):
            assert set(lp) == set(q.letters)
            for letter, cont in e.continuations.items():
                ids = e.prompt_ids + cont
                logp = torch.log_softmax(model(input_ids=torch.tensor([ids])).logits[0].float(), -1)
                ref = sum(float(logp[len(e.prompt_ids) + k - 1, t]) for k, t in enumerate(cont))
                assert lp[letter] == pytest.approx(ref, abs=2e-4), (q.id, letter)
    if name.endswith("char"):
        assert all(len(c) == 2 for e in items for c in e.continuations.values())
