"""A guard for replay tests: any socket connect is refused and fails the test."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Any connect attempt is recorded and refused; the test asserts the list stays empty."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError(f"replay tried to reach the network: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield attempts
    assert attempts == [], f"something tried to open a socket: {attempts}"


@pytest.fixture
def offline_copy(recorded: Path, tmp_path: Path, no_network: list[object]) -> Path:
    """A fresh copy of the module's `recorded` site; the network is blocked from here on."""
    shutil.copytree(recorded, tmp_path / "site")
    return tmp_path / "site"
