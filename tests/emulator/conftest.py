"""Emulator fixtures: one shared emulator (state reset per test) and a factory for special configs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from docverify.emulator import RunningEmulator
from docverify.emulator.testing import start_emulator


@pytest.fixture(scope="session")
def _shared_emulator() -> Iterator[RunningEmulator]:
    with start_emulator() as emu:
        yield emu


@pytest.fixture
def emulator(_shared_emulator: RunningEmulator) -> RunningEmulator:
    """The default emulator with a clean log, rate-limit windows and fault counters."""
    _shared_emulator.reset()
    return _shared_emulator


@pytest.fixture
def make_emulator() -> Iterator[Callable[..., RunningEmulator]]:
    """Starts emulators with EmulatorConfig overrides; all are stopped after the test."""
    with ExitStack() as stack:
        def make(**overrides: Any) -> RunningEmulator:
            return stack.enter_context(start_emulator(**overrides))
        yield make


@pytest.fixture(scope="session")
def http() -> Iterator[httpx.Client]:
    """One client for all plain-HTTP tests: building a client per request costs ~50 ms (TLS setup)."""
    with httpx.Client(timeout=5) as client:
        yield client
