"""The run-bundle contract on the Python side: reads and validates run.json, question JSONL and
score.json exactly as src/core/runs/bundle.ts (zod) defines them, with errors that name the file,
the line, the field and the fix. Hand-written checks (no pydantic) keep the trainer's dependencies
to torch/transformers/peft.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

SCHEMA_VERSION = 1
LETTERS = ("A", "B", "C", "D", "E")
#: run.json model.prompt: the study's App. B template, or the same without its instruction line (prompts.py)
PROMPT_STYLES = ("study", "plain")
DEFAULT_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")

FILES = {
    "run": "run.json",
    "train": "train.jsonl",
    "status": "status.json",
    "events": "events.jsonl",
    "consumed": "consumed.txt",
    "predictions": "predictions",
    "result": "result.json",
    "log": "log.txt",
    "checkpoint": "checkpoint",
    "adapter": "adapter",
}


@dataclass
class Issue:
    file: str
    line: int  # 1-based; 0 = the whole file
    message: str
    field: str | None = None
    fix: str | None = None

    def __str__(self) -> str:  # same shape as src/core/errors.ts formatIssue
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        fld = f" [{self.field}]" if self.field else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}:{fld} {self.message}.{fix}"


class BundleError(Exception):
    """Every problem found in a bundle file (not just the first), so it can be fixed in one pass."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        shown = [str(i) for i in issues[:20]]
        if len(issues) > 20:
            shown.append(f"… and {len(issues) - 20} more")
        super().__init__("\n".join(shown))


# ───────────────────────────── checking helpers ─────────────────────────────


class _Checker:
    def __init__(self, file: str, line: int = 0, fix: str | None = None):
        self.file, self.line, self.fix = file, line, fix
        self.issues: list[Issue] = []

    def fail(self, fld: str | None, message: str, fix: str | None = None) -> None:
        self.issues.append(Issue(self.file, self.line, message, fld, fix or self.fix))

    def get(self, obj: dict, key: str, path: str, kind: str, *, optional: bool = False, default: Any = None,
            check: Callable[[Any], str | None] | None = None) -> Any:
        if not isinstance(obj, dict):
            return default
        if key not in obj or obj[key] is None and optional:
            if not optional:
                self.fail(path, "is required")
            return default
        value = obj[key]
        ok = {
            "str": isinstance(value, str),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "num": isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value),
            "bool": isinstance(value, bool),
            "dict": isinstance(value, dict),
            "list": isinstance(value, list),
        }[kind]
        if not ok:
            self.fail(path, f"must be {dict(str='a string', int='a whole number', num='a number', bool='true or false', dict='an object', list='a list')[kind]}, got {json.dumps(value)[:60]}")
            return default
        if check:
            msg = check(value)
            if msg:
                self.fail(path, msg)
                return default
        return value


def _schema_version(c: _Checker, data: dict) -> None:
    v = data.get("schemaVersion") if isinstance(data, dict) else None
    if v != SCHEMA_VERSION:
        c.issues.append(Issue(c.file, 0, f"schemaVersion {json.dumps(v)} is not supported: this trainer reads bundle schema "
                                         f"{SCHEMA_VERSION}; use matching versions of Syllabus and the trainer", "schemaVersion"))


