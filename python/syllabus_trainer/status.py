"""status.json (atomic, with a heartbeat) and events.jsonl (append-only) for one run folder.

The heartbeat is a daemon thread that rewrites status.json every `heartbeat_s` seconds while the
trainer lives, so a client can tell "running" from "died without a word" (stale heartbeat on a live
state). Every write goes through temp + rename: a crash at any instant leaves the previous complete
status.json. No torch import: the crash test drives this module alone.
"""
from __future__ import annotations

import os
import socket
import threading
from pathlib import Path
from typing import Any

from .bundle import FILES, SCHEMA_VERSION
from .jsonio import append_jsonl, atomic_write_json, now_iso

LIVE_STATES = ("queued", "preparing", "training", "evaluating")


class RunStatusWriter:
    def __init__(self, run_dir: Path, heartbeat_s: float | None = None):
        self.run_dir = Path(run_dir)
        self.path = self.run_dir / FILES["status"]
        self.events_path = self.run_dir / FILES["events"]
        self.heartbeat_s = heartbeat_s if heartbeat_s is not None else float(os.environ.get("SYLLABUS_HEARTBEAT_S", "10"))
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        for stale in self.run_dir.glob(f".{FILES['status']}.*.tmp"):  # left by a process killed mid-write
            stale.unlink(missing_ok=True)
        self.status: dict[str, Any] = {
            "schemaVersion": SCHEMA_VERSION,
            "state": "preparing",
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "startedAt": now_iso(),
            "heartbeatAt": now_iso(),
            "step": 0,
            "totalSteps": None,
        }

    # status.json ---------------------------------------------------------
    def update(self, **fields: Any) -> None:
        """Set fields (None removes an optional one) and write atomically."""
        with self._lock:
            for k, v in fields.items():
                if v is None and k in ("error", "message", "resumable"):
                    self.status.pop(k, None)
                else:
                    self.status[k] = v
            self.status["heartbeatAt"] = now_iso()
            atomic_write_json(self.path, self.status)

    def set_state(self, state: str, message: str | None = None, **fields: Any) -> None:
        self.update(state=state, message=message, **fields)
        event: dict[str, Any] = {"type": "state", "time": now_iso(), "state": state}
        if message:
            event["message"] = message
        self.event(event)

    def start_heartbeat(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._beat, name="syllabus-heartbeat", daemon=True)
            self._thread.start()

    def stop_heartbeat(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat_s):
            try:
                self.update()
            except OSError:
                pass  # a full disk must not kill training; the next beat retries

    # events.jsonl --------------------------------------------------------
    def event(self, row: dict[str, Any]) -> None:
        row.setdefault("time", now_iso())
        with self._lock:
            append_jsonl(self.events_path, row)

    def note(self, message: str) -> None:
        self.event({"type": "note", "time": now_iso(), "message": message})
