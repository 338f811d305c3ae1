"""The bundle contract on the Python side: what is accepted, and how bad input is refused."""
import json

import pytest

from conftest import make_bundle, medmcqa, medqa, write_jsonl
from syllabus_trainer import deps
from syllabus_trainer.bundle import BundleError, read_questions, read_run_spec, read_score_spec


def test_run_json_is_read_with_defaults(tmp_path):
    make_bundle(tmp_path, medqa(2), {"medmcqa": medmcqa(2)})
    spec = read_run_spec(tmp_path)
    assert spec.train == "train.jsonl" and spec.logEvery == 1
    assert spec.eval == [("medmcqa", "eval/medmcqa.jsonl")]
    assert spec.lora.targets == ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def test_unknown_schema_version_is_refused_clearly(tmp_path):
    make_bundle(tmp_path, medqa(2), schemaVersion=2)
    with pytest.raises(BundleError) as e:
        read_run_spec(tmp_path)
    assert "schemaVersion 2 is not supported" in str(e.value)
    assert e.value.issues[0].field == "schemaVersion"


def test_every_bad_field_is_named(tmp_path):
    make_bundle(tmp_path, medqa(2), optim={"batch": 0, "warmup": 2.5, "optimizer": "sgd"},
                eval=[{"name": "../x", "file": "/abs.jsonl"}])
    with pytest.raises(BundleError) as e:
        read_run_spec(tmp_path)
    fields = sorted(i.field for i in e.value.issues)
    assert fields == ["eval.0.file", "eval.0.name", "optim.batch", "optim.optimizer", "optim.warmup"]
    assert str(tmp_path / "run.json") in str(e.value)


def test_question_lines_report_line_field_and_fix(tmp_path):
    good = {"id": "q1", "question": "?", "options": {"A": "a", "B": "b", "C": "c", "D": "d"}, "answer": "D"}
    path = tmp_path / "train.jsonl"
    path.write_text("\n".join([
        json.dumps(good),
        json.dumps({**good, "id": "q2", "answer": "E"}),
        json.dumps({**good, "id": "q3", "options": {"A": "a", "C": "c"}}),
        "{not json",
        json.dumps(good),
    ]) + "\n")
    with pytest.raises(BundleError) as e:
        read_questions(path)
    got = [(i.line, i.field) for i in e.value.issues]
    assert got == [(2, "answer"), (3, "options"), (3, "answer"), (4, None), (5, "id")]
    assert "repeats line 1" in e.value.issues[-1].message
    assert e.value.issues[-1].fix == "give every question a unique id"


def test_real_data_passes(tmp_path):
    rows = medqa(50) + medmcqa(50)
    qs = read_questions(write_jsonl(tmp_path / "q.jsonl", rows))
    assert len(qs) == 100 and {len(q.letters) for q in qs} == {4, 5}


def test_score_spec_defaults_and_refusal(tmp_path):
    (tmp_path / "score.json").write_text(json.dumps({"schemaVersion": 1, "model": {"hf": "tiny-random-llama"},
                                                     "questions": "q.jsonl", "output": "out.jsonl"}))
    spec = read_score_spec(tmp_path)
    assert (spec.addSpecialTokens, spec.batchSize, spec.quantize) == (False, 8, "none")
    (tmp_path / "score.json").write_text(json.dumps({"schemaVersion": 7}))
    with pytest.raises(BundleError, match="schemaVersion 7 is not supported"):
        read_score_spec(tmp_path)


def test_missing_or_old_packages_are_refused_with_the_fix(monkeypatch):
    real = deps.installed_version
    monkeypatch.setattr(deps, "installed_version",
                        lambda name: {"peft": None, "transformers": "4.30.1"}.get(name, real(name)) if name in ("peft", "transformers") else real(name))
    with pytest.raises(deps.MissingDependency) as e:
        deps.check()
    msg = str(e.value)
    assert "peft>=" in msg and "is missing" in msg
    assert "transformers>=4.45 is needed for model and tokenizer loading, found 4.30.1" in msg
    assert "Syllabus: Set Up Local Trainer" in msg and "syllabus setup local" in msg
    assert "python/requirements.txt" not in msg, "the fix must not point inside the extension's folder"
    assert deps.parse_version("2.15.0+cu132") == (2, 15, 0) and deps.parse_version("0.21.0rc1") == (0, 21, 0)


def test_held_out_eval_set_sharing_a_training_question_is_refused(tmp_path):
    from syllabus_trainer.bundle import check_held_out
    from syllabus_trainer.runner import train_command

    rows = medqa(6)
    ok = tmp_path / "ok"
    make_bundle(ok, rows[:4], eval=[{"name": "lek", "file": "eval/lek.jsonl", "heldOut": True}])
    write_jsonl(ok / "eval" / "lek.jsonl", rows[4:])
    spec = read_run_spec(ok)
    assert spec.heldOut == ("lek",)
    check_held_out(spec)  # disjoint: accepted

    bad = tmp_path / "bad"
    make_bundle(bad, rows[:4], eval=[{"name": "lek", "file": "eval/lek.jsonl", "heldOut": True}])
    write_jsonl(bad / "eval" / "lek.jsonl", rows[3:])
    with pytest.raises(BundleError) as e:
        check_held_out(read_run_spec(bad))
    assert [(i.line, i.field) for i in e.value.issues] == [(1, "heldOut")]
    assert "question medqa-3 of held-out set 'lek' is also in train.jsonl" in str(e.value)
    # The trainer refuses it as bad input (exit 2) before loading any model.
    assert train_command(bad) == 2
    assert "held-out set 'lek'" in json.loads((bad / "status.json").read_text())["error"]

    # Without the flag the same overlap is allowed (a set deliberately scored on its training questions).
    plain = tmp_path / "plain"
    make_bundle(plain, rows[:4], eval=[{"name": "lek", "file": "eval/lek.jsonl"}])
    write_jsonl(plain / "eval" / "lek.jsonl", rows[3:])
    check_held_out(read_run_spec(plain))
