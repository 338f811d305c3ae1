"""Stop signals outside the training loop, and the schedule's warm-up arithmetic."""
import os
import signal

import pytest
import torch

from syllabus_trainer.signals import StopSignals, Stopped, exit_code
from syllabus_trainer.train import make_scheduler


def test_outside_training_a_signal_stops_at_once(monkeypatch):
    before = signal.getsignal(signal.SIGTERM)
    s = StopSignals().install()
    try:
        with pytest.raises(Stopped) as e:
            os.kill(os.getpid(), signal.SIGTERM)
        assert (e.value.kind, e.value.signal_name) == ("cancel", "SIGTERM")
        os.kill(os.getpid(), signal.SIGTERM)  # a second signal while stopping is ignored
    finally:
        s.restore()
    assert signal.getsignal(signal.SIGTERM) == before  # handlers are given back


def test_in_training_a_signal_only_raises_the_flag(monkeypatch):
    monkeypatch.setenv("SYLLABUS_SIGTERM_IS_PREEMPTION", "1")
    s = StopSignals().install()
    s.phase = "training"
    try:
        os.kill(os.getpid(), signal.SIGTERM)
    finally:
        s.restore()
    assert s.requested == ("preempt", "SIGTERM")
    assert exit_code("preempt", "SIGTERM") == 75 and exit_code("cancel", "SIGTERM") == 143 and exit_code("cancel", "SIGINT") == 130


@pytest.mark.parametrize("warmup,expected_warm", [(0, 0), (0.2, 2), (3, 3)])
def test_warmup_is_a_fraction_below_one_and_steps_above(warmup, expected_warm):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.AdamW([p], lr=1.0)
    sched = make_scheduler(opt, "linear", warmup, 10)
    lrs = []
    for _ in range(10):
        lrs.append(sched.get_last_lr()[0])
        opt.step()
        sched.step()
    peak = lrs.index(max(lrs))
    assert peak == expected_warm
    assert lrs[-1] == pytest.approx((10 - 9) / (10 - expected_warm))  # linear decay to 0 at step 10
