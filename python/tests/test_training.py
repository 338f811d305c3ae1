"""Training on a real bundle (tiny random Llama, CPU): order fidelity, the accumulation tail, signals,
failures reaching status.json."""
import hashlib
import json
import os
import signal
import threading
import time

import pytest
import torch

from conftest import make_bundle, medmcqa, medqa, read_jsonl
from syllabus_trainer import train as train_mod
from syllabus_trainer.runner import evaluate_command, train_command
from syllabus_trainer.train import Plan


def status_of(run_dir):
    return json.loads((run_dir / "status.json").read_text())


def test_plan_steps_on_the_final_partial_group():
    plan = Plan(n=5, batch=2, accumulate=2, epochs=1)
    assert plan.total_steps == 2
    assert plan.group(0) == (0, [[0, 1], [2, 3]])
    assert plan.group(1) == (0, [[4]])  # the published code never learned from this one (a bug of the published fine-tuning script)
    assert [plan.questions_seen_after(s) for s in range(3)] == [0, 4, 5]
    two = Plan(n=5, batch=2, accumulate=2, epochs=2)
    assert two.total_steps == 4 and two.group(2) == (1, [[0, 1], [2, 3]]) and two.questions_seen_after(3) == 9
    # LEK 874 rows, batch 4, accumulate 2: 219 micro-batches -> 110 steps, the last one with 2 questions
    lek = Plan(874, 4, 2, 1)
    assert lek.total_steps == 110 and lek.group(109) == (0, [[872, 873]])


def test_order_is_the_files_and_is_recorded(tmp_path, monkeypatch):
    rows = medmcqa(7)
    rows.insert(2, rows.pop(5))  # any order: the trainer must follow the file, not sort or shuffle
    run = make_bundle(tmp_path / "run", rows, {"medmcqa": medmcqa(12)[7:], "medqa": medqa(2, 500)},
                      optim={"batch": 2, "accumulate": 1, "epochs": 2}, model={"maxLength": 384}, logEvery=2)
    fed = []
    real = train_mod.micro_batch_loss

    def spy(model, examples, **kw):
        fed.append([e.id for e, _ in examples])
        return real(model, examples, **kw)

    monkeypatch.setattr(train_mod, "micro_batch_loss", spy)
    assert train_command(run) == 0
    ids = [r["id"] for r in rows]
    assert [i for b in fed[: len(fed)] for i in b] == ids + ids  # what the model saw, batch by batch
    assert fed[3] == [ids[6]] and fed[4] == ids[0:2]  # each epoch starts a fresh batch
    consumed = (run / "consumed.txt").read_text().splitlines()
    assert consumed == ids + ids
    result = json.loads((run / "result.json").read_text())
    assert result["consumedIds"] == {"count": 14, "sha256": hashlib.sha256(("\n".join(ids + ids) + "\n").encode()).hexdigest()}
    assert result["optimizerSteps"] == 8
    assert "bf16" not in result["precisionNote"]  # tiny test models train in float32 on CPU (exact tests)
    assert set(result["accuracy"]) == {"medmcqa", "medqa"} and result["accuracy"]["medmcqa"]["n"] == 5
    progress = [e for e in read_jsonl(run / "events.jsonl") if e["type"] == "progress"]
    assert [e["step"] for e in progress] == [2, 4, 6, 8]  # logEvery = 2
    assert [e["questionsSeen"] for e in progress] == [4, 7, 11, 14]
    assert all(e["loss"] > 0 and e["tokensPerSecond"] > 0 for e in progress)
    assert status_of(run)["state"] == "succeeded"
    preds = read_jsonl(run / "predictions" / "medmcqa.jsonl")
    assert [p["id"] for p in preds] == [r["id"] for r in medmcqa(12)[7:]]
    assert all(set(p["logprobs"]) == {"A", "B", "C", "D"} for p in preds)  # 4-option set: never an "E"

    # evaluate alone reloads the saved adapter and reproduces the in-process evaluation
    before = {p["id"]: p for p in preds}
    assert evaluate_command(run) == 0
    for p in read_jsonl(run / "predictions" / "medmcqa.jsonl"):
        assert p["predicted"] == before[p["id"]]["predicted"]
        for l, v in p["logprobs"].items():
            assert v == pytest.approx(before[p["id"]]["logprobs"][l], abs=1e-4)
    again = json.loads((run / "result.json").read_text())
    assert again["trainSeconds"] == result["trainSeconds"] and again["consumedIds"] == result["consumedIds"]


def test_the_last_partial_group_is_stepped(tmp_path):
    rows = medmcqa(5)
    run = make_bundle(tmp_path / "five", rows, optim={"batch": 2, "accumulate": 2, "schedule": "constant"})
    assert train_command(run) == 0
    progress = [e for e in read_jsonl(run / "events.jsonl") if e["type"] == "progress"]
    assert [(e["step"], e["questionsSeen"]) for e in progress] == [(1, 4), (2, 5)]
    assert json.loads((run / "result.json").read_text())["optimizerSteps"] == 2
    # ... and that step changed the weights: training on the first 4 alone ends elsewhere
    four = make_bundle(tmp_path / "four", rows[:4], optim={"batch": 2, "accumulate": 2, "schedule": "constant"})
    assert train_command(four) == 0
    a = torch.load(run / "checkpoint" / "state.pt", weights_only=False)["adapter"]
    b = torch.load(four / "checkpoint" / "state.pt", weights_only=False)["adapter"]
    assert any(not torch.equal(a[k], b[k]) for k in a)


