"""Loads the base model and tokenizer and wraps it with LoRA, the way the study did where it can.

- CUDA + quantize=nf4: QLoRA as the study (Yang et al. 2024, App. B): 4-bit NF4, double quantisation, bf16
  compute and load dtype, k-bit preparation with gradient checkpointing; LoRA on every projection.
- CUDA + quantize=none: bf16 weights + LoRA (adapter weights kept in float32 by peft).
- no CUDA: the same LoRA on float32 weights; the precision note says so (log and result.json).
Model sources: a hub id, a local folder (absolute, or relative to the bundle), or a tiny-random-llama.
"""
from __future__ import annotations

import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from . import deps
from .bundle import DEFAULT_TARGETS
from .tiny import TINY_NAMES, build_tiny, save_tiny


@dataclass
class Loaded:
    model: object
    tokenizer: object
    device: "object"  # torch.device
    device_name: str
    precision_note: str
    #: autocast dtype for forward passes on CUDA (None on CPU)
    autocast_dtype: "object | None"
    notes: list[str]


def pick_device():
    import torch

    if os.environ.get("SYLLABUS_DEVICE", "").lower() == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu"), "cpu"
    return torch.device("cuda", 0), torch.cuda.get_device_name(0)


def _dtype_kwarg() -> str:
    import transformers

    return "dtype" if deps.parse_version(transformers.__version__) >= (4, 56) else "torch_dtype"


def resolve_source(hf: str, base_dir: Path) -> str:
    """Local folders win over hub ids: absolute paths, ./relative or a folder next to the bundle."""
    p = Path(hf).expanduser()
    if p.is_absolute() or hf.startswith((".", "~")):
        if not p.is_absolute():
            p = (base_dir / p).resolve()
        if not p.is_dir():
            raise FileNotFoundError(f"model folder {p} does not exist. Fix: correct model.hf or copy the model there")
        return str(p)
    if (base_dir / hf).is_dir():
        return str((base_dir / hf).resolve())
    return hf


def load_base(hf: str, base_dir: Path, quantize: str, *, training: bool):
    """Base model + tokenizer on the right device and precision (no adapter yet)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    device, device_name = pick_device()
    notes: list[str] = []
    cuda = device.type == "cuda"
    source = hf if hf in TINY_NAMES else resolve_source(hf, base_dir)

    if not cuda:
        if quantize == "nf4":
            notes.append("no CUDA device: quantize = nf4 needs bitsandbytes on CUDA, so this run uses float32 "
                         "LoRA on CPU — results are not comparable with QLoRA runs")
        precision = "float32 weights and LoRA on CPU (no CUDA)"
        if hf in TINY_NAMES:
            model, tokenizer = build_tiny(hf)
        else:
            tokenizer = AutoTokenizer.from_pretrained(source)
            model = AutoModelForCausalLM.from_pretrained(source, **{_dtype_kwarg(): torch.float32})
        return model.to(device), tokenizer, device, device_name, precision, None, notes

    if hf in TINY_NAMES:  # materialise it as a folder so the quantised path is the real from_pretrained one
        source = str(save_tiny(hf, Path(tempfile.mkdtemp(prefix="syllabus-tiny-"))))
    tokenizer = AutoTokenizer.from_pretrained(source)
    kwargs = {_dtype_kwarg(): torch.bfloat16, "device_map": {"": 0}}
    if quantize == "nf4":
        deps.check_bitsandbytes()
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16)
        precision = "nf4 4-bit weights with double quantisation, bf16 compute, float32 LoRA (QLoRA as the study)"
    else:
        precision = "bf16 weights and compute, float32 LoRA"
    model = AutoModelForCausalLM.from_pretrained(source, **kwargs)
    if quantize == "nf4" and training:
        from peft import prepare_model_for_kbit_training

        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=True,
                                                gradient_checkpointing_kwargs={"use_reentrant": False})
    return model, tokenizer, device, device_name, precision, torch.bfloat16, notes


def ensure_pad(tokenizer) -> None:
    """The study padded with EOS when a tokenizer has no pad token; padding is masked either way."""
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"


def lora_targets(model, wanted: tuple[str, ...]) -> list[str]:
    import torch

    present = {name.rsplit(".", 1)[-1] for name, mod in model.named_modules()
               if isinstance(mod, torch.nn.Linear) or type(mod).__name__.startswith("Linear")}
    present.discard("lm_head")
    found = [t for t in wanted if t in present]
    missing = [t for t in wanted if t not in present]
    if missing:
        raise ValueError(f"LoRA targets {missing} are not linear layers of this model; it has {sorted(present)}. "
                         f"Fix: set model.lora.targets (default {list(DEFAULT_TARGETS)})")
    return found


def add_lora(model, r: int, alpha: float, dropout: float, targets: tuple[str, ...]):
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(r=r, lora_alpha=alpha, lora_dropout=dropout, bias="none", task_type="CAUSAL_LM",
                        target_modules=lora_targets(model, targets))
    with warnings.catch_warnings():  # peft ≤ 0.21 asks transformers 5 a deprecated question; not ours to fix
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
        return get_peft_model(model, config)


def trainable_state(model) -> dict:
    """The adapter's weights (everything that trains), detached copies on CPU."""
    return {n: p.detach().to("cpu", copy=True) for n, p in model.named_parameters() if p.requires_grad}


def load_trainable_state(model, state: dict) -> None:
    import torch

    params = dict(model.named_parameters())
    missing = [n for n in state if n not in params]
    if missing:
        raise ValueError(f"checkpoint has weights this model lacks: {missing[:3]}… (different model or LoRA settings)")
    with torch.no_grad():
        for n, t in state.items():
            params[n].copy_(t.to(params[n].device, params[n].dtype))
