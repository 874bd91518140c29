"""Fixture-free helpers for any test folder: start an emulator, build Ark requests, point clients at it.

No pytest here (pytest stays in the plugin); wrap these in a fixture where you need one:

    @pytest.fixture
    def emulator():
        with start_emulator(rpm=5) as emu:
            yield emu
"""

from __future__ import annotations

import dataclasses
from typing import Any

from docverify.emulator.config import FAULT_HEADER, EmulatorConfig, Fault, FaultKind
from docverify.emulator.server import RunningEmulator, serve

# The model every default emulator serves, and the one the official cURL example's endpoint maps to.
CHAT_MODEL = "doubao-1-5-pro-32k-250115"
NOT_ACTIVATED_MODEL = "kimi-k2-250905"
RETIRED_MODEL = "doubao-pro-32k-241215"
REASONING_MODEL = "deepseek-r1-250528"
DOCUMENTED_ENDPOINT = "ep-20250115073707-v8h4p"


def start_emulator(config: EmulatorConfig | None = None, **overrides: Any) -> RunningEmulator:
    """A running emulator on 127.0.0.1 and a free port; `overrides` are EmulatorConfig fields.

    Use it in a `with` block so the port is freed: `with start_emulator(deterministic=True) as emu:`.
    """
    config = dataclasses.replace(config or EmulatorConfig(), **overrides)
    return serve("127.0.0.1", 0, config)


def chat_body(content: str = "常见的十字花科植物有哪些？", model: str = CHAT_MODEL,
              **extra: Any) -> dict[str, Any]:
    """A chat request like the guide's cURL example; `extra` adds fields (stream=True, …)."""
    return {"model": model, "messages": [{"role": "user", "content": content}], **extra}


def auth_headers(emulator: RunningEmulator, *, fault: str | None = None) -> dict[str, str]:
    """Headers a client sends; `fault` is an `X-Emulator-Fault` value such as "error;times=1"."""
    headers = {"Authorization": f"Bearer {emulator.api_key}", "Content-Type": "application/json"}
    if fault is not None:
        headers[FAULT_HEADER] = fault
    return headers


def failing_then_passing(times: int, kind: FaultKind = FaultKind.ERROR,
                         path: str | None = "/api/v3/chat/completions") -> Fault:
    """A config fault for retry tests: the first `times` requests fail, the rest pass."""
    return Fault(kind, times=times, path=path)
