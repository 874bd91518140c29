"""The OpenAI-compatible API's request shapes and answers: chat, completions, embeddings, responses, images, audio.

Pure functions from a parsed body to a response body (or the SSE events of a stream), so the
app stays a table of thin handlers. Answers derive only from the request, as the Ark side's
do, so recordings are stable; a bad request raises `ApiError` in OpenAI's format with `param`
naming the field (`messages[1].role`), as the real API does.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
from collections.abc import Iterator, Mapping
from typing import Any

from docverify.emulator.api_errors import ApiError, openai_error
from docverify.emulator.responses import count_tokens, cut_to_tokens, dumps, message_text, pieces

__all__ = ["MODELS", "chat_chunks", "chat_completion", "check_chat", "completion", "embeddings",
           "image_generation", "model_list", "parse_json", "response_events", "response_object",
           "transcription"]

ROLES = ("system", "developer", "user", "assistant", "tool", "function")
CONTENT_PARTS = ("text", "image_url", "input_audio", "file", "refusal")
RESPONSE_FORMATS = ("text", "json_object", "json_schema")
# A gateway relays any model, so any ID-shaped name is served; the listing shows these.
MODELS = ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "text-embedding-3-small",
          "text-embedding-3-large", "dall-e-3", "gpt-image-1", "whisper-1", "tts-1")
_MODEL_ID = re.compile(r"^[A-Za-z0-9][\w.:/@+-]*$")
CREATED = 1752039167
# A 1x1 transparent PNG: a real image for `b64_json`, a few bytes long.
_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def _invalid(param: str, message: str) -> ApiError:
    return openai_error(400, message, param=param, code="invalid_value")


def _missing(param: str) -> ApiError:
    return openai_error(400, f"Missing required parameter: '{param}'.", param=param,
                        code="missing_required_parameter")


def parse_json(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        raise openai_error(400, "We could not parse the JSON body of your request. (HINT: This likely "
                           "means you aren't using your HTTP library correctly.)") from None
    except RecursionError:   # `[[[…]]]` deeper than the parser goes: the client's fault, not a 500
        raise openai_error(400, "We could not parse the JSON body of your request: it is nested too "
                           "deeply.") from None
    if not isinstance(body, dict):
        raise openai_error(400, "The request body must be a JSON object.")
    return body


def check_model(body: Mapping[str, Any]) -> str:
    model = body.get("model")
    if model in (None, ""):
        raise _missing("model")
    if not isinstance(model, str) or not _MODEL_ID.match(model):
        raise _invalid("model", f"Invalid model: {model!r}.")
    return model


def _number(body: Mapping[str, Any], name: str, low: float, high: float) -> None:
    value = body.get(name)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _invalid(name, f"Invalid '{name}': expected a number from {low:g} to {high:g}, got {value!r}.")


def _stream_flags(body: Mapping[str, Any]) -> bool:
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise _invalid("stream", f"Invalid 'stream': expected a boolean, got {stream!r}.")
    options = body.get("stream_options")
    if options is not None:
        if not stream:
            raise _invalid("stream_options", "The 'stream_options' parameter is only allowed when "
                                             "'stream' is enabled.")
        if not isinstance(options, dict):
            raise _invalid("stream_options", "Invalid 'stream_options': expected an object.")
    return bool(stream)


def _check_part(where: str, part: Any) -> None:
    if not isinstance(part, dict) or part.get("type") not in CONTENT_PARTS:
        raise _invalid(f"{where}.type", f"Invalid value for '{where}.type': expected one of "
                                         f"{', '.join(CONTENT_PARTS)}.")
    kind = part["type"]
    if kind == "text" and not isinstance(part.get("text"), str):
        raise _missing(f"{where}.text")
    if kind == "image_url":
        image = part.get("image_url")
        if not isinstance(image, dict) or not isinstance(image.get("url"), str) or not image["url"]:
            raise _missing(f"{where}.image_url.url")
        if image.get("detail") not in (None, "auto", "low", "high"):
            raise _invalid(f"{where}.image_url.detail", "Invalid 'detail': expected auto, low or high.")


def _check_message(n: int, message: Any) -> None:
    where = f"messages[{n}]"
    if not isinstance(message, dict):
        raise _invalid(where, f"Invalid type for '{where}': expected an object.")
    role = message.get("role")
    if role is None:
        raise _missing(f"{where}.role")
    if role not in ROLES:
        raise _invalid(f"{where}.role", f"Invalid value: '{role}'. Supported values are: "
                                        + ", ".join(f"'{r}'" for r in ROLES) + ".")
    content = message.get("content")
    if content is None and not (role == "assistant" and message.get("tool_calls")):
        raise _missing(f"{where}.content")
    if isinstance(content, list):
        for i, part in enumerate(content):
            _check_part(f"{where}.content[{i}]", part)
    elif content is not None and not isinstance(content, str):
        raise _invalid(f"{where}.content", f"Invalid type for '{where}.content': expected a string "
                                           "or an array of content parts.")
    if role == "tool" and not message.get("tool_call_id"):
        raise _missing(f"{where}.tool_call_id")


def _check_tools(body: Mapping[str, Any]) -> None:
    tools = body.get("tools")
    if tools is None:
        return
    if not isinstance(tools, list):
        raise _invalid("tools", "Invalid type for 'tools': expected an array.")
    for i, tool in enumerate(tools):
        if not isinstance(tool, dict) or tool.get("type") != "function":
            raise _invalid(f"tools[{i}].type", f"Invalid value for 'tools[{i}].type': expected 'function'.")
        function = tool.get("function")
        if not isinstance(function, dict) or not function.get("name"):
            raise _missing(f"tools[{i}].function.name")
        if "parameters" in function and not isinstance(function["parameters"], dict):
            raise _invalid(f"tools[{i}].function.parameters", "Invalid 'parameters': expected a JSON schema.")
    choice = body.get("tool_choice")
    if choice is not None and choice not in ("none", "auto", "required") and not (
            isinstance(choice, dict) and isinstance(choice.get("function"), dict)):
        raise _invalid("tool_choice", "Invalid 'tool_choice': expected none, auto, required or a function.")


def _check_response_format(body: Mapping[str, Any]) -> None:
    fmt = body.get("response_format")
    if fmt is None:
        return
    if not isinstance(fmt, dict) or fmt.get("type") not in RESPONSE_FORMATS:
        raise _invalid("response_format.type", "Invalid 'response_format.type': expected one of "
                                               + ", ".join(RESPONSE_FORMATS) + ".")
    if fmt["type"] == "json_schema":
        schema = fmt.get("json_schema")
        if not isinstance(schema, dict) or not schema.get("name"):
            raise _missing("response_format.json_schema.name")


def check_chat(body: Mapping[str, Any]) -> bool:
    """Validate a chat request; returns whether it streams."""
    check_model(body)
    messages = body.get("messages")
    if messages is None:
        raise _missing("messages")
    if not isinstance(messages, list) or not messages:
        raise _invalid("messages", "Invalid 'messages': empty array. Expected an array with minimum length 1.")
    for n, message in enumerate(messages):
        _check_message(n, message)
    _check_tools(body)
    _check_response_format(body)
    _number(body, "temperature", 0, 2)
    _number(body, "top_p", 0, 1)
    _number(body, "n", 1, 128)
    for name in ("max_tokens", "max_completion_tokens"):
        value = body.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise _invalid(name, f"Invalid '{name}': expected a positive integer, got {value!r}.")
    return _stream_flags(body)


# ---------------------------------------------------------------- answers


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def reply_text(model: str, last_user: str) -> str:
    return (f"This is the OpenAI-compatible emulator answering as {model}. "
            f"Your last message has digest {_digest(last_user)} (tokens: {count_tokens(last_user)}).")


def _example(schema: Any, depth: int = 0) -> Any:
    """The smallest value a JSON schema accepts: what a tool call or a structured answer holds."""
    if not isinstance(schema, dict) or depth > 8:
        return None
    if "enum" in schema and schema["enum"]:
        return schema["enum"][0]
    kind = schema.get("type")
    kind = kind[0] if isinstance(kind, list) and kind else kind
    if kind == "object" or "properties" in schema:
        props = schema.get("properties") or {}
        return {k: _example(v, depth + 1) for k, v in props.items()
                if k in (schema.get("required") or props)}
    if kind == "array":
        return [_example(schema.get("items"), depth + 1)]
    return {"string": "example", "integer": 1, "number": 1.0, "boolean": True}.get(str(kind))


def _tool_call(body: Mapping[str, Any]) -> dict[str, Any] | None:
    """The call a request with tools gets: the named or first tool, unless a tool result came back."""
    tools, choice = body.get("tools") or [], body.get("tool_choice")
    if not tools or choice == "none" or body["messages"][-1].get("role") == "tool":
        return None
    name = choice["function"].get("name") if isinstance(choice, dict) else tools[0]["function"]["name"]
    function = next((t["function"] for t in tools if t["function"]["name"] == name), tools[0]["function"])
    arguments = json.dumps(_example(function.get("parameters") or {}) or {}, ensure_ascii=False)
    return {"id": "call_" + _digest(name + arguments), "type": "function",
            "function": {"name": function["name"], "arguments": arguments}}


def _content(body: Mapping[str, Any], model: str, last_user: str) -> str:
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_object":
        return json.dumps({"answer": reply_text(model, last_user)}, ensure_ascii=False)
    if fmt.get("type") == "json_schema":
        return json.dumps(_example(fmt["json_schema"].get("schema") or {}) or {}, ensure_ascii=False)
    return reply_text(model, last_user)


def _usage(prompt: int, completion: int) -> dict[str, Any]:
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0}}


def _plan(body: Mapping[str, Any]) -> tuple[str, dict[str, Any] | None, str, dict[str, Any]]:
    messages = body["messages"]
    last_user = next((message_text(m.get("content")) for m in reversed(messages) if m.get("role") == "user"), "")
    model = body["model"]
    call = _tool_call(body)
    content = "" if call else _content(body, model, last_user)
    prompt = sum(count_tokens(message_text(m.get("content"))) + 4 for m in messages)
    completion_tokens = count_tokens(content or json.dumps(call))
    finish = "tool_calls" if call else "stop"
    limit = body.get("max_completion_tokens") or body.get("max_tokens")
    if not call and isinstance(limit, int) and count_tokens(content) > limit:
        content, finish, completion_tokens = cut_to_tokens(content, limit), "length", limit
    return content, call, finish, _usage(prompt, completion_tokens)


def chat_completion(body: Mapping[str, Any], *, id: str, created: int) -> dict[str, Any]:
    content, call, finish, usage = _plan(body)
    message: dict[str, Any] = {"role": "assistant", "content": content or None, "refusal": None,
                               "annotations": []}
    if call:
        message["tool_calls"] = [call]
    choices = [{"index": i, "message": message, "logprobs": None, "finish_reason": finish}
               for i in range(int(body.get("n") or 1))]
    return {"id": f"chatcmpl-{id}", "object": "chat.completion", "created": created, "model": body["model"],
            "choices": choices, "usage": usage, "service_tier": "default", "system_fingerprint": "fp_emulator"}


def chat_chunks(body: Mapping[str, Any], *, id: str, created: int) -> Iterator[dict[str, Any]]:
    """A stream as OpenAI sends it: the role, content pieces or tool-call deltas, the finish, usage."""
    content, call, finish, usage = _plan(body)
    include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"id": f"chatcmpl-{id}", "object": "chat.completion.chunk", "created": created,
                               "model": body["model"], "system_fingerprint": "fp_emulator",
                               "choices": [{"index": 0, "delta": delta, "logprobs": None,
                                            "finish_reason": finish_reason}]}
        if include_usage:
            out["usage"] = None
        return out

    yield chunk({"role": "assistant", "content": "", "refusal": None})
    if call:
        fn = call["function"]
        yield chunk({"tool_calls": [{"index": 0, "id": call["id"], "type": "function",
                                     "function": {"name": fn["name"], "arguments": ""}}]})
        for piece in re.findall(r".{1,8}", fn["arguments"], re.DOTALL):
            yield chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
    for piece in pieces(content):
        yield chunk({"content": piece})
    yield chunk({}, finish)
    if include_usage:
        yield {"id": f"chatcmpl-{id}", "object": "chat.completion.chunk", "created": created,
               "model": body["model"], "system_fingerprint": "fp_emulator", "choices": [], "usage": usage}


def completion(body: Mapping[str, Any], *, id: str, created: int) -> dict[str, Any]:
    model = check_model(body)
    prompt = body.get("prompt")
    if prompt is None:
        raise _missing("prompt")
    if not isinstance(prompt, (str, list)):
        raise _invalid("prompt", "Invalid 'prompt': expected a string or an array of strings.")
    _number(body, "temperature", 0, 2)
    text = prompt if isinstance(prompt, str) else " ".join(str(p) for p in prompt)
    answer = " " + reply_text(model, text)
    return {"id": f"cmpl-{id}", "object": "text_completion", "created": created, "model": model,
            "choices": [{"text": answer, "index": 0, "logprobs": None, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": count_tokens(text), "completion_tokens": count_tokens(answer),
                      "total_tokens": count_tokens(text) + count_tokens(answer)}}


def model_list(extra: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"object": "list", "data": [model_object(m) for m in dict.fromkeys((*MODELS, *extra))]}


def model_object(model: str) -> dict[str, Any]:
    return {"id": model, "object": "model", "created": CREATED, "owned_by": "emulator"}


def embeddings(body: Mapping[str, Any]) -> dict[str, Any]:
    model = check_model(body)
    raw = body.get("input")
    if raw is None:
        raise _missing("input")
    items = raw if isinstance(raw, list) and raw and not all(isinstance(i, int) for i in raw) else [raw]
    if raw == [] or raw == "" or not all(isinstance(i, (str, list)) or isinstance(i, int) for i in items):
        raise _invalid("input", "Invalid 'input': expected a non-empty string or array.")
    fmt = body.get("encoding_format") or "float"
    if fmt not in ("float", "base64"):
        raise _invalid("encoding_format", "Invalid 'encoding_format': expected float or base64.")
    dims = body.get("dimensions") or 16
    if isinstance(dims, bool) or not isinstance(dims, int) or not 1 <= dims <= 4096:
        raise _invalid("dimensions", "Invalid 'dimensions': expected a positive integer.")
    data = []
    for n, item in enumerate(items):
        seed = hashlib.sha256(json.dumps(item, ensure_ascii=False).encode()).digest()
        vector = [round((seed[i % 32] - 128) / 128, 6) for i in range(dims)]
        value: Any = base64.b64encode(struct.pack(f"<{dims}f", *vector)).decode() if fmt == "base64" else vector
        data.append({"object": "embedding", "index": n, "embedding": value})
    tokens = sum(count_tokens(i) if isinstance(i, str) else len(i) if isinstance(i, list) else 1 for i in items)
    return {"object": "list", "data": data, "model": model,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}


def _response_text(body: Mapping[str, Any]) -> tuple[str, str]:
    raw = body.get("input")
    if raw is None:
        raise _missing("input")
    if isinstance(raw, str):
        return raw, reply_text(str(body["model"]), raw)
    if not isinstance(raw, list) or not raw:
        raise _invalid("input", "Invalid 'input': expected a string or a non-empty array of items.")
    texts = [message_text(i.get("content")) if isinstance(i.get("content"), str) else
             " ".join(p.get("text", "") for p in i.get("content") or [] if isinstance(p, dict))
             for i in raw if isinstance(i, dict) and i.get("role") in (None, "user")]
    last = texts[-1] if texts else ""
    return last, reply_text(str(body["model"]), last)


def response_object(body: Mapping[str, Any], *, id: str, created: int, status: str = "completed",
                    text: str | None = None) -> dict[str, Any]:
    check_model(body)
    prompt, answer = _response_text(body)
    answer = answer if text is None else text
    output = [] if status == "in_progress" else [
        {"type": "message", "id": f"msg_{id}", "status": "completed", "role": "assistant",
         "content": [{"type": "output_text", "text": answer, "annotations": []}]}]
    return {"id": f"resp_{id}", "object": "response", "created_at": created, "status": status,
            "model": body["model"], "output": output, "parallel_tool_calls": True,
            "tool_choice": body.get("tool_choice") or "auto", "tools": body.get("tools") or [],
            "instructions": body.get("instructions"), "error": None, "incomplete_details": None,
            "metadata": {}, "temperature": body.get("temperature"), "top_p": body.get("top_p"),
            "text": {"format": {"type": "text"}},
            "usage": None if status == "in_progress" else {
                "input_tokens": count_tokens(prompt), "output_tokens": count_tokens(answer),
                "total_tokens": count_tokens(prompt) + count_tokens(answer),
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens_details": {"reasoning_tokens": 0}}}


def response_events(body: Mapping[str, Any], *, id: str, created: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """The Responses API's named SSE events, from `response.created` to `response.completed`."""
    final = response_object(body, id=id, created=created)
    answer = final["output"][0]["content"][0]["text"]
    item = {**final["output"][0], "status": "in_progress", "content": []}
    seq = iter(range(10_000))
    yield "response.created", {"type": "response.created", "sequence_number": next(seq),
                               "response": response_object(body, id=id, created=created, status="in_progress")}
    yield "response.output_item.added", {"type": "response.output_item.added", "sequence_number": next(seq),
                                         "output_index": 0, "item": item}
    part = {"type": "output_text", "text": "", "annotations": []}
    yield "response.content_part.added", {"type": "response.content_part.added", "sequence_number": next(seq),
                                          "item_id": item["id"], "output_index": 0, "content_index": 0,
                                          "part": part}
    for piece in pieces(answer):
        yield "response.output_text.delta", {"type": "response.output_text.delta", "sequence_number": next(seq),
                                             "item_id": item["id"], "output_index": 0, "content_index": 0,
                                             "delta": piece, "logprobs": []}
    yield "response.output_text.done", {"type": "response.output_text.done", "sequence_number": next(seq),
                                        "item_id": item["id"], "output_index": 0, "content_index": 0,
                                        "text": answer, "logprobs": []}
    yield "response.content_part.done", {"type": "response.content_part.done", "sequence_number": next(seq),
                                         "item_id": item["id"], "output_index": 0, "content_index": 0,
                                         "part": {**part, "text": answer}}
    yield "response.output_item.done", {"type": "response.output_item.done", "sequence_number": next(seq),
                                        "output_index": 0, "item": final["output"][0]}
    yield "response.completed", {"type": "response.completed", "sequence_number": next(seq), "response": final}