def _load_json(path: Path, fix: str | None = None) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise BundleError([Issue(str(path), 0, f"cannot be read ({e.strerror or e})")]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BundleError([Issue(str(path), e.lineno, f"is not valid JSON ({e.msg})", fix=fix or "rewrite it as one JSON object")]) from None


def _positive(v: Any) -> str | None:
    return None if v > 0 else "must be > 0"


def _non_negative(v: Any) -> str | None:
    return None if v >= 0 else "must be ≥ 0"


def _one_of(*values: str) -> Callable[[Any], str | None]:
    return lambda v: None if v in values else f"must be one of {', '.join(values)}, got '{v}'"


_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _relative(v: str) -> str | None:
    parts = re.split(r"[\\/]", v)
    if not v or v.startswith("/") or ".." in parts:
        return "must be a path inside the run folder (relative, no '..')"
    return None


# ───────────────────────────── run.json ─────────────────────────────


@dataclass
class Lora:
    r: int
    alpha: float
    dropout: float
    targets: tuple[str, ...] = DEFAULT_TARGETS
    #: adapt only the last N transformer layers (None = all)
    top_layers: int | None = None


@dataclass
class Optim:
    lr: float
    batch: int
    accumulate: int
    schedule: str
    warmup: float
    weightDecay: float
    gradClip: float
    epochs: int
    optimizer: str


@dataclass
class RunSpec:
    run_dir: Path
    runId: str
    hf: str
    quantize: str
    lora: Lora
    maxLength: int
    optim: Optim
    seed: int
    train: str
    eval: list[tuple[str, str]]
    checkpointEvery: int
    logEvery: int
    trainerVersion: str | None = None
    display: dict = field(default_factory=dict)
    #: None = the default for the quantisation (on for nf4, as the study's QLoRA code; off for none)
    gradientCheckpointing: bool | None = None
    # Eval sets that must share no question with train.jsonl (a cross-validation fold's held-out part).
    heldOut: tuple[str, ...] = ()
    #: "loglik" (restricted option log-likelihood, the published code's) or "generate" (greedy decoding, the paper's text)
    evalMode: str = "loglik"
    #: the prompt of training and evaluation: "study" (Yang et al. 2024, App. B) or "plain" (no instruction line)
    prompt: str = "study"

    def path(self, rel: str) -> Path:
        return self.run_dir / rel


def read_run_spec(run_dir: Path) -> RunSpec:
    run_dir = Path(run_dir)
    file = run_dir / FILES["run"]
    data = _load_json(file, "regenerate the run with `syllabus plan`")
    c = _Checker(str(file), fix="regenerate the run with `syllabus plan`")
    if not isinstance(data, dict):
        raise BundleError([Issue(str(file), 0, "must be a JSON object")])
    _schema_version(c, data)
    if c.issues:  # an unknown version: the rest of the file may mean something else, say only that
        raise BundleError(c.issues)
    run_id = c.get(data, "runId", "runId", "str", check=lambda v: None if re.match(r"^[A-Za-z0-9][A-Za-z0-9_-]*$", v) else "letters, digits, '_' and '-' only")
    model = c.get(data, "model", "model", "dict", default={})
    hf = c.get(model, "hf", "model.hf", "str", check=lambda v: None if v else "must not be empty")
    quantize = c.get(model, "quantize", "model.quantize", "str", check=_one_of("nf4", "none"))
    max_length = c.get(model, "maxLength", "model.maxLength", "int", check=lambda v: None if v >= 16 else "must be ≥ 16")
    prompt = c.get(model, "prompt", "model.prompt", "str", optional=True, default="study", check=_one_of(*PROMPT_STYLES))
    lora_d = c.get(model, "lora", "model.lora", "dict", default={})
    lora = Lora(
        r=c.get(lora_d, "r", "model.lora.r", "int", check=_positive),
        alpha=c.get(lora_d, "alpha", "model.lora.alpha", "num", check=_positive),
        dropout=c.get(lora_d, "dropout", "model.lora.dropout", "num", check=lambda v: None if 0 <= v <= 1 else "must be in [0, 1]"),
    )
    gradient_checkpointing = c.get(model, "gradientCheckpointing", "model.gradientCheckpointing", "bool", optional=True)
    lora.top_layers = c.get(lora_d, "topLayers", "model.lora.topLayers", "int", check=_positive, optional=True)
    targets = c.get(lora_d, "targets", "model.lora.targets", "list", optional=True)
    if targets is not None:
        if not targets or not all(isinstance(t, str) and t for t in targets):
            c.fail("model.lora.targets", "must be a non-empty list of module names")
        else:
            lora.targets = tuple(targets)
    o = c.get(data, "optim", "optim", "dict", default={})
    optim = Optim(
        lr=c.get(o, "lr", "optim.lr", "num", check=_positive),
        batch=c.get(o, "batch", "optim.batch", "int", check=_positive),
        accumulate=c.get(o, "accumulate", "optim.accumulate", "int", check=_positive),
        schedule=c.get(o, "schedule", "optim.schedule", "str", check=_one_of("linear", "cosine", "constant")),
        warmup=c.get(o, "warmup", "optim.warmup", "num",
                     check=lambda v: "must be ≥ 0" if v < 0 else ("warmup ≥ 1 counts steps and must be a whole number" if v >= 1 and v != int(v) else None)),
        weightDecay=c.get(o, "weightDecay", "optim.weightDecay", "num", check=_non_negative),
        gradClip=c.get(o, "gradClip", "optim.gradClip", "num", check=_non_negative),
        epochs=c.get(o, "epochs", "optim.epochs", "int", check=_positive),
        optimizer=c.get(o, "optimizer", "optim.optimizer", "str", check=_one_of("adamw", "paged_adamw_8bit")),
    )
    seed = c.get(data, "seed", "seed", "int", check=lambda v: None if 0 <= v < 2**32 else "must be in [0, 2^32)")
    train = c.get(data, "train", "train", "str", optional=True, default=FILES["train"], check=_relative)
    evals: list[tuple[str, str]] = []
    held_out: list[str] = []
    for i, e in enumerate(c.get(data, "eval", "eval", "list", optional=True, default=[])):
        name = c.get(e, "name", f"eval.{i}.name", "str",
                     check=lambda v: None if _SAFE_NAME.match(v) else "use letters, digits, '_', '-', '.' (no '/' and not starting with '.')")
        f = c.get(e, "file", f"eval.{i}.file", "str", check=_relative)
        if not isinstance(e, dict):
            c.fail(f"eval.{i}", "must be an object {name, file}")
        if name and any(name == n for n, _ in evals):
            c.fail(f"eval.{i}.name", f"eval set '{name}' is listed twice")
        evals.append((name, f))
        if isinstance(e, dict) and c.get(e, "heldOut", f"eval.{i}.heldOut", "bool", optional=True, default=False):
            held_out.append(name)
    checkpoint_every = c.get(data, "checkpointEvery", "checkpointEvery", "int", check=_non_negative)
    log_every = c.get(data, "logEvery", "logEvery", "int", optional=True, default=1, check=_positive)
    trainer_version = c.get(data, "trainerVersion", "trainerVersion", "str", optional=True)
    display = c.get(data, "display", "display", "dict", optional=True, default={})
    eval_mode = c.get(data, "evalMode", "evalMode", "str", optional=True, default="loglik", check=_one_of("loglik", "generate"))
    if c.issues:
        raise BundleError(c.issues)
    return RunSpec(run_dir, run_id, hf, quantize, lora, max_length, optim, seed, train, evals, checkpoint_every,
                   log_every, trainer_version, display, gradient_checkpointing, tuple(held_out), eval_mode, prompt)


def check_held_out(spec: RunSpec) -> None:
    """Refuses a bundle whose held-out eval set shares a question id with train.jsonl: a cross-validation
    fold is scored only on questions its model never trained on."""
    held = [(n, rel) for n, rel in spec.eval if n in spec.heldOut]
    if not held:
        return
    train_ids = {q.id for q in read_questions(spec.path(spec.train))}
    issues = []
    for name, rel in held:
        for q in read_questions(spec.path(rel)):
            if q.id in train_ids:
                issues.append(Issue(str(spec.path(rel)), q.line, f"question {q.id} of held-out set '{name}' is also in {spec.train}",
                                    "heldOut", "regenerate the run with `syllabus plan`: a fold's held-out questions are never trained on"))
    if issues:
        raise BundleError(issues)


# ───────────────────────────── question lines ─────────────────────────────


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    options: dict[str, str]  # letter → text, contiguous from A
    answer: str
    line: int = 0

    @property
    def letters(self) -> list[str]:
        return [l for l in LETTERS if l in self.options]


def read_questions(path: Path, *, answer_required: bool = True) -> list[Question]:
    """Every bad line is reported with its line number; none is dropped. Duplicate ids are refused."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise BundleError([Issue(str(path), 0, f"cannot be read ({e.strerror or e})")]) from None
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    issues: list[Issue] = []
    out: list[Question] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(lines, start=1):
        c = _Checker(str(path), i)
        if not raw.strip():
            c.fail(None, "empty line inside the file", "remove blank lines")
            issues += c.issues
            continue
        try:
            d = json.loads(raw)
        except json.JSONDecodeError as e:
            c.fail(None, f"is not valid JSON ({e.msg})", "write one JSON object per line")
            issues += c.issues
            continue
        if not isinstance(d, dict):
            c.fail(None, "must be a JSON object")
            issues += c.issues
            continue
        qid = c.get(d, "id", "id", "str", check=lambda v: None if v else "must not be empty")
        qtext = c.get(d, "question", "question", "str")
        opts = c.get(d, "options", "options", "dict", default={})
        options: dict[str, str] = {}
        for k, v in opts.items():
            if k not in LETTERS:
                c.fail(f"options.{k}", f"'{k}' is not an option letter (A to E)")
            elif not isinstance(v, str):
                c.fail(f"options.{k}", "must be a string")
            else:
                options[k] = v
        letters = [l for l in LETTERS if l in opts]
        if opts and (len(letters) < 2 or letters != list(LETTERS[: len(letters)])):
            c.fail("options", f"options must be 2 to 5 letters contiguous from A, got [{', '.join(letters)}]")
        answer = c.get(d, "answer", "answer", "str", optional=not answer_required)
        if answer is not None and answer not in letters:
            c.fail("answer", f"answer '{answer}' is not one of the question's options [{', '.join(letters)}]")
        for k in ("category",):
            if k in d and d[k] is not None and not isinstance(d[k], str):
                c.fail(k, "must be a string")
        if "difficulty" in d and d["difficulty"] is not None and not (isinstance(d["difficulty"], (int, float)) and not isinstance(d["difficulty"], bool)):
            c.fail("difficulty", "must be a number")
        if qid and qid in seen:
            c.fail("id", f"id '{qid}' repeats line {seen[qid]}", "give every question a unique id")
        elif qid:
            seen[qid] = i
        if c.issues:
            issues += c.issues
            continue
        out.append(Question(qid, qtext, options, answer or "", i))
    if issues:
        raise BundleError(issues)
    return out


# ───────────────────────────── score.json ─────────────────────────────


@dataclass
class ScoreSpec:
    folder: Path
    hf: str
    quantize: str
    maxLength: int
    addSpecialTokens: bool
    questions: str
    output: str
    batchSize: int
    seed: int


def read_score_spec(folder: Path) -> ScoreSpec:
    folder = Path(folder)
    file = folder / "score.json"
    data = _load_json(file)
    c = _Checker(str(file))
    if not isinstance(data, dict):
        raise BundleError([Issue(str(file), 0, "must be a JSON object")])
    _schema_version(c, data)
    if c.issues:
        raise BundleError(c.issues)
    model = c.get(data, "model", "model", "dict", default={})
    spec = ScoreSpec(
        folder=folder,
        hf=c.get(model, "hf", "model.hf", "str", check=lambda v: None if v else "must not be empty"),
        quantize=c.get(model, "quantize", "model.quantize", "str", optional=True, default="none", check=_one_of("nf4", "none")),
        maxLength=c.get(model, "maxLength", "model.maxLength", "int", optional=True, default=2048, check=lambda v: None if v >= 16 else "must be ≥ 16"),
        addSpecialTokens=c.get(model, "addSpecialTokens", "model.addSpecialTokens", "bool", optional=True, default=False),
        questions=c.get(data, "questions", "questions", "str", check=_relative),
        output=c.get(data, "output", "output", "str", check=_relative),
        batchSize=c.get(data, "batchSize", "batchSize", "int", optional=True, default=8, check=_positive),
        seed=c.get(data, "seed", "seed", "int", optional=True, default=0, check=_non_negative),
    )
    if c.issues:
        raise BundleError(c.issues)
    return spec
