"""`train` and `evaluate` on a run folder: logging to log.txt, status transitions, evaluation of every
eval set, result.json. Exit codes: 0 succeeded · 1 failed (bug or crash) · 2 bad input (bundle,
dependencies, tokenizer, model path) · 75 preempted (resumable) · 130/143 cancelled.
"""
from __future__ import annotations

import hashlib
import json
import logging
import platform
import sys
import time
import traceback
from pathlib import Path

from . import __version__, checkpoint, deps
from .bundle import FILES, BundleError, RunSpec, check_held_out, read_questions, read_run_spec
from .encode import TokenizationError, encode
from .evaluate import eval_precision
from .jsonio import atomic_write_jsonl, now_iso
from .prompts import prompt_for
from .result import ConsumedIds, TrainerResult, scores_from, write_result
from .signals import StopSignals, Stopped, exit_code
from .status import RunStatusWriter

log = logging.getLogger("syllabus_trainer")
INPUT_ERRORS = (BundleError, deps.MissingDependency, TokenizationError, FileNotFoundError, ValueError)


def setup_logging(log_file: Path | None) -> None:
    log.setLevel(logging.INFO)
    log.propagate = False
    for h in list(log.handlers):
        log.removeHandler(h)
        h.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    for h in handlers:
        h.setFormatter(fmt)
        log.addHandler(h)


def versions() -> dict:
    v = {"python": platform.python_version(), "trainer": __version__}
    for name in ("torch", "transformers", "peft", "bitsandbytes"):
        found = deps.installed_version(name)
        if found:
            v[name] = found
    return v


def peak_memory_bytes(device) -> int:
    import resource

    import torch

    if device is not None and device.type == "cuda":
        return int(torch.cuda.max_memory_allocated(device))
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024  # Linux reports KiB


def consumed_summary(run_dir: Path) -> ConsumedIds | None:
    path = run_dir / FILES["consumed"]
    if not path.exists():
        return None
    data = path.read_bytes()
    return ConsumedIds(count=data.count(b"\n"), sha256=hashlib.sha256(data).hexdigest())


def encode_eval_sets(spec: RunSpec, tokenizer, prefix) -> dict:
    """Every eval set read and tokenised: done BEFORE training, so a bad eval file fails in seconds, not
    after hours of GPU time."""
    out = {}
    render = prompt_for(spec.prompt)
    for name, rel in spec.eval:
        questions = read_questions(spec.path(rel))
        out[name] = (questions, [encode(tokenizer, q, render(q), q.letters, spec.maxLength, prefix) for q in questions])
    return out


def evaluate_sets(spec: RunSpec, model, tokenizer, prefix, device, autocast_dtype, status: RunStatusWriter,
                  batch_size: int | None = None, encoded: dict | None = None) -> tuple[dict, dict]:
    from .evaluate import option_logprobs, prediction_rows
    from .generate import generate_outputs, generation_rows

    model.eval()
    accuracy, truncated = {}, {}
    encoded = encoded if encoded is not None else encode_eval_sets(spec, tokenizer, prefix)
    for name, _ in spec.eval:
        questions, items = encoded[name]
        if spec.evalMode == "generate":
            outputs = generate_outputs(model, tokenizer, items, pad_id=tokenizer.pad_token_id, device=device,
                                       batch_size=batch_size or _eval_batch_size(), autocast_dtype=autocast_dtype)
            rows, score = generation_rows(questions, items, outputs)
        else:
            lps = option_logprobs(model, items, pad_id=tokenizer.pad_token_id, device=device,
                                  batch_size=batch_size or _eval_batch_size(),
                                  autocast_dtype=autocast_dtype)
            rows, score = prediction_rows(questions, items, lps)
        atomic_write_jsonl(spec.run_dir / FILES["predictions"] / f"{name}.jsonl", rows)
        accuracy[name] = score
        truncated[name] = sum(e.truncated for e in items)
        status.event({"type": "eval", "time": now_iso(), "set": name, **score})
        log.info("eval %s (%s): accuracy %.4f (%d/%d), %d prompt(s) cut to maxLength", name, spec.evalMode, score["accuracy"],
                 score["correct"], score["n"], truncated[name])
    return accuracy, truncated


def _fail(status: RunStatusWriter | None, message: str) -> None:
    if status is not None:
        try:
            status.set_state("failed", error=message.splitlines()[0][:500] if message else "failed")
        except OSError:
            pass


def _eval_batch_size() -> int:
    import os

    from .evaluate import DEFAULT_BATCH

    return int(os.environ.get("SYLLABUS_EVAL_BATCH", str(DEFAULT_BATCH)))


def _guarded(status: RunStatusWriter, signals: StopSignals, body) -> int:
    """Runs a command's body so that every way it can end reaches status.json with the documented exit code."""
    try:
        return body()
    except Stopped as s:
        return _stopped(status, s.kind, s.signal_name, status.status.get("step", 0))
    except INPUT_ERRORS as e:
        log.error("%s", e)
        _fail(status, str(e))
        return 2
    except BaseException as e:  # noqa: BLE001 — every failure must reach status.json
        log.error("failed: %s\n%s", e, traceback.format_exc())
        _fail(status, f"{type(e).__name__}: {e}")
        return 1
    finally:
        signals.restore()
        status.stop_heartbeat()


