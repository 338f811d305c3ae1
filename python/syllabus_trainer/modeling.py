"""Loads the base model and tokenizer and wraps it with LoRA, the way the study did where it can.

- CUDA + quantize=nf4: QLoRA as the study (Yang et al. 2024, App. B): 4-bit NF4, double quantisation, bf16
  compute and load dtype, k-bit preparation (norms, embeddings and the output projection in float32) —
  for `evaluate`/`score` too, so evaluation after training and a later `evaluate` run at one precision —
  and gradient checkpointing (a setting: `gradientCheckpointing`, on by default for nf4); LoRA on every
  projection.
- CUDA + quantize=none: bf16 weights + LoRA (adapter weights kept in float32 by peft).
- A GPU without bf16 (pre-Ampere): float16 compute instead, with a gradient scaler (train.py); noted.
- no CUDA: the same LoRA on float32 weights; the precision note says so (log and result.json). A real
  (non-tiny) nf4 model refuses to start without CUDA unless SYLLABUS_DEVICE=cpu asks for CPU on purpose:
  a 7B run silently training in float32 on CPU would take weeks and not be QLoRA.
- The device is `cuda:0` of the visible set: the launcher gives each run its own CUDA_VISIBLE_DEVICES.
Model sources: a hub id, a local folder (absolute, or relative to the bundle), a tiny-random-llama, or a real
model shipped in a pip package (`smollm2-135m`, see realmodels.py).
"""
from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from . import deps
from .bundle import DEFAULT_TARGETS
from .realmodels import REAL_NAMES, resolve_real
from .tiny import TINY_NAMES, build_tiny, save_tiny


@dataclass
class Loaded:
    model: object
    tokenizer: object
    device: "object"  # torch.device
    device_name: str
    precision_note: str
    #: autocast dtype for forward passes (None on CPU, except a real model's bf16: cpu_autocast)
    autocast_dtype: "object | None"
    notes: list[str]


class DeviceError(ValueError):
    """The run cannot get the device it needs (exit 2: fix the environment, not the code)."""


def cpu_requested() -> bool:
    return os.environ.get("SYLLABUS_DEVICE", "").lower() == "cpu"


def pick_device():
    """cuda:0 of the visible devices (CUDA_VISIBLE_DEVICES picks the physical one), else CPU."""
    import torch

    if cpu_requested() or not torch.cuda.is_available():
        return torch.device("cpu"), "cpu"
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    name = torch.cuda.get_device_name(0)
    return torch.device("cuda", 0), f"{name} (CUDA_VISIBLE_DEVICES={visible})" if visible else name


def require_cuda_for(hf: str, quantize: str) -> None:
    """A real model with quantize = nf4 needs CUDA; without it the run stops here rather than train for days
    in float32 on CPU. SYLLABUS_DEVICE=cpu says the CPU is meant (tests, a deliberate CPU run)."""
    import torch

    if quantize != "nf4" or hf in TINY_NAMES or cpu_requested() or torch.cuda.is_available():
        return
    built = torch.version.cuda
    raise DeviceError(
        f"model {hf} with quantize = nf4 needs a CUDA GPU, but torch {torch.__version__} sees none"
        + (f" (this torch is built for CUDA {built}: the NVIDIA driver may be too old for it)" if built else
           " (this torch is a CPU-only build)")
        + ". Fix: on a GPU host install a torch that matches the driver (`nvidia-smi` shows the highest CUDA it "
          "supports; e.g. `pip install torch --index-url https://download.pytorch.org/whl/cu126`), or set quantize = none, "
          "or run with SYLLABUS_DEVICE=cpu to train in float32 on CPU on purpose")


def compute_dtype():
    """bf16 where the GPU has it (Ampere and later), else float16 (with a gradient scaler in training)."""
    import torch

    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def cpu_autocast(hf: str, device):
    """bf16 autocast for a real model on CPU (the `smollm2-135m` demo), in training AND evaluation, so a later
    `evaluate` reproduces training's own: measured ~1.4x faster per training step and ~1.6x faster evaluation
    than float32 on 2 CPU cores, and the demo's task is still learned. Weights, LoRA and the optimizer stay
    float32, and letters are still ranked by a float32 output projection (batching.py). Tiny test models keep
    float32 so the CPU tests stay exact."""
    import torch

    return torch.bfloat16 if device.type == "cpu" and hf in REAL_NAMES else None


def deterministic_requested() -> bool:
    return os.environ.get("SYLLABUS_DETERMINISTIC", "") not in ("", "0")


def enable_deterministic(kwargs: dict, notes: list[str]) -> None:
    """SYLLABUS_DETERMINISTIC=1: bit-reproducible CUDA training (a resume then matches an uninterrupted run
    exactly) at some speed: eager attention (the fused SDPA kernels' backward is non-deterministic),
    torch's deterministic algorithms (warn where an op has none) and a fixed cuBLAS workspace. Without it,
    a resumed GPU run agrees with an uninterrupted one to float noise (docs: the stated tolerance)."""
    import torch

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.use_deterministic_algorithms(True, warn_only=True)
    kwargs["attn_implementation"] = "eager"
    notes.append("deterministic mode (SYLLABUS_DETERMINISTIC=1): eager attention, deterministic algorithms")


