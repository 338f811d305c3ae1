"""The training loop: train.jsonl consumed strictly in file order, completion-only loss on the answer
letter, gradient accumulation that also steps on the final partial group, checkpoints every N
optimizer steps and on a stop signal, exact resume.

Why a hand-written loop instead of transformers.Trainer/trl: the order must be the file's (Trainer
shuffles unless patched), the last partial accumulation group must step (Trainer 4.38 dropped it,
a bug of the published fine-tuning script), the loss must cover the answer tokens found by tokenisation (not a response
template search), and a checkpoint must carry the exact position in the order.
"""
from __future__ import annotations

import logging
import math
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import checkpoint, __version__
from .batching import last_logits
from .bundle import FILES, BundleError, Issue, RunSpec, read_questions
from .encode import Encoded, encode, special_prefix
from .jsonio import now_iso
from .modeling import add_lora, ensure_pad, load_base, load_trainable_state, trainable_state
from .prompts import prompt_for
from .signals import StopSignals
from .status import RunStatusWriter

log = logging.getLogger("syllabus_trainer")


def seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False


@dataclass(frozen=True)
class Plan:
    """Which examples each optimizer step consumes. Micro-batches are consecutive runs of `batch`
    examples in file order; each epoch starts a fresh micro-batch; `accumulate` micro-batches make a
    step, and the last group of an epoch steps even when it is short."""
    n: int
    batch: int
    accumulate: int
    epochs: int

    @property
    def micro_per_epoch(self) -> int:
        return math.ceil(self.n / self.batch)

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(self.micro_per_epoch / self.accumulate)

    @property
    def total_steps(self) -> int:
        return self.steps_per_epoch * self.epochs

    def group(self, step: int) -> tuple[int, list[list[int]]]:
        epoch, s = divmod(step, self.steps_per_epoch)
        micros = range(s * self.accumulate, min((s + 1) * self.accumulate, self.micro_per_epoch))
        return epoch, [list(range(m * self.batch, min((m + 1) * self.batch, self.n))) for m in micros]

    def questions_seen_after(self, steps: int) -> int:
        epoch, s = divmod(steps, self.steps_per_epoch)
        return epoch * self.n + min(s * self.accumulate * self.batch, self.n)


def example_labels(e: Encoded, answer: str) -> tuple[list[int], list[int]]:
    """Full input ids and labels of one training example: -100 everywhere but the answer's tokens."""
    cont = e.continuations[answer]
    return e.prompt_ids + cont, [-100] * len(e.prompt_ids) + list(cont)


def micro_batch_loss(model, examples: list[tuple[Encoded, str]], *, pad_id: int, device, autocast_dtype=None):
    """(sum of cross-entropy over the answer tokens, number of answer tokens, number of real input tokens).
    Left padding puts the answers in the last columns, so only those logits are computed."""
    import torch
    import torch.nn.functional as F

    conts = [e.continuations[a] for e, a in examples]
    keep = max(len(c) for c in conts) + 1
    logits, n_input = last_logits(model, [e.prompt_ids + c for (e, _), c in zip(examples, conts)], keep, pad_id,
                                  device, autocast_dtype)
    targets = torch.full((len(examples), keep - 1), -100, dtype=torch.long)
    for row, c in enumerate(conts):
        for k, tok in enumerate(c):
            targets[row, keep - 1 - len(c) + k] = tok  # predicted by the column before the token
    pred = logits[:, :-1, :]
    loss_sum = F.cross_entropy(pred.reshape(-1, pred.shape[-1]), targets.to(pred.device).reshape(-1),
                               ignore_index=-100, reduction="sum")
    return loss_sum, sum(len(c) for c in conts), n_input


def make_optimizer(name: str, params, lr: float, weight_decay: float, cuda: bool, notes: list[str]):
    import torch

    if name == "paged_adamw_8bit":
        if cuda:
            try:
                import bitsandbytes as bnb

                return bnb.optim.PagedAdamW8bit(params, lr=lr, weight_decay=weight_decay), "paged_adamw_8bit"
            except ImportError:
                notes.append("optimizer paged_adamw_8bit needs bitsandbytes; using torch AdamW (32-bit) instead")
        else:
            notes.append("optimizer paged_adamw_8bit needs CUDA + bitsandbytes; using torch AdamW (32-bit) on CPU")
    return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay), "adamw"


def make_scheduler(optimizer, schedule: str, warmup: float, total: int):
    from transformers import get_scheduler

    warm = int(round(warmup * total)) if warmup < 1 else int(warmup)
    name = {"linear": "linear", "cosine": "cosine", "constant": "constant_with_warmup" if warm else "constant"}[schedule]
    return get_scheduler(name, optimizer, num_warmup_steps=warm, num_training_steps=total)


