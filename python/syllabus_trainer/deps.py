"""Refuse early, and clearly, when a needed package is missing or too old.

The minimums are the oldest versions whose APIs the trainer uses; python/requirements.txt carries the
same ranges. Checked through package metadata so the message comes before any heavy import fails.
"""
from __future__ import annotations

import re
from importlib import metadata

# package → (minimum version, why it is needed)
REQUIRED: dict[str, tuple[str, str]] = {
    "torch": ("2.1", "the training loop"),
    "transformers": ("4.45", "model and tokenizer loading"),
    "peft": ("0.13", "LoRA adapters"),
    "tokenizers": ("0.19", "the offline tokenizer of tiny-random-llama"),
    "numpy": ("1.24", "seeding numpy's RNG"),
}
# transformers 5 refuses older bitsandbytes inside from_pretrained (an ImportError deep in loading)
BITSANDBYTES_MIN = "0.46.1"


class MissingDependency(RuntimeError):
    pass


def parse_version(v: str) -> tuple[int, ...]:
    """'2.15.0+cu132' → (2, 15, 0); pre-release tails are ignored (enough for minimum checks)."""
    parts = []
    for p in v.split("+")[0].split("."):
        m = re.match(r"\d+", p)
        if not m:
            break
        parts.append(int(m.group()))
    return tuple(parts)


def installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def check(packages: dict[str, tuple[str, str]] | None = None) -> None:
    problems = []
    for name, (minimum, why) in (packages or REQUIRED).items():
        found = installed_version(name)
        if found is None:
            problems.append(f"{name}>={minimum} is missing (needed for {why})")
        elif parse_version(found) < parse_version(minimum):
            problems.append(f"{name}>={minimum} is needed for {why}, found {found}")
    if problems:
        raise MissingDependency(
            "syllabus_trainer cannot run: " + "; ".join(problems)
            + ". Fix: in VS Code run \"Syllabus: Set Up Local Trainer\" (or set syllabus.pythonPath to a Python "
              "that has them); from a terminal `syllabus setup local`, or for a remote host `syllabus setup FILE --host NAME`."
        )


def check_bitsandbytes() -> str:
    found = installed_version("bitsandbytes")
    if found is None or parse_version(found) < parse_version(BITSANDBYTES_MIN):
        raise MissingDependency(
            f"quantize = nf4 on CUDA needs bitsandbytes>={BITSANDBYTES_MIN} "
            f"({'missing' if found is None else 'found ' + found}). Fix: `pip install 'bitsandbytes>={BITSANDBYTES_MIN}'` "
            "on the GPU host, or set quantize = none in the model block."
        )
    return found
