"""Check a chat request body the way Ark does, raising 400 MissingParameter / InvalidParameter."""

from __future__ import annotations

import json
from typing import Any

from docverify.emulator.errors import INVALID_JSON, INVALID_PARAMETER, MISSING_PARAMETER, ArkError

ROLES = ("system", "user", "assistant", "tool")
THINKING_TYPES = ("enabled", "disabled", "auto")


def _missing(param: str) -> ArkError:
    return ArkError(MISSING_PARAMETER, param=param)


def _invalid(param: str, reason: str) -> ArkError:
    return ArkError(INVALID_PARAMETER, param=param, reason=reason)


def parse_body(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArkError(INVALID_JSON, reason=str(exc)) from None
    except RecursionError:   # `[[[…]]]` 200 KB deep: Ark answers 400, not a crash
        raise ArkError(INVALID_JSON, reason="nested too deeply") from None
    if not isinstance(body, dict):
        raise ArkError(INVALID_JSON, reason=f"expected an object, got {type(body).__name__}")
    return body


def _optional(body: dict[str, Any], name: str) -> Any:
    # Clients send null for "not given" (the Ark SDK does); Ark treats it as absent.
    return body.get(name)


def _number(body: dict[str, Any], name: str, low: float, high: float) -> None:
    value = _optional(body, name)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _invalid(name, f"expected a number from {low:g} to {high:g}, got {value!r}")


def _check_message(index: int, message: Any) -> None:
    where = f"messages[{index}]"
    if not isinstance(message, dict):
        raise _invalid(where, "expected an object")
    role = message.get("role")
    if role is None:
        raise _missing(f"{where}.role")
    if role not in ROLES:
        raise _invalid(f"{where}.role", f"expected one of {', '.join(ROLES)}, got {role!r}")
    content = message.get("content")
    if content is None and not (role == "assistant" and message.get("tool_calls")):
        raise _missing(f"{where}.content")
    if content is not None and not isinstance(content, (str, list)):
        raise _invalid(f"{where}.content", "expected a string or an array of content parts")
    if role == "tool" and not message.get("tool_call_id"):
        raise _missing(f"{where}.tool_call_id")


def check_chat(body: dict[str, Any]) -> None:
    model = body.get("model")
    if model is None or model == "":
        raise _missing("model")
    if not isinstance(model, str):
        raise _invalid("model", f"expected a string, got {type(model).__name__}")
    messages = body.get("messages")
    if messages is None:
        raise _missing("messages")
    if not isinstance(messages, list) or not messages:
        raise _invalid("messages", "expected a non-empty array")
    for index, message in enumerate(messages):
        _check_message(index, message)
    stream = _optional(body, "stream")
    if stream is not None and not isinstance(stream, bool):
        raise _invalid("stream", f"expected true or false, got {stream!r}")
    options = _optional(body, "stream_options")
    if options is not None:
        if not stream:
            raise _invalid("stream_options", "only allowed when stream is true")
        if not isinstance(options, dict) or not isinstance(options.get("include_usage", False), bool):
            raise _invalid("stream_options", "expected {\"include_usage\": true|false}")
    _number(body, "temperature", 0, 2)
    _number(body, "top_p", 0, 1)
    for name in ("max_tokens", "max_completion_tokens"):
        value = _optional(body, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise _invalid(name, f"expected a positive integer, got {value!r}")
    thinking = _optional(body, "thinking")
    if thinking is not None and (not isinstance(thinking, dict)
                                 or thinking.get("type") not in THINKING_TYPES):
        raise _invalid("thinking", f"expected {{\"type\": {'|'.join(THINKING_TYPES)}}}")
