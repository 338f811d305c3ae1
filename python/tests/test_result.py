"""result.json has one typed writer: camelCase fields in the contract's order, bad values refused before writing."""
import json

import pytest

from syllabus_trainer.result import ConsumedIds, EvalScore, TrainerResult, scores_from, write_result

VERSIONS = {"python": "3.11", "torch": "2.5", "transformers": "4.46", "peft": "0.13", "trainer": "0.1.0"}


def make(**over):
    fields = dict(runId="r1", accuracy=scores_from({"medqa": {"accuracy": 0.5, "n": 4, "correct": 2}}), trainSeconds=1.5,
                  optimizerSteps=3, peakMemoryBytes=10, tokensPerSecond=2.0, device="cpu", precisionNote="float32",
                  truncatedTrain=0, truncatedEval={"medqa": 1}, versions=VERSIONS,
                  consumedIds=ConsumedIds(count=4, sha256="0" * 64), finishedAt="2026-12-01T00:00:00.000Z")
    fields.update(over)
    return TrainerResult(**fields)


def test_written_in_the_contract_shape(tmp_path):
    write_result(tmp_path, make(notes=["float32 on CPU"], evalPrecision="float32 head"))
    data = json.loads((tmp_path / "result.json").read_text())
    assert list(data) == ["schemaVersion", "runId", "accuracy", "trainSeconds", "optimizerSteps", "peakMemoryBytes",
                          "tokensPerSecond", "device", "precisionNote", "evalPrecision", "truncatedPrompts", "versions", "consumedIds",
                          "finishedAt", "notes"]
    assert data["accuracy"] == {"medqa": {"accuracy": 0.5, "n": 4, "correct": 2}}
    assert data["truncatedPrompts"] == {"train": 0, "eval": {"medqa": 1}}
    assert data["consumedIds"] == {"count": 4, "sha256": "0" * 64}
    assert not list(tmp_path.glob("*.tmp*")), "written atomically"


def test_no_notes_no_field_and_evaluate_only_nulls(tmp_path):
    write_result(tmp_path, make(trainSeconds=None, optimizerSteps=None, tokensPerSecond=None, consumedIds=None))
    data = json.loads((tmp_path / "result.json").read_text())
    assert "notes" not in data
    assert data["trainSeconds"] is None and data["consumedIds"] is None


def test_a_score_must_be_a_fraction_with_correct_at_most_n():
    with pytest.raises(ValueError, match="accuracy"):
        EvalScore(accuracy=1.5, n=4, correct=2)
    with pytest.raises(ValueError, match="correct"):
        EvalScore(accuracy=0.5, n=4, correct=5)


@pytest.mark.parametrize("bad, message", [
    (dict(trainSeconds=-1.0), "trainSeconds"),
    (dict(optimizerSteps=-2), "optimizerSteps"),
    (dict(versions={"python": "3.11"}), "versions.torch"),
])
def test_bad_values_are_refused_before_writing(tmp_path, bad, message):
    with pytest.raises(ValueError, match=message):
        write_result(tmp_path, make(**bad))
    assert not (tmp_path / "result.json").exists()
