"""The emulator over plain HTTP (httpx): status codes, error bodies, headers, shapes, SSE bytes."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from docverify.emulator import CATALOGUE, RunningEmulator
from docverify.emulator.testing import (
    CHAT_MODEL,
    DOCUMENTED_ENDPOINT,
    NOT_ACTIVATED_MODEL,
    REASONING_MODEL,
    RETIRED_MODEL,
    auth_headers,
    chat_body,
)

CASES = Path(__file__).parent / "cases"
BAD_REQUESTS = {k: v for k, v in json.loads((CASES / "bad-requests.json").read_text()).items()
                if not k.startswith("_")}
Make = Callable[..., RunningEmulator]


def post(http, emu: RunningEmulator, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    headers = auth_headers(emu) if headers is None else headers
    content = body if isinstance(body, str) else json.dumps(body)
    return http.post(f"{emu.api_url}/chat/completions", content=content, headers=headers)


def assert_ark_error(response: httpx.Response, status: int, code: str, type_: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "param", "type"}
    assert body["error"]["code"] == code
    assert body["error"]["type"] == type_
    assert body["error"]["message"].endswith(f" Request id: {response.headers['x-request-id']}")
    return dict(body["error"])


@pytest.mark.parametrize("case", sorted(BAD_REQUESTS))
def test_bad_request(http: httpx.Client, emulator: RunningEmulator, case: str) -> None:
    spec = BAD_REQUESTS[case]
    response = post(http, emulator, spec.get("raw", spec.get("body")))
    error = assert_ark_error(response, 400, spec["code"], "BadRequest")
    assert error["param"] == spec["param"]


@pytest.mark.parametrize(("authorization", "message"), [
    (None, "The API key format is incorrect."),
    ("Bearer", "The API key format is incorrect."),
    ("Bearer sk-not-an-ark-key", "The API key format is incorrect."),
    ("Basic 00000000-0000-4000-8000-00000000a4c0", "The API key format is incorrect."),
    ("Bearer 12345678-aaaa-4bbb-8ccc-1234567890ab", "The API key doesn't exist."),
])
def test_authentication(http: httpx.Client, emulator: RunningEmulator, authorization: str | None,
                        message: str) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    for response in (post(http, emulator, chat_body(), headers),
                     http.get(f"{emulator.api_url}/models", headers=headers)):
        error = assert_ark_error(response, 401, "AuthenticationError", "Unauthorized")
        assert error["message"].startswith(message + " Request id: ")


def test_chat_completion_shape(http: httpx.Client, emulator: RunningEmulator) -> None:
    body = chat_body("常见的十字花科植物有哪些？", model="doubao-1.5-pro-32k-250115")
    response = post(http, emulator, body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"choices", "created", "id", "model", "service_tier", "object", "usage"}
    assert body["object"] == "chat.completion" and body["service_tier"] == "default"
    assert body["model"] == "doubao-1.5-pro-32k-250115"   # echoed as requested, dots and all
    assert body["id"] == response.headers["x-request-id"] and len(body["id"]) == 53
    assert abs(body["created"] - time.time()) < 60
    choice = body["choices"][0]
    assert choice == {"finish_reason": "stop", "index": 0, "logprobs": None,
                      "message": {"role": "assistant", "content": choice["message"]["content"]}}
    digest = hashlib.sha256("常见的十字花科植物有哪些？".encode()).hexdigest()[:12]
    assert digest in choice["message"]["content"]
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert usage["prompt_tokens_details"] == {"cached_tokens": 0}
    assert usage["completion_tokens_details"] == {"reasoning_tokens": 0}


def test_ids_vary_unless_deterministic(http: httpx.Client, emulator: RunningEmulator,
                                       make_emulator: Make) -> None:
    first, second = (post(http, emulator, chat_body()).json() for _ in range(2))
    assert first["id"] != second["id"]
    assert first["choices"] == second["choices"]   # content depends on the request only
    fixed = make_emulator(deterministic=True)
    one, two = (post(http, fixed, chat_body()) for _ in range(2))
    assert one.content == two.content and one.json()["created"] == 1752039167
    other = post(http, fixed, chat_body("другой вопрос"))
    assert other.json()["choices"] != one.json()["choices"]


@pytest.mark.parametrize(("model", "extra", "reasons"), [
    (REASONING_MODEL, {}, True),
    ("doubao-seed-1-6-251015", {}, True),
    ("doubao-seed-1-6-251015", {"thinking": {"type": "enabled"}}, True),
    ("doubao-seed-1-6-251015", {"thinking": {"type": "disabled"}}, False),
    (CHAT_MODEL, {}, False),
])
def test_reasoning_content(http: httpx.Client, emulator: RunningEmulator, model: str, extra: dict[str, Any],
                           reasons: bool) -> None:
    body = post(http, emulator, chat_body(model=model, **extra)).json()
    message = body["choices"][0]["message"]
    assert ("reasoning_content" in message) is reasons
    assert (body["usage"]["completion_tokens_details"]["reasoning_tokens"] > 0) is reasons


def test_endpoint_id(http: httpx.Client, emulator: RunningEmulator) -> None:
    assert post(http, emulator, chat_body(model=DOCUMENTED_ENDPOINT)).json()["model"] == DOCUMENTED_ENDPOINT
    error = assert_ark_error(post(http, emulator, chat_body(model="ep-20990101000000-zzzzz")), 404,
                             "InvalidEndpointOrModel.NotFound", "NotFound")
    assert error["message"].startswith("The model or endpoint ep-20990101000000-zzzzz does not exist")


def test_max_tokens_cuts_with_length(http: httpx.Client, emulator: RunningEmulator) -> None:
    body = post(http, emulator, chat_body(max_tokens=3)).json()
    assert body["choices"][0]["finish_reason"] == "length"
    assert body["usage"]["completion_tokens"] == 3


def test_model_not_open(http: httpx.Client, emulator: RunningEmulator) -> None:
    error = assert_ark_error(post(http, emulator, chat_body(model=NOT_ACTIVATED_MODEL)), 404,
                             "ModelNotOpen", "NotFound")
    assert error["message"].startswith(
        f"Your account 2100000000 has not activated the model {NOT_ACTIVATED_MODEL}. "
        "Please activate the model service in the Ark Console. Request id: ")


@pytest.mark.parametrize("model", [RETIRED_MODEL, "gpt-4o", "doubao-1-5-pro-32k"])
def test_unknown_or_retired_model(http: httpx.Client, emulator: RunningEmulator, model: str) -> None:
    assert_ark_error(post(http, emulator, chat_body(model=model)), 404,
                     "InvalidEndpointOrModel.NotFound", "NotFound")


def test_models_list_is_the_whole_catalogue(http: httpx.Client, emulator: RunningEmulator) -> None:
    response = http.get(f"{emulator.api_url}/models", headers=auth_headers(emulator))
    body = response.json()
    assert body["object"] == "list"
    assert [m["id"] for m in body["data"]] == [m.id for m in CATALOGUE]
    assert {NOT_ACTIVATED_MODEL, RETIRED_MODEL} <= {m["id"] for m in body["data"]}
    assert all(set(m) == {"id", "object", "created", "owned_by"} and m["object"] == "model"
               for m in body["data"])
    one = http.get(f"{emulator.api_url}/models/doubao-1.5-pro-32k-250115", headers=auth_headers(emulator))
    assert one.json()["id"] == "doubao-1-5-pro-32k-250115"


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/", 404), ("POST", "/api/v3/files", 404), ("GET", "/api/v3/chat/completions", 405),
])
def test_unknown_route(http: httpx.Client, emulator: RunningEmulator, method: str, path: str,
                       status: int) -> None:
    response = http.request(method, emulator.base_url + path, headers=auth_headers(emulator))
    assert_ark_error(response, status, "NotFound" if status == 404 else "MethodNotAllowed",
                     "NotFound" if status == 404 else "MethodNotAllowed")


def test_client_request_id_is_echoed(http: httpx.Client, emulator: RunningEmulator) -> None:
    headers = {**auth_headers(emulator), "X-Client-Request-Id": "client-123"}
    assert post(http, emulator, chat_body(), headers).headers["x-client-request-id"] == "client-123"


def test_stream_bytes(http: httpx.Client, make_emulator: Make) -> None:
    emu = make_emulator(deterministic=True)
    body = chat_body("hi", stream=True, stream_options={"include_usage": True}, max_tokens=4)
    # our own bytes, not httpx's JSON encoding: the deterministic id hashes the body
    with http.stream("POST", f"{emu.api_url}/chat/completions", content=json.dumps(body),
                     headers=auth_headers(emu)) as response:
        raw = response.read()
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert raw == (CASES / "stream-include-usage.sse").read_bytes()


def test_stream_matches_plain_reply(http: httpx.Client, emulator: RunningEmulator) -> None:
    plain = post(http, emulator, chat_body(model=REASONING_MODEL)).json()["choices"][0]["message"]
    raw = post(http, emulator, chat_body(model=REASONING_MODEL, stream=True)).content
    events = raw.split(b"\n\n")
    assert events[-2:] == [b"data: [DONE]", b""] and b"\r" not in raw
    chunks = [json.loads(e.removeprefix(b"data: ")) for e in events[:-2]]
    assert all(e.startswith(b"data: {") for e in events[:-2])
    assert all(c["object"] == "chat.completion.chunk" and "usage" not in c for c in chunks)
    assert len({c["id"] for c in chunks}) == 1
    deltas = [c["choices"][0]["delta"] for c in chunks]
    assert "".join(d["content"] for d in deltas) == plain["content"]
    assert "".join(d.get("reasoning_content", "") for d in deltas) == plain["reasoning_content"]
    assert [c["choices"][0]["finish_reason"] for c in chunks][-2:] == [None, "stop"]
