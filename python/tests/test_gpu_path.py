"""The GPU path's defects that a CPU can show: letter ranking in float32 under (CPU) bf16 autocast, no
silent CPU fallback for a real nf4 model, the bitsandbytes minimum, the gradientCheckpointing setting,
no GPU sync per micro-batch, an adapter save that never asks the Hub, precision stated in result.json."""
import json
import sys

import pytest
import torch

from conftest import make_bundle, medmcqa
from syllabus_trainer import deps
from syllabus_trainer import train as train_mod
from syllabus_trainer.batching import last_logits
from syllabus_trainer.bundle import BundleError, Question, read_run_spec
from syllabus_trainer.encode import encode, special_prefix
from syllabus_trainer.evaluate import option_logprobs, prediction_rows
from syllabus_trainer.modeling import DeviceError, require_cuda_for
from syllabus_trainer.prompts import train_prompt
from syllabus_trainer.runner import train_command
from syllabus_trainer.tiny import build_tiny

CPU = torch.device("cpu")


def test_letters_are_ranked_in_float32_under_bf16_autocast():
    """Rows of the output projection for B and A differ below bf16's resolution: the autocast head ties
    them (what a GPU evaluation did), the float32 head ranks B above A as the model's weights say."""
    model, tok = build_tiny("tiny-random-llama")
    q = Question("q1", "Which one?", {"A": "x", "B": "y", "C": "z", "D": "w"}, "B")
    item = encode(tok, q, train_prompt(q), q.letters, 256, special_prefix(tok))
    a, b = item.continuations["A"][0], item.continuations["B"][0]
    with torch.no_grad():
        head = model.lm_head.weight
        head[a] = head[a].to(torch.bfloat16).float()  # bf16-exact row
        with torch.autocast("cpu", dtype=torch.bfloat16):
            h = model.model(input_ids=torch.tensor([item.prompt_ids])).last_hidden_state[0, -1].float()
        if float(h @ head[a]) < 0:
            head[a] = -head[a]  # A above the letters zeroed below
        for other in "CD":
            head[item.continuations[other][0]] = 0.0
        # + 2^-11 relative, signed with h: rounds back to row A in bf16, adds a positive amount in float32
        head[b] = head[a] + torch.sign(h) * head[a].abs() * 2.0 ** -11
        assert torch.equal(head[b].to(torch.bfloat16), head[a].to(torch.bfloat16))
        with torch.autocast("cpu", dtype=torch.bfloat16):
            rounded = model(input_ids=torch.tensor([item.prompt_ids])).logits[0, -1]
        assert rounded[a] == rounded[b]  # the old path: an exact tie
    logits, n = last_logits(model, [item.prompt_ids], 1, tok.pad_token_id, CPU, torch.bfloat16, exact_head=True)
    assert logits.dtype == torch.float32 and n == len(item.prompt_ids)
    assert logits[0, -1, b] > logits[0, -1, a]
    lps = option_logprobs(model, [item], pad_id=tok.pad_token_id, device=CPU, autocast_dtype=torch.bfloat16)
    rows, score = prediction_rows([q], [item], lps)
    assert rows[0]["predicted"] == "B" and "tie" not in rows[0] and score["correct"] == 1
    # float32 within float32 noise of the same projection done by hand
    expected = torch.log_softmax(torch.nn.functional.linear(h, model.lm_head.weight.float()), -1)
    assert lps[0]["B"] == pytest.approx(float(expected[b].detach()), abs=1e-4)


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the host without CUDA")
def test_a_real_nf4_model_does_not_start_without_cuda(tmp_path, monkeypatch):
    monkeypatch.delenv("SYLLABUS_DEVICE", raising=False)
    with pytest.raises(DeviceError, match="needs a CUDA GPU.*SYLLABUS_DEVICE=cpu"):
        require_cuda_for("meta-llama/Llama-2-7b-chat-hf", "nf4")
    require_cuda_for("tiny-random-llama", "nf4")  # the tiny model is for CPU
    require_cuda_for("meta-llama/Llama-2-7b-chat-hf", "none")  # bf16/float32 LoRA without quantisation: allowed
    monkeypatch.setenv("SYLLABUS_DEVICE", "cpu")
    require_cuda_for("meta-llama/Llama-2-7b-chat-hf", "nf4")  # asked for on purpose
    monkeypatch.delenv("SYLLABUS_DEVICE")
    # the whole command: exit 2 (bad environment), the reason in status.json, before any download
    run = make_bundle(tmp_path / "run", medmcqa(2), model={"hf": "meta-llama/Llama-2-7b-chat-hf"})
    assert train_command(run) == 2
    status = json.loads((run / "status.json").read_text())
    assert status["state"] == "failed" and "needs a CUDA GPU" in status["error"]


