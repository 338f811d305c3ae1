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


def test_hand_computed_uniform_model_predicts_the_first_letter():
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
    assert [p["predicted"] for p in preds] == ["A", "A", "A"]  # exact ties go to the first letter
    assert score == {"accuracy": 0.0, "n": 3, "correct": 0}
    rows[1]["answer"] = "A"
    qs, _ = items_for(tok, rows)
    assert prediction_rows(qs, items, lps)[1] == {"accuracy": pytest.approx(1 / 3), "n": 3, "correct": 1}


def test_predict_breaks_ties_by_letter_order():
    assert predict({"A": -2.0, "B": -1.0, "C": -1.0}, ["A", "B", "C"]) == "B"
    assert predict({"A": -1.0, "B": -1.0}, ["A", "B"]) == "A"


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
