"""The real `anthropic` client against the emulator's /v1/messages: answers, tools, the SSE event stream, errors."""

from __future__ import annotations

from collections.abc import Iterator

import anthropic
import httpx
import pytest
from anthropic import Anthropic

from docverify.emulator import RunningEmulator

MODEL = "claude-emulated-1"   # not a real name: the SDK warns about deprecated real ones by name


@pytest.fixture
def client(emulator: RunningEmulator) -> Iterator[Anthropic]:
    with Anthropic(base_url=emulator.base_url, api_key=emulator.api_key, max_retries=0, timeout=5) as c:
        yield c


def test_message(client: Anthropic) -> None:
    done = client.messages.create(model=MODEL, max_tokens=256, system="be brief",
                                  messages=[{"role": "user", "content": "hi"}])
    assert done.type == "message" and done.model == MODEL and done.stop_reason == "end_turn"
    assert done.content[0].type == "text" and "Anthropic-compatible emulator" in done.content[0].text
    assert done.usage.input_tokens > 0


def test_stream_gives_the_same_text(client: Anthropic) -> None:
    messages = [{"role": "user", "content": "你好"}]
    plain = client.messages.create(model=MODEL, max_tokens=256, messages=messages)  # type: ignore[arg-type]
    with client.messages.stream(model=MODEL, max_tokens=256, messages=messages) as stream:  # type: ignore[arg-type]
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert plain.content[0].type == "text"
    assert text == plain.content[0].text == final.content[0].text  # type: ignore[union-attr]
    assert final.stop_reason == "end_turn" and final.usage.output_tokens == plain.usage.output_tokens


def test_tool_use_plain_and_streamed(client: Anthropic) -> None:
    tools = [{"name": "get_weather", "description": "Weather", "input_schema": {
        "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]
    messages = [{"role": "user", "content": "Weather in Paris?"}]
    done = client.messages.create(model=MODEL, max_tokens=256, tools=tools, messages=messages)  # type: ignore[arg-type]
    assert done.stop_reason == "tool_use" and done.content[0].type == "tool_use"
    assert done.content[0].input == {"city": "example"}
    with client.messages.stream(model=MODEL, max_tokens=256, tools=tools, messages=messages) as stream:  # type: ignore[arg-type]
        final = stream.get_final_message()
    assert final.content[0].type == "tool_use" and final.content[0].input == {"city": "example"}


def test_max_tokens_cuts_the_answer(client: Anthropic) -> None:
    done = client.messages.create(model=MODEL, max_tokens=3, messages=[{"role": "user", "content": "hi"}])
    assert done.stop_reason == "max_tokens"


def test_errors_in_anthropic_format(client: Anthropic, emulator: RunningEmulator) -> None:
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model=MODEL, max_tokens=10, messages=[{"role": "system", "content": "x"}])  # type: ignore[typeddict-item]
    assert isinstance(caught.value.body, dict) and caught.value.body["type"] == "error"
    with Anthropic(base_url=emulator.base_url, api_key="sk-ant-wrong", max_retries=0) as bad:
        with pytest.raises(anthropic.AuthenticationError):
            bad.messages.create(model=MODEL, max_tokens=10, messages=[{"role": "user", "content": "x"}])
    raw = httpx.post(emulator.base_url + "/v1/messages", headers={"x-api-key": emulator.api_key},
                     json={"model": MODEL, "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]})
    assert raw.status_code == 400 and "anthropic-version" in raw.json()["error"]["message"]