def use_gradient_checkpointing(quantize: str, setting: bool | None) -> bool:
    """The study's QLoRA code turned it on; a large card does not need it for a small model (`gradientCheckpointing`)."""
    return setting if setting is not None else quantize == "nf4"


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


def load_base(hf: str, base_dir: Path, quantize: str, *, training: bool, gradient_checkpointing: bool | None = None):
    """Base model + tokenizer on the right device and precision (no adapter yet)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    require_cuda_for(hf, quantize)
    device, device_name = pick_device()
    notes: list[str] = []
    cuda = device.type == "cuda"
    source = hf if hf in TINY_NAMES else resolve_real(hf) if hf in REAL_NAMES else resolve_source(hf, base_dir)

    if not cuda:
        if quantize == "nf4":
            notes.append("no CUDA device: quantize = nf4 needs bitsandbytes on CUDA, so this run uses float32 "
                         "LoRA on CPU — results are not comparable with QLoRA runs")
        precision = "float32 weights and LoRA on CPU (no CUDA)"
        if hf in TINY_NAMES:
            model, tokenizer = build_tiny(hf)
        else:
            tokenizer = AutoTokenizer.from_pretrained(source)
            # eager attention: for the short prompts a CPU run can afford, SDPA's CPU kernels (its backward
            # above all) are slower than plain matmuls (measured ~10% of a demo training step)
            model = AutoModelForCausalLM.from_pretrained(source, **{_dtype_kwarg(): torch.float32}, attn_implementation="eager")
        autocast_dtype = cpu_autocast(hf, device)
        if autocast_dtype is not None:
            precision += ", compute under bf16 autocast (training and evaluation)"
        if training and gradient_checkpointing:  # only when asked: the CPU fallback has no memory to save
            _enable_checkpointing(model)
        return model.to(device), tokenizer, device, device_name, precision, autocast_dtype, notes

    dtype = compute_dtype()
    if dtype != torch.bfloat16:
        notes.append(f"{device_name} has no bf16: float16 compute with a gradient scaler instead (not the study's bf16)")
    dname = "bf16" if dtype == torch.bfloat16 else "fp16"
    temp = None
    if hf in TINY_NAMES:  # materialise it as a folder so the quantised path is the real from_pretrained one
        temp = Path(tempfile.mkdtemp(prefix="syllabus-tiny-"))
        source = str(save_tiny(hf, temp))
    try:
        tokenizer = AutoTokenizer.from_pretrained(source)
        kwargs = {_dtype_kwarg(): dtype, "device_map": {"": 0}}
        if deterministic_requested():
            enable_deterministic(kwargs, notes)
        if quantize == "nf4":
            deps.check_bitsandbytes()
            from transformers import BitsAndBytesConfig

            kwargs["quantization_config"] = BitsAndBytesConfig(
                load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                bnb_4bit_compute_dtype=dtype)
            precision = (f"nf4 4-bit weights with double quantisation, {dname} compute, float32 norms/embeddings/head "
                         "and LoRA (QLoRA as the study)")
        else:
            precision = f"{dname} weights and compute, float32 LoRA"
        try:
            model = AutoModelForCausalLM.from_pretrained(source, **kwargs)
        except ImportError as e:  # e.g. a bitsandbytes transformers finds too old: the environment, not a bug
            raise deps.MissingDependency(f"loading {hf} failed: {e}. Fix: `pip install -r python/requirements-gpu.txt` "
                                         f"(bitsandbytes>={deps.BITSANDBYTES_MIN}) on the GPU host") from None
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    if quantize == "nf4":
        # training and evaluation alike, so `evaluate` reproduces the numbers training's own evaluation wrote
        from peft import prepare_model_for_kbit_training

        checkpointing = training and use_gradient_checkpointing(quantize, gradient_checkpointing)
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=checkpointing,
                                                gradient_checkpointing_kwargs={"use_reentrant": False})
    elif training and use_gradient_checkpointing(quantize, gradient_checkpointing):
        _enable_checkpointing(model)
    if training and quantize == "nf4" and not use_gradient_checkpointing(quantize, gradient_checkpointing):
        notes.append("gradient checkpointing off (gradientCheckpointing = false): faster, more memory")
    return model, tokenizer, device, device_name, precision, dtype, notes


def _enable_checkpointing(model) -> None:
    model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})


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


def add_lora(model, r: int, alpha: float, dropout: float, targets: tuple[str, ...], top_layers: int | None = None):
    from peft import LoraConfig, get_peft_model

    layers = None
    if top_layers is not None:
        n = model.config.num_hidden_layers
        if top_layers > n:
            raise ValueError(f"model.lora.top_layers = {top_layers} but this model has {n} layers. Fix: set at most {n}")
        layers = list(range(n - top_layers, n))
    config = LoraConfig(r=r, lora_alpha=alpha, lora_dropout=dropout, bias="none", task_type="CAUSAL_LM",
                        target_modules=lora_targets(model, targets), layers_to_transform=layers)
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