@dataclass
class TrainOutcome:
    stopped: str | None  # None = finished; "cancel" | "preempt"
    signal_name: str | None
    model: object
    tokenizer: object
    prefix: list[int]
    device: object
    device_name: str
    precision_note: str
    autocast_dtype: object
    steps: int
    total_steps: int
    train_seconds: float
    tokens: int
    truncated: int
    notes: list[str] = field(default_factory=list)
    #: eval set name → (questions, encoded items), prepared before training
    eval_encoded: dict | None = None


def _truncate_lines(path: Path, keep: int) -> None:
    """Keep the first `keep` lines of consumed.txt (the ids before the checkpoint's position)."""
    if not path.exists():
        path.write_text("")
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if len(lines) < keep:
        raise RuntimeError(f"{path} has {len(lines)} ids but the checkpoint consumed {keep}; the bundle was edited "
                           "during training. Fix: delete the checkpoint folder to train from the start")
    path.write_text("".join(lines[:keep]), encoding="utf-8")


def run_training(spec: RunSpec, status: RunStatusWriter, signals: StopSignals,
                 prepare_eval: Callable[[object, list[int]], dict] | None = None) -> TrainOutcome:
    """Trains (or resumes) to the end or to a stop signal. `prepare_eval(tokenizer, prefix)` runs right
    after tokenisation so the eval sets fail early if they cannot be encoded."""
    import torch

    run_dir = spec.run_dir
    train_file = spec.path(spec.train)
    questions = read_questions(train_file)
    if not questions:
        raise BundleError([Issue(str(train_file), 0, "has no questions", fix="write the training order into it")])
    notes: list[str] = []

    seed_everything(spec.seed)
    model, tokenizer, device, device_name, precision, ac_dtype, load_notes = load_base(
        spec.hf, run_dir, spec.quantize, training=True, gradient_checkpointing=spec.gradientCheckpointing)
    notes += load_notes
    if device.type == "cuda":  # the launcher's placement, for the tree view (cuda:0 is this physical GPU)
        status.update(gpu=os.environ.get("CUDA_VISIBLE_DEVICES", "0"))
    ensure_pad(tokenizer)
    prefix = special_prefix(tokenizer)
    render = prompt_for(spec.prompt)
    encoded = [encode(tokenizer, q, render(q), [q.answer], spec.maxLength, prefix) for q in questions]
    truncated = sum(e.truncated for e in encoded)
    eval_encoded = prepare_eval(tokenizer, prefix) if prepare_eval else None
    if truncated:
        cut = [e.id for e in encoded if e.truncated]
        notes.append(f"{truncated} training prompt(s) longer than maxLength {spec.maxLength} were cut inside the "
                     f"question text (options and cue kept): {', '.join(cut[:10])}{' …' if len(cut) > 10 else ''}")

    seed_everything(spec.seed)  # LoRA init depends on the run seed only, not on what loading consumed
    model = add_lora(model, spec.lora.r, spec.lora.alpha, spec.lora.dropout, spec.lora.targets, spec.lora.top_layers)
    plan = Plan(len(questions), spec.optim.batch, spec.optim.accumulate, spec.optim.epochs)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer, opt_name = make_optimizer(spec.optim.optimizer, params, spec.optim.lr, spec.optim.weightDecay,
                                         device.type == "cuda", notes)
    scheduler = make_scheduler(optimizer, spec.optim.schedule, spec.optim.warmup, plan.total_steps)
    # float16 compute (a GPU without bf16) needs loss scaling; with bf16 or on CPU the scaler is a no-op
    scaler = torch.amp.GradScaler(device.type, enabled=device.type == "cuda" and ac_dtype == torch.float16)
    for n in notes:
        log.warning(n)
        status.note(n)

    consumed_path = run_dir / FILES["consumed"]
    start_step, elapsed, tokens = 0, 0.0, 0
    state = checkpoint.load(run_dir)
    if state is not None:
        if state["runId"] != spec.runId or state["totalSteps"] != plan.total_steps:
            raise RuntimeError(
                f"{run_dir / FILES['checkpoint']} belongs to run {state['runId']} with {state['totalSteps']} steps, "
                f"not to this run.json ({spec.runId}, {plan.total_steps} steps). Fix: delete the checkpoint folder")
        load_trainable_state(model, state["adapter"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        if state.get("scaler"):
            scaler.load_state_dict(state["scaler"])
        checkpoint.set_rng_state(state["rng"])
        start_step, elapsed, tokens = state["step"], state["elapsed"], state["tokens"]
        _truncate_lines(consumed_path, state["questionsSeen"])
        status.event({"type": "resume", "time": now_iso(), "step": start_step, "questionsSeen": state["questionsSeen"]})
        log.info("resuming at step %d of %d (%d questions consumed)", start_step, plan.total_steps, state["questionsSeen"])
    else:
        consumed_path.write_text("")

    def save_checkpoint(step: int, reason: str) -> None:
        checkpoint.save(run_dir, {
            "step": step, "totalSteps": plan.total_steps, "questionsSeen": plan.questions_seen_after(step),
            "runId": spec.runId, "trainerVersion": __version__, "elapsed": elapsed, "tokens": tokens,
            "adapter": trainable_state(model), "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(), "scaler": scaler.state_dict() if scaler.is_enabled() else None,
            "rng": checkpoint.rng_state(),
        })
        status.event({"type": "checkpoint", "time": now_iso(), "step": step,
                      "questionsSeen": plan.questions_seen_after(step), "reason": reason})

    log.info("training %s on %d questions × %d epoch(s): %d optimizer steps (batch %d × accumulate %d), %s, %s",
             spec.hf, plan.n, plan.epochs, plan.total_steps, plan.batch, plan.accumulate, opt_name, precision)
    status.update(state="training", totalSteps=plan.total_steps, step=start_step, message=precision)
    status.event({"type": "state", "time": now_iso(), "state": "training"})
    signals.phase = "training"
    delay = float(os.environ.get("SYLLABUS_TEST_STEP_DELAY", "0"))  # tests only: widen the window for a kill
    pad_id = tokenizer.pad_token_id
    model.train()
    if device.type == "cuda":  # peak memory of training (and evaluation), not of loading/quantising
        torch.cuda.reset_peak_memory_stats(device)
    # the loss stays on the device until a progress event reads it: no GPU sync per micro-batch
    window_loss, window_tokens, last_status = torch.zeros((), device=device), 0, 0.0
    stopped = None
    step = start_step
    with open(consumed_path, "a", encoding="utf-8") as consumed:
        while step < plan.total_steps:
            t0 = time.perf_counter()
            epoch, micros = plan.group(step)
            group_answer_tokens = sum(len(encoded[j].continuations[questions[j].answer]) for m in micros for j in m)
            for m in micros:
                batch = [(encoded[j], questions[j].answer) for j in m]
                loss_sum, _, n_input = micro_batch_loss(model, batch, pad_id=pad_id, device=device, autocast_dtype=ac_dtype)
                # normalise by the whole group's answer tokens: a short last group is a true mean too
                scaler.scale(loss_sum / group_answer_tokens).backward()
                window_loss += loss_sum.detach().float()
                tokens += n_input
                consumed.write("".join(questions[j].id + "\n" for j in m))
            consumed.flush()
            window_tokens += group_answer_tokens
            if spec.optim.gradClip > 0:
                scaler.unscale_(optimizer)
                torch.nn.utils.clip_grad_norm_(params, spec.optim.gradClip)
            scaler.step(optimizer)
            scaler.update()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            if delay:
                time.sleep(delay)
            if device.type == "cuda":
                # one sync per optimizer step (none per micro-batch): the step's GPU work is inside its timing,
                # not in the untimed status/checkpoint writes after it — tokens/s would otherwise flatter us
                torch.cuda.synchronize(device)
            elapsed += time.perf_counter() - t0
            if step % spec.logEvery == 0 or step == plan.total_steps:
                status.event({
                    "type": "progress", "time": now_iso(), "step": step, "totalSteps": plan.total_steps, "epoch": epoch,
                    "loss": float(window_loss) / max(window_tokens, 1), "lr": float(scheduler.get_last_lr()[0]),
                    "tokensPerSecond": tokens / elapsed if elapsed > 0 else 0.0,
                    "questionsSeen": plan.questions_seen_after(step), "elapsed": elapsed})
                window_loss, window_tokens = torch.zeros((), device=device), 0
            if time.monotonic() - last_status > 1 or step == plan.total_steps:
                status.update(step=step)
                last_status = time.monotonic()
            if signals.requested:
                stopped = signals.requested
                break
            if spec.checkpointEvery and step % spec.checkpointEvery == 0 and step < plan.total_steps:
                save_checkpoint(step, "interval")
    if stopped:
        save_checkpoint(step, "signal")
    else:
        save_checkpoint(step, "end")
        _save_adapter(model, run_dir)
    return TrainOutcome(stopped[0] if stopped else None, stopped[1] if stopped else None, model, tokenizer, prefix,
                        device, device_name, precision, ac_dtype, step, plan.total_steps, elapsed, tokens, truncated, notes,
                        eval_encoded)


def _save_adapter(model, run_dir: Path) -> None:
    import shutil

    final = run_dir / FILES["adapter"]
    tmp = run_dir / f".{FILES['adapter']}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    # save_embedding_layers=False: the adapter never targets embeddings, and "auto" asks the Hub about the base
    # model (a network call, and a hang on an offline GPU node)
    model.save_pretrained(tmp, save_embedding_layers=False)
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)
