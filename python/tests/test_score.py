"""`score`: zero-shot letter probabilities with the study's scoring prompt, renormalised over each
question's own letters, in the ScoreLine format the difficulty reader consumes."""
import json
import math

import pytest
import torch

from conftest import medmcqa, medqa, read_jsonl, write_jsonl
from syllabus_trainer.__main__ import main
from syllabus_trainer.prompts import score_prompt
from syllabus_trainer.bundle import Question
from syllabus_trainer.tiny import build_tiny


def test_score_writes_renormalised_letter_probabilities(tmp_path):
    rows = medmcqa(3) + medqa(2, 700)
    write_jsonl(tmp_path / "questions.jsonl", rows)
    (tmp_path / "score.json").write_text(json.dumps({
        "schemaVersion": 1, "model": {"hf": "tiny-random-llama-sp", "maxLength": 2048},
        "questions": "questions.jsonl", "output": "out/scores.jsonl", "batchSize": 2}))
    assert main(["score", str(tmp_path)]) == 0
    lines = read_jsonl(tmp_path / "out" / "scores.jsonl")
    assert [l["id"] for l in lines] == [r["id"] for r in rows]
    model, tok = build_tiny("tiny-random-llama-sp")
    with torch.no_grad():
        for line, r in zip(lines, rows):
            q = Question(r["id"], r["question"], r["options"], r["answer"])
            assert set(line["probs"]) == set(q.letters) and line["model"] == "tiny-random-llama-sp"
            assert sum(line["probs"].values()) == pytest.approx(1.0, abs=1e-9)
            # independent reference: no BOS (the study's scorer), the text "... Answer: X"
            prompt = score_prompt(q).render()
            assert prompt.endswith(" Answer:") and "Question: " + r["question"] in prompt
            p_ids = tok(prompt, add_special_tokens=False)["input_ids"]
            logp = torch.log_softmax(model(input_ids=torch.tensor([p_ids])).logits[0, -1].float(), -1)
            raw = {}
            for l in q.letters:
                full = tok(prompt + " " + l, add_special_tokens=False)["input_ids"]
                assert full[: len(p_ids)] == p_ids and len(full) == len(p_ids) + 1
                raw[l] = math.exp(float(logp[full[-1]]))
            total = sum(raw.values())
            for l in q.letters:
                assert line["probs"][l] == pytest.approx(raw[l] / total, abs=1e-4)


def test_score_refuses_a_bad_questions_file(tmp_path):
    write_jsonl(tmp_path / "q.jsonl", [{"id": "x", "question": "?", "options": {"A": "a"}, "answer": "A"}])
    (tmp_path / "score.json").write_text(json.dumps({"schemaVersion": 1, "model": {"hf": "tiny-random-llama"},
                                                     "questions": "q.jsonl", "output": "s.jsonl"}))
    assert main(["score", str(tmp_path)]) == 2
    assert "q.jsonl:1: [options] options must be 2 to 5 letters" in (tmp_path / "score.log").read_text()
    assert not (tmp_path / "s.jsonl").exists()
