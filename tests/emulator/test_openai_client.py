"""The official `openai` package against the emulator: answers, streams and the errors it raises."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import openai
import pytest
from openai import OpenAI

from docverify.emulator import RunningEmulator
from docverify.emulator.testing import CHAT_MODEL, NOT_ACTIVATED_MODEL, REASONING_MODEL, chat_body

Make = Callable[..., RunningEmulator]
MESSAGES = chat_body()["messages"]


def _client(emu: RunningEmulator, *, api_key: str | None = None, retries: int = 0,
           fault: str | None = None) -> OpenAI:
    headers = {"X-Emulator-Fault": fault} if fault else None
    return OpenAI(base_url=emu.api_url, api_key=api_key or emu.api_key, max_retries=retries,
                  default_headers=headers, timeout=5)

@pytest.fixture
def client() -> Iterator[Callable[..., OpenAI]]:
    """Builds clients and closes them after the test (an unclosed one leaks a socket)."""
    made: list[OpenAI] = []

    def make(emu: RunningEmulator, **options: Any) -> OpenAI:
        made.append(_client(emu, **options))
        return made[-1]
    yield make
    for c in made:
        c.close()



def test_create(client: Callable[..., OpenAI], emulator: RunningEmulator) -> None:
    completion = client(emulator).chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
    assert completion.object == "chat.completion"
    assert completion.model == CHAT_MODEL
    assert completion.choices[0].message.role == "assistant"
    assert "Ark emulator" in (completion.choices[0].message.content or "")
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None and completion.usage.prompt_tokens_details is not None
    assert completion.usage.completion_tokens_details is not None
    assert completion.service_tier == "default"


def test_reasoning_content_survives_as_extra_field(client: Callable[..., OpenAI],
                                                   emulator: RunningEmulator) -> None:
    completion = client(emulator).chat.completions.create(model=REASONING_MODEL, messages=MESSAGES)
    extra = completion.choices[0].message.model_extra or {}
    assert extra.get("reasoning_content")


def test_stream_with_usage(client: Callable[..., OpenAI], emulator: RunningEmulator) -> None:
    plain = client(emulator).chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
    stream = client(emulator).chat.completions.create(
        model=CHAT_MODEL, messages=MESSAGES, stream=True, stream_options={"include_usage": True})
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == plain.choices[0].message.content
    assert chunks[-1].choices == [] and chunks[-1].usage == plain.usage
    assert all(c.object == "chat.completion.chunk" for c in chunks)


def test_models_list(client: Callable[..., OpenAI], emulator: RunningEmulator) -> None:
    ids = [m.id for m in client(emulator).models.list()]
    assert CHAT_MODEL in ids and NOT_ACTIVATED_MODEL in ids


def test_authentication_error(client: Callable[..., OpenAI], emulator: RunningEmulator) -> None:
    with pytest.raises(openai.AuthenticationError) as caught:
        client(emulator, api_key="wrong").chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
    assert caught.value.status_code == 401 and caught.value.code == "AuthenticationError"
    assert caught.value.request_id == caught.value.response.headers["x-request-id"]


def test_model_not_open(client: Callable[..., OpenAI], emulator: RunningEmulator) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        client(emulator).chat.completions.create(model=NOT_ACTIVATED_MODEL, messages=MESSAGES)
    assert caught.value.code == "ModelNotOpen"
    assert "has not activated the model" in caught.value.message


def test_bad_request(client: Callable[..., OpenAI], emulator: RunningEmulator) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client(emulator).chat.completions.create(
            model=CHAT_MODEL, messages=[{"role": "user", "content": "hi"}], temperature=5)
    assert (caught.value.code, caught.value.param) == ("InvalidParameter", "temperature")


def test_rate_limit(client: Callable[..., OpenAI], make_emulator: Make) -> None:
    emu = make_emulator(rpm=1)
    client(emu).chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
    with pytest.raises(openai.RateLimitError) as caught:
        client(emu).chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
    assert caught.value.code == "RateLimitExceeded.EndpointRPMExceeded"
    assert int(caught.value.response.headers["retry-after"]) >= 1


def test_server_error_then_retry_succeeds(client: Callable[..., OpenAI], emulator: RunningEmulator,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("openai._base_client.INITIAL_RETRY_DELAY", 0.01)   # 0.5 s otherwise
    with pytest.raises(openai.InternalServerError):
        client(emulator, fault="error;id=always").chat.completions.create(
            model=CHAT_MODEL, messages=MESSAGES)
    retrying = client(emulator, retries=1, fault="error;times=1;id=once")
    assert retrying.chat.completions.create(model=CHAT_MODEL, messages=MESSAGES).choices
    assert len(emulator.received) == 3


@pytest.mark.parametrize("fault", ["drop-before", "drop-during"])
def test_dropped_connection(client: Callable[..., OpenAI], emulator: RunningEmulator, fault: str) -> None:
    with pytest.raises(openai.APIConnectionError):
        client(emulator, fault=fault).chat.completions.create(model=CHAT_MODEL, messages=MESSAGES)
