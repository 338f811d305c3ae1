"""result.json, typed: the ONE writer of the file Syllabus imports (src/core/runs/bundle.ts `TrainerResult`).

A run's result used to be two hand-written dicts (train and evaluate); a field renamed in one place but not
the other would only show when Syllabus refused the file. Here the fields are a dataclass, checked when the
result is built, and serialised in the contract's key order and camelCase.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from .bundle import FILES, SCHEMA_VERSION
from .jsonio import atomic_write_json, now_iso


@dataclass(frozen=True)
class EvalScore:
    accuracy: float
    n: int
    correct: int

    def __post_init__(self) -> None:
        if not (0 <= self.correct <= self.n):
            raise ValueError(f"correct = {self.correct} must be between 0 and n = {self.n}")
        if not (0.0 <= self.accuracy <= 1.0) or math.isnan(self.accuracy):
            raise ValueError(f"accuracy {self.accuracy} must be a fraction in [0, 1]")


@dataclass(frozen=True)
class ConsumedIds:
    """consumed.txt summarised: how many ids, and sha256 of the file's bytes (each id followed by "\\n")."""
    count: int
    sha256: str


@dataclass(frozen=True)
class TrainerResult:
    runId: str
    accuracy: dict[str, EvalScore]
    trainSeconds: float | None
    optimizerSteps: int | None
    peakMemoryBytes: int
    tokensPerSecond: float | None
    device: str
    precisionNote: str
    truncatedTrain: int
    truncatedEval: dict[str, int]
    versions: dict[str, str]
    consumedIds: ConsumedIds | None
    finishedAt: str = field(default_factory=now_iso)
    notes: list[str] = field(default_factory=list)
    #: How the letter log-probs were computed (evaluate.eval_precision); absent only in results of older trainers.
    evalPrecision: str | None = None

    def __post_init__(self) -> None:
        for name in ("trainSeconds", "tokensPerSecond"):
            v = getattr(self, name)
            if v is not None and (v < 0 or math.isnan(v)):
                raise ValueError(f"{name} = {v} must be ≥ 0")
        if self.optimizerSteps is not None and self.optimizerSteps < 0:
            raise ValueError(f"optimizerSteps = {self.optimizerSteps} must be ≥ 0")
        if self.peakMemoryBytes < 0 or self.truncatedTrain < 0 or any(v < 0 for v in self.truncatedEval.values()):
            raise ValueError("memory and truncation counts must be ≥ 0")
        for key in ("python", "torch", "transformers", "peft", "trainer"):
            if key not in self.versions:
                raise ValueError(f"versions.{key} is missing")

    def to_json(self) -> dict:
        """The file's content, in the contract's field order (camelCase as in bundle.ts)."""
        data: dict = {
            "schemaVersion": SCHEMA_VERSION,
            "runId": self.runId,
            "accuracy": {k: {"accuracy": s.accuracy, "n": s.n, "correct": s.correct} for k, s in self.accuracy.items()},
            "trainSeconds": self.trainSeconds,
            "optimizerSteps": self.optimizerSteps,
            "peakMemoryBytes": int(self.peakMemoryBytes),
            "tokensPerSecond": self.tokensPerSecond,
            "device": self.device,
            "precisionNote": self.precisionNote,
            **({"evalPrecision": self.evalPrecision} if self.evalPrecision is not None else {}),
            "truncatedPrompts": {"train": int(self.truncatedTrain), "eval": {k: int(v) for k, v in self.truncatedEval.items()}},
            "versions": dict(self.versions),
            "consumedIds": None if self.consumedIds is None else {"count": self.consumedIds.count, "sha256": self.consumedIds.sha256},
            "finishedAt": self.finishedAt,
        }
        if self.notes:
            data["notes"] = list(self.notes)
        return data


def scores_from(accuracy: dict) -> dict[str, EvalScore]:
    """evaluate_sets' {set: {"accuracy", "n", "correct"}} as typed scores."""
    return {k: EvalScore(accuracy=float(v["accuracy"]), n=int(v["n"]), correct=int(v["correct"])) for k, v in accuracy.items()}


def write_result(run_dir: Path, result: TrainerResult) -> None:
    """Writes result.json atomically (temp + rename): Syllabus never reads half a result."""
    atomic_write_json(Path(run_dir) / FILES["result"], result.to_json())