def train_command(run_dir: Path) -> int:
    run_dir = Path(run_dir).resolve()
    if not (run_dir / FILES["run"]).is_file():
        print(f"{run_dir / FILES['run']}: not found. Fix: pass a run folder written by `syllabus plan`/`syllabus run`",
              file=sys.stderr)
        return 2
    setup_logging(run_dir / FILES["log"])
    status = RunStatusWriter(run_dir)
    signals = StopSignals().install()
    def body() -> int:
        status.set_state("preparing", resumable=checkpoint.exists(run_dir) or None, error=None)
        status.start_heartbeat()
        log.info("syllabus_trainer %s: train %s (pid %s)", __version__, run_dir, status.status["pid"])
        deps.check()
        spec = read_run_spec(run_dir)
        if spec.trainerVersion and spec.trainerVersion != __version__:
            status.note(f"run.json was planned for trainer {spec.trainerVersion}; this is {__version__}")
        from .train import run_training

        for _, rel in spec.eval:  # refuse a bad eval file before any model is loaded
            read_questions(spec.path(rel))
        check_held_out(spec)
        outcome = run_training(spec, status, signals, lambda tok, prefix: encode_eval_sets(spec, tok, prefix))
        if outcome.stopped:
            return _stopped(status, outcome.stopped, outcome.signal_name, outcome.steps)
        if signals.requested:  # arrived while the final checkpoint/adapter was written: stop before evaluating
            return _stopped(status, *signals.requested, outcome.steps)
        signals.phase = "evaluating"
        status.set_state("evaluating", step=outcome.steps)
        accuracy, eval_truncated = evaluate_sets(spec, outcome.model, outcome.tokenizer, outcome.prefix,
                                                 outcome.device, outcome.autocast_dtype, status, _eval_batch_size(),
                                                 outcome.eval_encoded)
        write_result(run_dir, TrainerResult(
            runId=spec.runId, accuracy=scores_from(accuracy),
            trainSeconds=outcome.train_seconds, optimizerSteps=outcome.steps,
            peakMemoryBytes=peak_memory_bytes(outcome.device),
            tokensPerSecond=outcome.tokens / outcome.train_seconds if outcome.train_seconds > 0 else 0.0,
            device=outcome.device_name, precisionNote=outcome.precision_note,
            evalPrecision=eval_precision(outcome.device, outcome.autocast_dtype),
            truncatedTrain=outcome.truncated, truncatedEval=eval_truncated,
            versions=versions(), consumedIds=consumed_summary(run_dir), notes=list(outcome.notes or []),
        ))
        status.set_state("succeeded", message=outcome.precision_note, resumable=None)
        log.info("succeeded: %s", json.dumps(accuracy))
        return 0

    return _guarded(status, signals, body)


def _stopped(status: RunStatusWriter, kind: str, signal_name: str, step: int) -> int:
    resumable = checkpoint.exists(status.run_dir)
    if kind == "preempt":
        msg = f"preempted at step {step} ({signal_name}); `train` resumes from the checkpoint"
        status.set_state("queued", message=msg, resumable=resumable, step=step)
    else:
        msg = f"cancelled at step {step} ({signal_name})" + ("; a checkpoint was kept" if resumable else "")
        status.set_state("cancelled", message=msg, resumable=resumable or None, step=step)
    log.warning(msg)
    return exit_code(kind, signal_name)


def evaluate_command(run_dir: Path, *, base: bool = False) -> int:
    """Evaluate the saved adapter (or, with --base, the untrained model) on every eval set again."""
    run_dir = Path(run_dir).resolve()
    if not (run_dir / FILES["run"]).is_file():
        print(f"{run_dir / FILES['run']}: not found", file=sys.stderr)
        return 2
    setup_logging(run_dir / FILES["log"])
    status = RunStatusWriter(run_dir)
    signals = StopSignals().install()
    signals.phase = "evaluating"
    def body() -> int:
        deps.check()
        spec = read_run_spec(run_dir)
        adapter = run_dir / FILES["adapter"]
        if not base and not adapter.is_dir():
            raise FileNotFoundError(f"{adapter} does not exist: train first, or pass --base to evaluate the untrained model")
        try:  # keep the training progress on display
            previous_status = json.loads((run_dir / FILES["status"]).read_text())
            status.status["step"] = int(previous_status.get("step", 0))
            status.status["totalSteps"] = previous_status.get("totalSteps")
        except (OSError, ValueError, TypeError):
            pass
        status.set_state("evaluating", error=None)
        status.start_heartbeat()
        from .encode import special_prefix
        from .modeling import ensure_pad, load_base
        from .train import seed_everything

        seed_everything(spec.seed)
        t0 = time.perf_counter()
        model, tokenizer, device, device_name, precision, ac_dtype, notes = load_base(spec.hf, run_dir, spec.quantize,
                                                                                      training=False)
        if not base:
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, str(adapter))
        ensure_pad(tokenizer)
        accuracy, eval_truncated = evaluate_sets(spec, model, tokenizer, special_prefix(tokenizer), device, ac_dtype,
                                                 status, _eval_batch_size())
        previous = {}
        try:
            previous = json.loads((run_dir / FILES["result"]).read_text())
        except (OSError, ValueError):
            pass
        write_result(run_dir, TrainerResult(
            runId=spec.runId, accuracy=scores_from(accuracy),
            trainSeconds=None if base else previous.get("trainSeconds"),
            optimizerSteps=None if base else previous.get("optimizerSteps"),
            peakMemoryBytes=max(peak_memory_bytes(device), int(previous.get("peakMemoryBytes", 0))),
            tokensPerSecond=None if base else previous.get("tokensPerSecond"),
            device=device_name, precisionNote=precision + (" (untrained base model)" if base else ""),
            evalPrecision=eval_precision(device, ac_dtype),
            truncatedTrain=0 if base else previous.get("truncatedPrompts", {}).get("train", 0),
            truncatedEval=eval_truncated,
            versions=versions(), consumedIds=None if base else consumed_summary(run_dir), notes=list(notes or []),
        ))
        status.set_state("succeeded", message=f"evaluated in {time.perf_counter() - t0:.1f}s")
        return 0

    return _guarded(status, signals, body)
