"""Greedy-generation evaluation (evalMode = "generate") on the tiny model on CPU: the first option letter of
the output is the answer, letters that are not options are skipped, and an output without one is wrong."""
import json

import pytest
import torch

from conftest import medmcqa, medqa
from syllabus_trainer.bundle import Question, read_run_spec
from syllabus_trainer.encode import encode, special_prefix
from syllabus_trainer.generate import first_option_letter, generate_outputs, generation_rows
from syllabus_trainer.prompts import train_prompt
from syllabus_trainer.tiny import build_tiny

CPU = torch.device("cpu")


@pytest.mark.parametrize("text,letters,expected", [
    (" B", "ABCD", "B"),
    ("B) because", "ABCD", "B"),
    ("Answer: C.", "ABCD", "C"),        # the A of "Answer" is inside a word
    ("I think (D)", "ABCD", "D"),
    (" E then B", "ABCD", "B"),          # E is not an option of a 4-option question
    (" E", "ABCDE", "E"),
    ("a b c", "ABCD", None),              # lower case is text, not an answer
    ("", "ABCD", None),
    ("Because", "ABCD", None),
])
def test_first_option_letter(text, letters, expected):
    assert first_option_letter(text, list(letters)) == expected


def items_for(tok, rows):
    qs = [Question(r["id"], r["question"], r["options"], r["answer"]) for r in rows]
    return qs, [encode(tok, q, train_prompt(q), q.letters, 1500, special_prefix(tok)) for q in qs]


def always(model, tok, text: str):
    """Make the model greedily emit `text`'s first token forever: zero output weights, a one-hot bias."""
    target = tok(text, add_special_tokens=False)["input_ids"][0]
    head = torch.nn.Linear(model.lm_head.in_features, model.lm_head.out_features, bias=True)
    with torch.no_grad():
        head.weight.zero_()
        head.bias.zero_()
        head.bias[target] = 10.0
    model.lm_head = head
    return target


def test_greedy_generation_answers_the_first_option_letter_and_scores_it():
    model, tok = build_tiny("tiny-random-llama")
    always(model, tok, " B")
    rows = medmcqa(3)
    for r, gold in zip(rows, "BBA"):
        r["answer"] = gold
    qs, items = items_for(tok, rows)
    outputs = generate_outputs(model, tok, items, pad_id=tok.pad_token_id, device=CPU, batch_size=2, max_new_tokens=3)
    assert all(o.strip().startswith("B") for o in outputs), outputs
    preds, score = generation_rows(qs, items, outputs)
    assert [p["predicted"] for p in preds] == ["B", "B", "B"]
    assert score == {"accuracy": pytest.approx(2 / 3), "n": 3, "correct": 2}
    assert all(p["optionCount"] == 4 and p["output"] == o and "logprobs" not in p for p, o in zip(preds, outputs))


def test_an_output_without_an_option_letter_is_wrong():
    model, tok = build_tiny("tiny-random-llama")
    always(model, tok, " E")  # E is no option of a 4-option MedMCQA question, but is one of a 5-option MedQA one
    rows = medmcqa(2) + medqa(1)
    qs, items = items_for(tok, rows)
    outputs = generate_outputs(model, tok, items, pad_id=tok.pad_token_id, device=CPU, batch_size=3, max_new_tokens=2)
    preds, score = generation_rows(qs, items, outputs)
    assert [p["predicted"] for p in preds] == [None, None, "E"]
    assert score["correct"] == (1 if rows[2]["answer"] == "E" else 0)


def test_batched_greedy_generation_equals_one_by_one(tiny):
    model, tok = tiny["tiny-random-llama"]
    tok.padding_side = "left"
    rows = medmcqa(2) + medqa(2, 300)  # prompts of very different lengths in one left-padded batch
    _, items = items_for(tok, rows)
    batched = generate_outputs(model, tok, items, pad_id=tok.pad_token_id, device=CPU, batch_size=4, max_new_tokens=4)
    alone = [generate_outputs(model, tok, [e], pad_id=tok.pad_token_id, device=CPU, max_new_tokens=4)[0] for e in items]
    assert batched == alone


def test_run_json_eval_mode_is_validated(tmp_path):
    from syllabus_trainer.bundle import BundleError

    run = {"schemaVersion": 1, "runId": "r1", "model": {"hf": "tiny-random-llama", "quantize": "none", "lora": {"r": 4, "alpha": 8, "dropout": 0}, "maxLength": 256},
           "optim": {"lr": 1e-3, "batch": 2, "accumulate": 1, "schedule": "constant", "warmup": 0, "weightDecay": 0, "gradClip": 1, "epochs": 1, "optimizer": "adamw"},
           "seed": 1, "checkpointEvery": 0}
    (tmp_path / "run.json").write_text(json.dumps(run))
    assert read_run_spec(tmp_path).evalMode == "loglik"
    (tmp_path / "run.json").write_text(json.dumps({**run, "evalMode": "generate"}))
    assert read_run_spec(tmp_path).evalMode == "generate"
    (tmp_path / "run.json").write_text(json.dumps({**run, "evalMode": "sample"}))
    with pytest.raises(BundleError, match="evalMode.*must be one of loglik, generate"):
        read_run_spec(tmp_path)


def test_train_with_eval_mode_generate_writes_generation_predictions(tmp_path):
    """The whole run with evalMode "generate": predictions carry the output text, the letter or null, and the
    result's accuracy is their share of right letters; the bundle the TypeScript side validates."""
    from conftest import make_bundle, read_jsonl
    from syllabus_trainer.runner import train_command

    rows = medmcqa(4)
    run = make_bundle(tmp_path / "gen", rows, {"dev": rows[:3]}, model={"quantize": "none"},
                      optim={"optimizer": "adamw", "schedule": "constant"}, evalMode="generate")
    assert train_command(run) == 0
    preds = read_jsonl(run / "predictions" / "dev.jsonl")
    assert len(preds) == 3
    for p in preds:
        assert set(p) >= {"id", "gold", "predicted", "output", "optionCount"} and "logprobs" not in p
        assert p["predicted"] == first_option_letter(p["output"], list("ABCD"))
    result = json.loads((run / "result.json").read_text())
    assert result["accuracy"]["dev"]["correct"] == sum(p["predicted"] == p["gold"] for p in preds)