def test_bitsandbytes_minimum_is_what_transformers_5_needs(monkeypatch):
    assert deps.parse_version(deps.BITSANDBYTES_MIN) >= (0, 46, 1)
    monkeypatch.setattr(deps, "installed_version", lambda name: "0.45.5")
    with pytest.raises(deps.MissingDependency, match=r"bitsandbytes>=0\.46\.1.*found 0\.45\.5"):
        deps.check_bitsandbytes()
    from conftest import REPO

    assert "bitsandbytes>=0.46.1" in (REPO / "python" / "requirements-gpu.txt").read_text()


def test_gradient_checkpointing_is_a_validated_setting(tmp_path):
    run = make_bundle(tmp_path / "a", medmcqa(2), model={"gradientCheckpointing": False})
    assert read_run_spec(run).gradientCheckpointing is False
    assert read_run_spec(make_bundle(tmp_path / "b", medmcqa(2))).gradientCheckpointing is None
    with pytest.raises(BundleError, match=r"model.gradientCheckpointing.*true or false"):
        read_run_spec(make_bundle(tmp_path / "c", medmcqa(2), model={"gradientCheckpointing": "yes"}))


def test_training_reads_the_loss_from_the_device_only_when_it_logs(tmp_path, monkeypatch):
    """float(loss) per micro-batch is a GPU sync each; with logEvery beyond the run only the final log reads it."""
    run = make_bundle(tmp_path / "run", medmcqa(12), optim={"batch": 2, "accumulate": 2, "optimizer": "adamw"},
                      logEvery=100)
    reads = []
    ours = (train_mod.__file__, last_logits.__code__.co_filename)

    def watch(method):
        real_method = getattr(torch.Tensor, method)

        def watched(self, *a, **k):
            caller = sys._getframe(1).f_code.co_filename
            if caller in ours:
                reads.append((method, sys._getframe(1).f_lineno))
            return real_method(self, *a, **k)

        monkeypatch.setattr(torch.Tensor, method, watched)

    for method in ("__float__", "__int__", "item", "tolist"):
        watch(method)
    assert train_command(run) == 0
    monkeypatch.undo()
    assert len(reads) == 1, reads  # the final progress event's loss; 6 micro-batches read nothing
    progress = [json.loads(l) for l in (run / "events.jsonl").read_text().splitlines() if '"progress"' in l]
    assert len(progress) == 1 and progress[0]["loss"] > 0


def test_explicit_gradient_checkpointing_trains_the_same_on_cpu(tmp_path, monkeypatch):
    from syllabus_trainer import modeling

    flags = []
    real = modeling.load_base

    def spy(*a, **k):
        out = real(*a, **k)
        flags.append(out[0].is_gradient_checkpointing)
        return out

    monkeypatch.setattr(train_mod, "load_base", spy)
    losses = []
    for gc in (False, True):
        run = make_bundle(tmp_path / f"gc-{gc}", medmcqa(6), optim={"batch": 2, "accumulate": 1, "optimizer": "adamw"},
                          model={"gradientCheckpointing": gc, "lora": {"r": 4, "alpha": 16, "dropout": 0.0}})
        assert train_command(run) == 0
        losses.append([json.loads(l)["loss"] for l in (run / "events.jsonl").read_text().splitlines() if '"progress"' in l])
    assert flags == [False, True]  # the setting reached the model
    assert losses[0] == pytest.approx(losses[1], rel=1e-4)  # and changed speed/memory, not the result


def test_the_adapter_is_saved_without_asking_the_hub(tmp_path, monkeypatch):
    from peft.utils import save_and_load

    def no_network(*a, **k):
        raise AssertionError("the adapter save asked the Hub")

    monkeypatch.setattr(save_and_load, "check_file_exists_on_hf_hub", no_network)
    from syllabus_trainer.modeling import add_lora

    model, _ = build_tiny("tiny-random-llama")
    model = add_lora(model, 4, 16, 0.0, ("q_proj", "v_proj"))
    model.peft_config["default"].base_model_name_or_path = "meta-llama/Llama-2-7b-chat-hf"
    train_mod._save_adapter(model, tmp_path)
    assert (tmp_path / "adapter" / "adapter_config.json").is_file()


def test_result_states_the_evaluation_precision(tmp_path):
    run = make_bundle(tmp_path / "run", medmcqa(4), {"m": medmcqa(6)[4:]}, optim={"optimizer": "adamw"})
    assert train_command(run) == 0
    result = json.loads((run / "result.json").read_text())
    assert "float32 output projection" in result["evalPrecision"]
    assert "training's evaluation and in `evaluate`" in result["evalPrecision"]
