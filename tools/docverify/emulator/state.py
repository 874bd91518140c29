"""What an emulator remembers between requests: ids, rate-limit windows, fault counters, a log."""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from docverify.emulator.config import DETERMINISTIC_CREATED, EmulatorConfig


@dataclass(frozen=True, slots=True)
class ReceivedRequest:
    """One request as it arrived, for tests that check what a client sent."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


class EmulatorState:
    """Mutable per-instance memory; requests come from uvicorn's thread, tests read from theirs."""

    def __init__(self, config: EmulatorConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[str, deque[float]] = {}
        self._fault_counts: dict[str, int] = {}
        self._received: list[ReceivedRequest] = []

    # ids --------------------------------------------------------------------------------
    def created(self) -> int:
        return DETERMINISTIC_CREATED if self.config.deterministic else int(time.time())

    def request_id(self, seed: bytes) -> str:
        """Ark's shape: "02", a 13-digit millisecond time, 38 hex digits (53 characters)."""
        if self.config.deterministic:
            return f"02{DETERMINISTIC_CREATED * 1000}{hashlib.sha256(seed).hexdigest()[:38]}"
        return f"02{int(time.time() * 1000)}{secrets.token_hex(19)}"

    # rate limit -------------------------------------------------------------------------
    def retry_after(self, key: str) -> int | None:
        """None if `key` may send one more request now (and count it), else seconds to wait."""
        rpm = self.config.rpm
        if rpm is None:
            return None
        now, window = self._clock(), self.config.rate_window
        with self._lock:
            times = self._windows.setdefault(key, deque())
            while times and times[0] <= now - window:
                times.popleft()
            if len(times) >= rpm:
                return max(1, math.ceil(times[0] + window - now))
            times.append(now)
            return None

    # faults -----------------------------------------------------------------------------
    def take_fault(self, key: str, times: int | None) -> bool:
        """Whether a fault fires now: always when `times` is None, else for the first `times` calls."""
        with self._lock:
            count = self._fault_counts.get(key, 0)
            self._fault_counts[key] = count + 1
        return times is None or count < times

    # log --------------------------------------------------------------------------------
    def log(self, request: ReceivedRequest) -> None:
        with self._lock:
            self._received.append(request)

    @property
    def received(self) -> tuple[ReceivedRequest, ...]:
        with self._lock:
            return tuple(self._received)

    def reset(self) -> None:
        """Forget rate-limit windows, fault counters and the log (between tests)."""
        with self._lock:
            self._windows.clear()
            self._fault_counts.clear()
            self._received.clear()
