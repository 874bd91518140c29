"""The real `openai` client against the emulator's OpenAI-compatible routes (/v1/…), streaming included."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import httpx
import openai
import pytest
from openai import OpenAI

from docverify.emulator import RunningEmulator

TOOLS = [{"type": "function", "function": {
    "name": "get_weather", "description": "Weather in a city",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"},
                                                    "unit": {"type": "string", "enum": ["c", "f"]}},
                   "required": ["city"]}}}]


@pytest.fixture
def client(emulator: RunningEmulator) -> Iterator[OpenAI]:
    with OpenAI(base_url=emulator.base_url + "/v1", api_key=emulator.api_key, max_retries=0, timeout=5) as c:
        yield c


def test_chat(client: OpenAI) -> None:
    done = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
    assert done.object == "chat.completion" and done.model == "gpt-4o"
    assert "OpenAI-compatible emulator" in (done.choices[0].message.content or "")
    assert done.choices[0].finish_reason == "stop" and done.usage and done.usage.total_tokens > 0


def test_chat_stream_ends_with_done_and_matches_the_plain_answer(client: OpenAI, emulator: RunningEmulator) -> None:
    messages = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "你好"}]
    plain = client.chat.completions.create(model="gpt-4o-mini", messages=messages)  # type: ignore[arg-type]
    stream = client.chat.completions.create(model="gpt-4o-mini", messages=messages, stream=True,  # type: ignore[arg-type]
                                            stream_options={"include_usage": True})
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == plain.choices[0].message.content
    assert chunks[-1].usage is not None and chunks[-1].choices == []
    raw = httpx.post(emulator.base_url + "/v1/chat/completions", json={
        "model": "gpt-4o", "messages": messages, "stream": True},
        headers={"Authorization": f"Bearer {emulator.api_key}"})
    assert raw.headers["content-type"].startswith("text/event-stream")
    assert raw.text.endswith("data: [DONE]\n\n")


def test_tool_calls_plain_and_streamed(client: OpenAI) -> None:
    messages = [{"role": "user", "content": "Weather in Paris?"}]
    done = client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)  # type: ignore[arg-type]
    call = (done.choices[0].message.tool_calls or [])[0]
    assert done.choices[0].finish_reason == "tool_calls"
    assert call.function.name == "get_weather"  # type: ignore[union-attr]
    assert json.loads(call.function.arguments) == {"city": "example"}  # type: ignore[union-attr]
    with client.chat.completions.stream(model="gpt-4o", messages=messages, tools=TOOLS) as stream:  # type: ignore[arg-type]
        final = stream.get_final_completion()
    streamed = (final.choices[0].message.tool_calls or [])[0]
    assert streamed.function.arguments == call.function.arguments  # type: ignore[union-attr]
    answered = client.chat.completions.create(model="gpt-4o", tools=TOOLS, messages=[  # type: ignore[arg-type]
        *messages, {"role": "assistant", "tool_calls": [call.model_dump()]},
        {"role": "tool", "tool_call_id": call.id, "content": "sunny"}])
    assert answered.choices[0].finish_reason == "stop"


def test_image_parts_and_response_format(client: OpenAI) -> None:
    done = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": [
        {"type": "text", "text": "What is in it?"},
        {"type": "image_url", "image_url": {"url": "https://images.placeholder.invalid/a.png"}}]}],
        response_format={"type": "json_schema", "json_schema": {"name": "a", "schema": {
            "type": "object", "properties": {"thing": {"type": "string"}}, "required": ["thing"]}}})
    assert json.loads(done.choices[0].message.content or "") == {"thing": "example"}
    plain = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}],
                                           response_format={"type": "json_object"})
    assert "answer" in json.loads(plain.choices[0].message.content or "")


@pytest.mark.parametrize("messages, param", [
    ([{"role": "robot", "content": "x"}], "messages[0].role"),
    ([{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}], "messages[0].content[0].image_url.url"),
    ([{"role": "tool", "content": "x"}], "messages[0].tool_call_id"),
])
def test_bad_requests_raise_openai_errors_naming_the_field(client: OpenAI, messages: list[dict[str, object]],
                                                           param: str) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="gpt-4o", messages=messages)  # type: ignore[arg-type]
    body = caught.value.body
    assert isinstance(body, dict) and body["param"] == param


def test_wrong_key_and_unknown_route(emulator: RunningEmulator) -> None:
    with OpenAI(base_url=emulator.base_url + "/v1", api_key="sk-wrong", max_retries=0) as bad:
        with pytest.raises(openai.AuthenticationError) as caught:
            bad.models.list()
    assert "sk-wrong" not in str(caught.value)
    with OpenAI(base_url=emulator.base_url + "/v1", api_key=emulator.api_key, max_retries=0) as c:
        with pytest.raises(openai.NotFoundError):
            c.fine_tuning.jobs.list()


def test_completions_models_embeddings(client: OpenAI) -> None:
    text = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say hi")
    assert text.object == "text_completion" and text.choices[0].text
    assert "gpt-4o" in [m.id for m in client.models.list()]
    assert client.models.retrieve("gpt-4o").id == "gpt-4o"
    vectors = client.embeddings.create(model="text-embedding-3-small", input=["a", "b"], dimensions=8)
    assert [len(d.embedding) for d in vectors.data] == [8, 8]
    assert vectors.data[0].embedding != vectors.data[1].embedding
    again = client.embeddings.create(model="text-embedding-3-small", input=["a"], dimensions=8)
    assert again.data[0].embedding == vectors.data[0].embedding
    # The SDK asks for base64 by default and decodes it itself when the user gave no format.
    default = client.embeddings.create(model="text-embedding-3-small", input="a")
    assert len(default.data[0].embedding) == 16


def test_responses_plain_and_streamed(client: OpenAI) -> None:
    done = client.responses.create(model="gpt-4o", input="Tell me a joke")
    assert done.status == "completed" and "emulator" in done.output_text
    with client.responses.stream(model="gpt-4o", input="Tell me a joke") as stream:
        deltas = [e.delta for e in stream if e.type == "response.output_text.delta"]
        final = stream.get_final_response()
    assert "".join(deltas) == done.output_text == final.output_text


def test_images_and_audio(client: OpenAI) -> None:
    url = client.images.generate(model="dall-e-3", prompt="a cat", n=1, size="1024x1024")
    assert (url.data or [])[0].url
    b64 = client.images.generate(model="dall-e-3", prompt="a cat", response_format="b64_json")
    assert base64.b64decode((b64.data or [])[0].b64_json or "").startswith(b"\x89PNG")
    speech = client.audio.speech.create(model="tts-1", voice="alloy", input="hello")
    assert speech.read().startswith(b"ID3")
    heard = client.audio.transcriptions.create(model="whisper-1", file=("a.mp3", b"ID3fake", "audio/mpeg"))
    assert "whisper-1" in heard.text
