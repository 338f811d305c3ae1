"""Stop signals and what they mean.

SIGTERM / SIGINT  → cancel: finish the current optimizer step, checkpoint, state `cancelled`, exit 143/130.
SIGUSR1           → preemption: finish the step, checkpoint, state `queued` with resumable=true, exit 75;
                    `train` on the same bundle resumes. Slurm: `#SBATCH --signal=B:USR1@120` with --requeue.
SYLLABUS_SIGTERM_IS_PREEMPTION=1 makes SIGTERM a preemption too (clusters that preempt with SIGTERM).
Outside the training loop (loading, evaluating) there is nothing to save, so the signal stops at once.
"""
from __future__ import annotations

import os
import signal


class Stopped(Exception):
    def __init__(self, kind: str, signal_name: str):
        super().__init__(f"{signal_name} received")
        self.kind = kind
        self.signal_name = signal_name


class StopSignals:
    def __init__(self) -> None:
        self.requested: tuple[str, str] | None = None
        self.phase = "preparing"
        self._previous: dict[int, object] = {}

    def install(self) -> "StopSignals":
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGUSR1):
            self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    def _handle(self, signum: int, _frame) -> None:
        name = signal.Signals(signum).name
        preempt = signum == signal.SIGUSR1 or (
            signum == signal.SIGTERM and os.environ.get("SYLLABUS_SIGTERM_IS_PREEMPTION") == "1")
        if self.requested:
            return  # already stopping; a second signal must not interrupt the checkpoint
        self.requested = ("preempt" if preempt else "cancel", name)
        if self.phase != "training":
            raise Stopped(*self.requested)


def exit_code(kind: str, signal_name: str) -> int:
    if kind == "preempt":
        return 75  # EX_TEMPFAIL: try again
    return 130 if signal_name == "SIGINT" else 143
