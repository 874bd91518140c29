"""Anthropic's Messages API (`POST /v1/messages`): request shapes, the answer, and its SSE event stream."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

from docverify.emulator.api_errors import ApiError, anthropic_error
from docverify.emulator.responses import count_tokens, cut_to_tokens, pieces

__all__ = ["check_headers", "check_message", "message", "message_events"]

BLOCKS = ("text", "image", "document", "tool_use", "tool_result", "thinking")


def _invalid(message: str) -> ApiError:
    return anthropic_error(400, message)


def check_headers(headers: Mapping[str, str], keys: tuple[str, ...]) -> None:
    """`x-api-key` (or a bearer token) and `anthropic-version`, as the real API insists."""
    key = headers.get("x-api-key") or ""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if not key and scheme.lower() == "bearer":
        key = token.strip()
    if key not in keys:
        raise anthropic_error(401, "invalid x-api-key")
    if not headers.get("anthropic-version"):
        raise _invalid("anthropic-version: header is required")


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "\n".join(b.get("text", "") for b in content or [] if isinstance(b, dict) and b.get("type") == "text")


def check_message(body: Mapping[str, Any]) -> bool:
    """Validate a Messages request; returns whether it streams."""
    for name in ("model", "max_tokens", "messages"):
        if body.get(name) in (None, ""):
            raise _invalid(f"{name}: Field required")
    if not isinstance(body["model"], str):
        raise _invalid("model: Input should be a valid string")
    limit = body["max_tokens"]
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise _invalid("max_tokens: Input should be a positive integer")
    messages = body["messages"]
    if not isinstance(messages, list) or not messages:
        raise _invalid("messages: at least one message is required")
    for n, msg in enumerate(messages):
        if not isinstance(msg, dict) or msg.get("role") not in ("user", "assistant"):
            raise _invalid(f"messages.{n}.role: Input should be 'user' or 'assistant'")
        content = msg.get("content")
        if isinstance(content, list):
            for i, block in enumerate(content):
                if not isinstance(block, dict) or block.get("type") not in BLOCKS:
                    raise _invalid(f"messages.{n}.content.{i}.type: Input should be one of "
                                   + ", ".join(f"'{b}'" for b in BLOCKS))
        elif not isinstance(content, str):
            raise _invalid(f"messages.{n}.content: Input should be a valid string or list")
    if messages[0]["role"] != "user":
        raise _invalid("messages: first message must use the \"user\" role")
    system = body.get("system")
    if system is not None and not isinstance(system, (str, list)):
        raise _invalid("system: Input should be a valid string or list of text blocks")
    for i, tool in enumerate(body.get("tools") or []):
        if not isinstance(tool, dict) or not tool.get("name"):
            raise _invalid(f"tools.{i}.name: Field required")
        if "type" not in tool and not isinstance(tool.get("input_schema"), dict):
            raise _invalid(f"tools.{i}.input_schema: Field required")
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise _invalid("stream: Input should be a valid boolean")
    return bool(stream)


def _example(schema: Any) -> Any:
    if not isinstance(schema, dict):
        return {}
    props = schema.get("properties") or {}
    kinds = {"string": "example", "integer": 1, "number": 1.0, "boolean": True, "array": [], "object": {}}
    return {k: (v.get("enum") or [kinds.get(str(v.get("type")), None)])[0] if isinstance(v, dict) else None
            for k, v in props.items() if k in (schema.get("required") or props)}


def _plan(body: Mapping[str, Any]) -> tuple[list[dict[str, Any]], str, int, int]:
    messages = body["messages"]
    last = next((_text(m.get("content")) for m in reversed(messages) if m["role"] == "user"), "")
    tools = body.get("tools") or []
    choice = body.get("tool_choice") or {}
    answered = any(isinstance(b, dict) and b.get("type") == "tool_result"
                   for b in messages[-1].get("content") or [] if isinstance(messages[-1].get("content"), list))
    prompt = sum(count_tokens(_text(m.get("content"))) + 4 for m in messages)
    if tools and not answered and choice.get("type") != "none":
        tool = next((t for t in tools if t["name"] == choice.get("name")), tools[0])
        args = _example(tool.get("input_schema"))
        block = {"type": "tool_use", "id": "toolu_" + hashlib.sha256(tool["name"].encode()).hexdigest()[:20],
                 "name": tool["name"], "input": args}
        return [block], "tool_use", prompt, count_tokens(json.dumps(args))
    digest = hashlib.sha256(last.encode()).hexdigest()[:12]
    text = (f"This is the Anthropic-compatible emulator answering as {body['model']}. "
            f"Your last message has digest {digest} (tokens: {count_tokens(last)}).")
    stop = "end_turn"
    if count_tokens(text) > body["max_tokens"]:
        text, stop = cut_to_tokens(text, body["max_tokens"]), "max_tokens"
    return [{"type": "text", "text": text}], stop, prompt, count_tokens(text)


def message(body: Mapping[str, Any], *, id: str) -> dict[str, Any]:
    content, stop, prompt, output = _plan(body)
    return {"id": f"msg_{id}", "type": "message", "role": "assistant", "model": body["model"],
            "content": content, "stop_reason": stop, "stop_sequence": None,
            "usage": {"input_tokens": prompt, "output_tokens": output,
                      "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}}


def message_events(body: Mapping[str, Any], *, id: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """message_start, per block start/deltas/stop, message_delta (stop reason, usage), message_stop."""
    final = message(body, id=id)
    start = {**final, "content": [], "stop_reason": None,
             "usage": {**final["usage"], "output_tokens": 1}}
    yield "message_start", {"type": "message_start", "message": start}
    yield "ping", {"type": "ping"}
    for index, block in enumerate(final["content"]):
        if block["type"] == "text":
            yield "content_block_start", {"type": "content_block_start", "index": index,
                                          "content_block": {"type": "text", "text": ""}}
            for piece in pieces(block["text"]):
                yield "content_block_delta", {"type": "content_block_delta", "index": index,
                                              "delta": {"type": "text_delta", "text": piece}}
        else:
            yield "content_block_start", {"type": "content_block_start", "index": index,
                                          "content_block": {**block, "input": {}}}
            yield "content_block_delta", {"type": "content_block_delta", "index": index,
                                          "delta": {"type": "input_json_delta",
                                                    "partial_json": json.dumps(block["input"])}}
        yield "content_block_stop", {"type": "content_block_stop", "index": index}
    yield "message_delta", {"type": "message_delta",
                            "delta": {"stop_reason": final["stop_reason"], "stop_sequence": None},
                            "usage": {"output_tokens": final["usage"]["output_tokens"]}}
    yield "message_stop", {"type": "message_stop"}
