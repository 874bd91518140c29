"""Limits a real API server sets: a JSON 400 for absurd nesting, a body size cap, timeouts for half requests.

Everything on loopback; the timeouts are shortened for the test and every wait is bounded.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from docverify.emulator import DEFAULT_API_KEY, EmulatorConfig
from docverify.emulator.server import Limits, RunningEmulator, serve

CHAT = "/api/v3/chat/completions"
AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}", "Content-Type": "application/json"}
SHORT = Limits(max_body=64 << 10, header_timeout=0.5, body_timeout=0.5)


@pytest.fixture(scope="module")
def limited() -> Iterator[RunningEmulator]:
    with serve(config=EmulatorConfig(deterministic=True), limits=SHORT) as emulator:
        yield emulator


def test_a_deeply_nested_body_is_a_json_400_like_ark() -> None:
    with serve(config=EmulatorConfig(deterministic=True)) as emulator:
        body = b"[" * 100_000 + b"]" * 100_000       # 200 KB
        response = httpx.post(emulator.base_url + CHAT, content=body, headers=AUTH, timeout=10)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "InvalidParameter"
    assert "nested too deeply" in response.json()["error"]["message"]


@pytest.mark.parametrize(("path", "headers", "kind"), [
    ("/v1/chat/completions", {"Authorization": f"Bearer {DEFAULT_API_KEY}"}, "invalid_request_error"),
    ("/v1/messages", {"x-api-key": DEFAULT_API_KEY, "anthropic-version": "2023-06-01"}, "invalid_request_error"),
])
def test_a_deeply_nested_body_is_a_400_in_each_apis_own_format(path: str, headers: dict[str, str],
                                                               kind: str) -> None:
    with serve(config=EmulatorConfig(deterministic=True)) as emulator:
        body = b"[" * 100_000 + b"]" * 100_000       # 200 KB
        response = httpx.post(emulator.base_url + path, content=body, timeout=10,
                              headers={**headers, "Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == kind and "nested too deeply" in error["message"]


def test_a_body_over_the_limit_is_a_json_413(limited: RunningEmulator) -> None:
    response = httpx.post(limited.base_url + CHAT, content=b" " * (SHORT.max_body + 1), headers=AUTH, timeout=10)
    assert response.status_code == 413 and response.json()["error"]["code"] == "RequestTooLarge"


def test_a_huge_declared_length_is_refused_before_any_body(limited: RunningEmulator) -> None:
    with socket.create_connection((limited.host, limited.port), timeout=5) as sock:
        sock.sendall(f"POST {CHAT} HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n\r\n".encode())
        head = sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 413")


def test_the_default_limit_is_an_api_server_s() -> None:
    assert 1 << 20 <= Limits().max_body <= 100 << 20 and 0 < Limits().header_timeout <= 120


def closed_within(sock: socket.socket, seconds: float) -> float:
    """Seconds until the server closes `sock` (recv returns b""), failing after `seconds`."""
    start = time.monotonic()
    sock.settimeout(seconds)
    while True:
        try:
            data = sock.recv(4096)
        except socket.timeout:
            pytest.fail(f"the server held a half request for over {seconds} s")
        if not data:
            return time.monotonic() - start


@pytest.mark.parametrize("sent", [b"", f"POST {CHAT} HTTP/1.1\r\nHost: x\r\nContent-Le".encode(),
                                  f"POST {CHAT} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{{\"m".encode()],
                         ids=["nothing", "half-a-head", "half-a-body"])
def test_a_stalled_request_is_closed(sent: bytes, limited: RunningEmulator) -> None:
    with socket.create_connection((limited.host, limited.port), timeout=5) as sock:
        sock.sendall(sent)
        assert closed_within(sock, 5) < 3


def test_many_stalled_sockets_are_all_released(limited: RunningEmulator) -> None:
    socks = [socket.create_connection((limited.host, limited.port), timeout=5) for _ in range(50)]
    try:
        for sock in socks:
            sock.sendall(b"GET /api/v3/models HTTP/1.1\r\n")
        assert all(closed_within(sock, 5) < 4 for sock in socks)
    finally:
        for sock in socks:
            sock.close()
    # and the server still answers
    assert httpx.get(limited.api_url + "/models", headers=AUTH, timeout=5).status_code == 200