def _signal_after_first_step(run_dir, sig):
    def fire():
        while not any(e["type"] == "progress" for e in (read_jsonl(run_dir / "events.jsonl") if (run_dir / "events.jsonl").exists() else [])):
            time.sleep(0.02)
        os.kill(os.getpid(), sig)
    threading.Thread(target=fire, daemon=True).start()


@pytest.mark.parametrize("sig,state,code", [(signal.SIGTERM, "cancelled", 143), (signal.SIGUSR1, "queued", 75)])
def test_a_stop_signal_checkpoints_then_stops(tmp_path, monkeypatch, sig, state, code):
    monkeypatch.setenv("SYLLABUS_TEST_STEP_DELAY", "0.3")
    rows = medmcqa(8)
    run = make_bundle(tmp_path / "run", rows, optim={"batch": 1, "accumulate": 1})
    _signal_after_first_step(run, sig)
    assert train_command(run) == code
    st = status_of(run)
    assert st["state"] == state and st["resumable"] is True
    ckpt = json.loads((run / "checkpoint" / "meta.json").read_text())
    assert 1 <= ckpt["step"] < 8 and st["step"] == ckpt["step"]
    assert any(e["type"] == "checkpoint" and e["reason"] == "signal" for e in read_jsonl(run / "events.jsonl"))
    if sig == signal.SIGUSR1:
        assert "preempted" in st["message"]
    monkeypatch.setenv("SYLLABUS_TEST_STEP_DELAY", "0")
    assert train_command(run) == 0  # picks up where it stopped
    assert (run / "consumed.txt").read_text().splitlines() == [r["id"] for r in rows]
    assert any(e["type"] == "resume" and e["step"] == ckpt["step"] for e in read_jsonl(run / "events.jsonl"))


def test_bad_input_fails_with_the_error_in_status(tmp_path):
    rows = medmcqa(3)
    rows[2]["answer"] = "E"
    run = make_bundle(tmp_path / "run", rows)
    assert train_command(run) == 2
    st = status_of(run)
    assert st["state"] == "failed"
    assert "train.jsonl:3: [answer] answer 'E' is not one of the question's options [A, B, C, D]" in st["error"]
    assert "answer 'E'" in (run / "log.txt").read_text()


def test_a_crash_mid_training_fails_with_the_error_in_status(tmp_path, monkeypatch):
    run = make_bundle(tmp_path / "run", medmcqa(4), optim={"batch": 1, "accumulate": 1})
    calls = {"n": 0}
    real = train_mod.micro_batch_loss

    def boom(*a, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("CUDA out of memory (simulated)")
        return real(*a, **kw)

    monkeypatch.setattr(train_mod, "micro_batch_loss", boom)
    assert train_command(run) == 1
    st = status_of(run)
    assert st["state"] == "failed" and st["error"] == "RuntimeError: CUDA out of memory (simulated)"
    assert "Traceback" in (run / "log.txt").read_text()


def test_cut_prompts_are_counted_and_reported(tmp_path):
    rows = [medqa(5)[i] for i in (0, 1, 2, 4)]  # medqa-3's options alone exceed 300 tokens
    run = make_bundle(tmp_path / "run", rows, {"medqa": medqa(3, 40)}, model={"maxLength": 300},
                      optim={"batch": 4, "accumulate": 1})
    # before training there is no adapter: evaluate says so, --base evaluates the untrained model
    assert evaluate_command(run) == 2
    assert "train first, or pass --base" in status_of(run)["error"]
    assert evaluate_command(run, base=True) == 0
    base = json.loads((run / "result.json").read_text())
    assert base["trainSeconds"] is None and base["consumedIds"] is None and "untrained" in base["precisionNote"]
    assert train_command(run) == 0
    result = json.loads((run / "result.json").read_text())
    assert result["truncatedPrompts"] == {"train": 4, "eval": {"medqa": 3}}  # MedQA vignettes ≫ 300 tokens
    notes = [e["message"] for e in read_jsonl(run / "events.jsonl") if e["type"] == "note"]
    assert any(n.startswith("4 training prompt(s) longer than maxLength 300 were cut") and "medqa-0" in n for n in notes)
    assert any("cut" in n for n in result["notes"])
    assert all(p["truncated"] for p in read_jsonl(run / "predictions" / "medqa.jsonl"))


def test_a_bad_eval_file_fails_before_training(tmp_path):
    bad = medmcqa(2)
    bad[1]["options"]["F"] = "not a letter"
    run = make_bundle(tmp_path / "run", medmcqa(3), {"dev": bad})
    assert train_command(run) == 2
    st = status_of(run)
    assert st["state"] == "failed" and "eval/dev.jsonl:2: [options.F]" in st["error"]
    assert not (run / "consumed.txt").exists() and st["step"] == 0