def image_generation(body: Mapping[str, Any], *, created: int) -> dict[str, Any]:
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt:
        raise _missing("prompt")
    n = body.get("n") or 1
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 10:
        raise _invalid("n", "Invalid 'n': expected an integer from 1 to 10.")
    fmt = body.get("response_format") or "url"
    if fmt not in ("url", "b64_json"):
        raise _invalid("response_format", "Invalid 'response_format': expected url or b64_json.")
    size = body.get("size")
    if size is not None and not (isinstance(size, str) and re.fullmatch(r"\d+x\d+|auto", size)):
        raise _invalid("size", "Invalid 'size': expected WIDTHxHEIGHT or auto.")
    digest = _digest(prompt)
    item = ({"b64_json": base64.b64encode(_PNG).decode()} if fmt == "b64_json"
            else {"url": f"https://images.placeholder.invalid/{digest}.png"})
    return {"created": created, "data": [{**item, "revised_prompt": prompt} for _ in range(n)]}


def check_speech(body: Mapping[str, Any]) -> bytes:
    check_model(body)
    if not isinstance(body.get("input"), str) or not body["input"]:
        raise _missing("input")
    if not isinstance(body.get("voice"), (str, dict)):
        raise _missing("voice")
    # Not audio a player would play: a few bytes that say what they stand for.
    return b"ID3emulator-speech:" + _digest(body["input"]).encode()


def transcription(content_type: str, raw: bytes) -> dict[str, Any]:
    """`-F file=@audio.mp3 -F model=whisper-1`: the multipart fields are read, not the audio."""
    if "multipart/form-data" not in content_type:
        raise openai_error(400, "Invalid Content-Type header (expected multipart/form-data).")
    fields = dict(re.findall(rb'name="([^"]+)"(?:; filename="[^"]*")?\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]*)',
                             raw))
    if b"file" not in fields:
        raise _missing("file")
    model = fields.get(b"model", b"").decode("utf-8", "replace")
    if not model:
        raise _missing("model")
    check_model({"model": model})
    return {"text": f"This is the OpenAI-compatible emulator transcribing for {model}.",
            "usage": {"type": "duration", "seconds": 1}}


def as_sse(event: str | None, body: Any) -> bytes:
    prefix = f"event: {event}\n".encode() if event else b""
    return prefix + b"data: " + dumps(body) + b"\n\n"

