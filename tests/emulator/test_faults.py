"""Fault injection and rate limiting, seen from plain httpx: what a retrying client must survive."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
import pytest

from docverify.emulator import Fault, FaultKind, RunningEmulator
from docverify.emulator.testing import auth_headers, chat_body, failing_then_passing

Make = Callable[..., RunningEmulator]
CHAT = "/chat/completions"


def post(http: httpx.Client, emu: RunningEmulator, fault: str | None = None,
         **extra: object) -> httpx.Response:
    return http.post(emu.api_url + CHAT, json=chat_body(**extra),
                     headers=auth_headers(emu, fault=fault))


def test_header_error_n_times_then_success(http: httpx.Client, emulator: RunningEmulator) -> None:
    statuses = [post(http, emulator, "error;times=2;id=a").status_code for _ in range(3)]
    assert statuses == [500, 500, 200]
    # another header value has its own counter
    assert post(http, emulator, "error;times=1;id=b").status_code == 500


def test_error_body_and_status(http: httpx.Client, emulator: RunningEmulator) -> None:
    response = post(http, emulator, "error;status=503")
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "InternalServiceError"
    assert error["message"].endswith(response.headers["x-request-id"])


def test_config_fault_counts_per_path(http: httpx.Client, make_emulator: Make) -> None:
    emu = make_emulator(faults=(failing_then_passing(1),))
    models = http.get(f"{emu.api_url}/models", headers=auth_headers(emu))
    assert models.status_code == 200   # the fault is for chat only
    assert [post(http, emu).status_code for _ in range(2)] == [500, 200]


def test_delay(http: httpx.Client, emulator: RunningEmulator) -> None:
    start = time.monotonic()
    assert post(http, emulator, "delay;delay=0.2").status_code == 200
    assert time.monotonic() - start >= 0.2
    with pytest.raises(httpx.ReadTimeout):
        http.post(emulator.api_url + CHAT, json=chat_body(), timeout=0.05,
                   headers=auth_headers(emulator, fault="delay;delay=0.3"))


def test_drop_before_response(http: httpx.Client, emulator: RunningEmulator) -> None:
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        post(http, emulator, "drop-before")
    assert post(http, emulator).status_code == 200   # the server itself lives on


def test_drop_during_plain_response(http: httpx.Client, emulator: RunningEmulator) -> None:
    with pytest.raises(httpx.RemoteProtocolError, match="incomplete|complete message body"):
        post(http, emulator, "drop-during")


def test_drop_during_stream_after_first_event(http: httpx.Client, emulator: RunningEmulator) -> None:
    received: list[str] = []
    with pytest.raises(httpx.RemoteProtocolError):
        with http.stream("POST", emulator.api_url + CHAT, json=chat_body(stream=True),
                          headers=auth_headers(emulator, fault="drop-during")) as response:
            assert response.status_code == 200
            received.extend(response.iter_lines())
    events = [line for line in received if line]
    assert len(events) == 1
    assert json.loads(events[0].removeprefix("data: "))["object"] == "chat.completion.chunk"


@pytest.mark.parametrize("value", ["explode", "error;times=x", "error;colour=red", "error;status=200"])
def test_bad_fault_header_is_a_400(http: httpx.Client, emulator: RunningEmulator, value: str) -> None:
    response = post(http, emulator, value)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "X-Emulator-Fault"


def test_fault_header_can_be_switched_off(http: httpx.Client, make_emulator: Make) -> None:
    emu = make_emulator(fault_header=False)
    assert post(http, emu, "error").status_code == 200


def test_config_drop_fault(http: httpx.Client, make_emulator: Make) -> None:
    emu = make_emulator(faults=(Fault(FaultKind.DROP_BEFORE, times=1),))
    with pytest.raises(httpx.RemoteProtocolError):
        post(http, emu)
    assert post(http, emu).status_code == 200


def test_rate_limit_per_key(http: httpx.Client, make_emulator: Make) -> None:
    other = "12345678-aaaa-4bbb-8ccc-1234567890ab"
    emu = make_emulator(rpm=2, rate_window=0.5, api_keys=("00000000-0000-4000-8000-00000000a4c0", other))
    assert [post(http, emu).status_code for _ in range(2)] == [200, 200]
    limited = post(http, emu)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "1"   # whole seconds, at least 1
    error = limited.json()["error"]
    assert (error["code"], error["type"]) == ("RateLimitExceeded.EndpointRPMExceeded", "TooManyRequests")
    assert limited.headers["x-request-id"] in error["message"]
    other_headers = {**auth_headers(emu), "Authorization": f"Bearer {other}"}
    assert http.post(emu.api_url + CHAT, json=chat_body(), headers=other_headers).status_code == 200
    time.sleep(0.5)
    assert post(http, emu).status_code == 200


def test_request_log(http: httpx.Client, emulator: RunningEmulator) -> None:
    post(http, emulator, "error;times=1;id=log")
    (seen,) = emulator.received
    assert (seen.method, seen.path) == ("POST", "/api/v3/chat/completions")
    assert seen.header("authorization") == f"Bearer {emulator.api_key}"
    assert json.loads(seen.body) == chat_body()


@pytest.mark.parametrize("fault", [
    dict(kind=FaultKind.ERROR, status=404), dict(kind=FaultKind.DELAY, delay=-1),
    dict(kind=FaultKind.ERROR, times=-1),
])
def test_bad_config_fault(fault: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Fault(**fault)  # type: ignore[arg-type]
