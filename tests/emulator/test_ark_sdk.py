"""Volcano Engine's own SDK (`volcenginesdkarkruntime.Ark`) against the emulator."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from volcenginesdkarkruntime import Ark
from volcenginesdkarkruntime._exceptions import (
    ArkAPIConnectionError,
    ArkAuthenticationError,
    ArkBadRequestError,
    ArkInternalServerError,
    ArkNotFoundError,
    ArkRateLimitError,
)

from docverify.emulator import RunningEmulator
from docverify.emulator.testing import (
    CHAT_MODEL,
    DOCUMENTED_ENDPOINT,
    NOT_ACTIVATED_MODEL,
    REASONING_MODEL,
    chat_body,
)

Make = Callable[..., RunningEmulator]
MESSAGES = chat_body()["messages"]


def _ark(emu: RunningEmulator, *, api_key: str | None = None, retries: int = 0,
        fault: str | None = None) -> Ark:
    client = Ark(base_url=emu.api_url, api_key=api_key or emu.api_key, max_retries=retries, timeout=5)
    if fault:   # Ark() takes no default headers; its base client keeps custom ones here
        client._custom_headers["X-Emulator-Fault"] = fault
    return client

@pytest.fixture
def ark() -> Iterator[Callable[..., Ark]]:
    """Builds clients and closes them after the test (an unclosed one leaks a socket)."""
    made: list[Ark] = []

    def make(emu: RunningEmulator, **options: Any) -> Ark:
        made.append(_ark(emu, **options))
        return made[-1]
    yield make
    for c in made:
        c.close()



def test_create_through_documented_endpoint(ark: Callable[..., Ark], emulator: RunningEmulator) -> None:
    completion = ark(emulator).chat.completions.create(model=DOCUMENTED_ENDPOINT, messages=MESSAGES)
    assert completion.model == DOCUMENTED_ENDPOINT
    assert completion.choices[0].message.content
    assert completion.usage is not None and completion.usage.total_tokens > 0
    sent = emulator.received[-1]
    assert sent.header("authorization") == f"Bearer {emulator.api_key}"
    assert sent.header("user-agent").startswith("volc-sdk-python/")  # type: ignore[union-attr]


def test_reasoning_content_is_typed(ark: Callable[..., Ark], emulator: RunningEmulator) -> None:
    completion = ark(emulator).chat.completions.create(model=REASONING_MODEL, messages=MESSAGES)
    assert completion.choices[0].message.reasoning_content
    assert completion.usage is not None
    assert completion.usage.completion_tokens_details.reasoning_tokens > 0   # type: ignore[union-attr]


def test_stream(ark: Callable[..., Ark], emulator: RunningEmulator) -> None:
    plain = ark(emulator).chat.completions.create(model=REASONING_MODEL, messages=MESSAGES)
    chunks = list(ark(emulator).chat.completions.create(
        model=REASONING_MODEL, messages=MESSAGES, stream=True, stream_options={"include_usage": True}))
    deltas = [c.choices[0].delta for c in chunks if c.choices]
    assert "".join(d.content or "" for d in deltas) == plain.choices[0].message.content
    assert "".join(d.reasoning_content or "" for d in deltas) == plain.choices[0].message.reasoning_content
    last = chunks[-1].usage
    assert last is not None and plain.usage is not None
    assert last.total_tokens == plain.usage.total_tokens


def test_authentication_error(ark: Callable[..., Ark], emulator: RunningEmulator) -> None:
    with pytest.raises(ArkAuthenticationError) as caught:
        ark(emulator, api_key="12345678-aaaa-4bbb-8ccc-1234567890ab").chat.completions.create(
            model=CHAT_MODEL, messages=MESSAGES)
    assert caught.value.code == "AuthenticationError" and caught.value.type == "Unauthorized"
    assert "doesn't exist" in caught.value.body["message"]  # type: ignore[index]
    # the SDK reports the request id it sent; the emulator echoes it back
    assert caught.value.response.headers["x-client-request-id"] == caught.value.request_id


def test_model_not_open(ark: Callable[..., Ark], emulator: RunningEmulator) -> None:
    with pytest.raises(ArkNotFoundError) as caught:
        ark(emulator).chat.completions.create(model=NOT_ACTIVATED_MODEL, messages=MESSAGES)
    assert caught.value.code == "ModelNotOpen" and caught.value.status_code == 404


def test_bad_request(ark: Callable[..., Ark], emulator: RunningEmulator) -> None:
    with pytest.raises(ArkBadRequestError) as caught:
        no_content = [{"role": "user"}]
        ark(emulator).chat.completions.create(model=CHAT_MODEL, messages=no_content)  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.param) == ("MissingParameter", "messages[0].content")


def test_rate_limit(ark: Callable[..., Ark], make_emulator: Make) -> None:
    emu = make_emulator(rpm=1)
    ark(emu).chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
    with pytest.raises(ArkRateLimitError) as caught:
        ark(emu).chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
    assert caught.value.code == "RateLimitExceeded.EndpointRPMExceeded"


def test_server_error_then_retry(ark: Callable[..., Ark], emulator: RunningEmulator,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # the SDK's backoff starts at 0.5 s (and it ignores Retry-After); keep the test fast
    monkeypatch.setattr("volcenginesdkarkruntime._base_client.INITIAL_RETRY_DELAY", 0.01)
    with pytest.raises(ArkInternalServerError) as caught:
        ark(emulator, fault="error;id=always").chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
    assert caught.value.code == "InternalServiceError"
    retrying = ark(emulator, retries=1, fault="error;times=1;id=once")
    assert retrying.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES).choices


def test_dropped_connection(ark: Callable[..., Ark], emulator: RunningEmulator) -> None:
    with pytest.raises(ArkAPIConnectionError):
        ark(emulator, fault="drop-before").chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
