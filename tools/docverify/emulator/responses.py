"""Chat completion and chunk bodies, derived only from the request so recordings stay stable."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docverify.emulator.catalogue import CatalogueModel, Thinking

# Close enough to a BPE count for usage figures: a CJK character, a word, or a punctuation mark.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|\w+|[^\w\s]")
_PIECE = re.compile(r"\S+\s*|\s+")
DONE = b"data: [DONE]\n\n"


@dataclass(frozen=True, slots=True)
class Reply:
    content: str
    reasoning: str | None
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int
    reasoning_tokens: int


def count_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def pieces(text: str) -> list[str]:
    """The pieces a stream sends `text` in: each word with the space after it."""
    return _PIECE.findall(text)


def cut_to_tokens(text: str, limit: int) -> str:
    """`text` cut after its `limit`-th token (as `count_tokens` counts them): a `max_tokens` answer."""
    ends = [m.end() for m in _TOKEN.finditer(text)]
    return text[:ends[limit - 1]] if len(ends) > limit else text


def message_text(content: Any) -> str:
    """A message's text: the string itself, or the text parts of a multimodal list."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(part.get("text", "") for part in content
                         if isinstance(part, dict) and part.get("type") == "text")
    return ""


def wants_reasoning(model: CatalogueModel, body: Mapping[str, Any]) -> bool:
    if model.thinking is not Thinking.OPTIONAL:
        return model.thinking is Thinking.ALWAYS
    thinking = body.get("thinking")
    kind = thinking.get("type") if isinstance(thinking, dict) else None
    return kind != "disabled"   # doubao-seed thinks unless told not to ("auto" thinks here)


def plan_reply(body: Mapping[str, Any], model: CatalogueModel) -> Reply:
    messages: Sequence[Mapping[str, Any]] = body["messages"]
    last_user = next((message_text(m.get("content")) for m in reversed(messages)
                      if m.get("role") == "user"), "")
    digest = hashlib.sha256(last_user.encode()).hexdigest()[:12]
    content = (f"This is the Ark emulator answering as {body['model']}. "
               f"Your last message has digest {digest} (tokens: {count_tokens(last_user)}).")
    reasoning = (f"The user wrote a message with digest {digest}. "
                 "I answer with a fixed sentence that names it.") if wants_reasoning(model, body) else None
    finish_reason = "stop"
    limit = body.get("max_completion_tokens") or body.get("max_tokens")
    if isinstance(limit, int) and count_tokens(content) > limit:
        content, finish_reason = cut_to_tokens(content, limit), "length"
    prompt = sum(count_tokens(message_text(m.get("content"))) + 4 for m in messages)
    reasoning_tokens = count_tokens(reasoning) if reasoning else 0
    return Reply(content, reasoning, finish_reason, prompt,
                 count_tokens(content) + reasoning_tokens, reasoning_tokens)


def usage(reply: Reply) -> dict[str, Any]:
    return {"completion_tokens": reply.completion_tokens, "prompt_tokens": reply.prompt_tokens,
            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
            "prompt_tokens_details": {"cached_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": reply.reasoning_tokens}}


def completion_body(reply: Reply, *, id: str, created: int, model: str) -> dict[str, Any]:
    message: dict[str, Any] = {"content": reply.content, "role": "assistant"}
    if reply.reasoning is not None:
        message["reasoning_content"] = reply.reasoning
    return {"choices": [{"finish_reason": reply.finish_reason, "index": 0, "logprobs": None,
                         "message": message}],
            "created": created, "id": id, "model": model, "service_tier": "default",
            "object": "chat.completion", "usage": usage(reply)}


def chunk_bodies(reply: Reply, *, id: str, created: int, model: str,
                 include_usage: bool) -> Iterator[dict[str, Any]]:
    """The chunks of a stream: reasoning pieces, content pieces, the finish, then usage if asked."""
    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "choices": [{"delta": {**delta, "role": "assistant"}, "finish_reason": finish_reason,
                         "index": 0, "logprobs": None}],
            "created": created, "id": id, "model": model, "service_tier": "default",
            "object": "chat.completion.chunk"}
        if include_usage:
            body["usage"] = None   # OpenAI's convention: only the last chunk carries usage
        return body

    for piece in pieces(reply.reasoning or ""):
        yield chunk({"content": "", "reasoning_content": piece})
    for piece in pieces(reply.content):
        yield chunk({"content": piece})
    yield chunk({"content": ""}, reply.finish_reason)
    if include_usage:
        yield {"choices": [], "created": created, "id": id, "model": model,
               "service_tier": "default", "object": "chat.completion.chunk", "usage": usage(reply)}


def dumps(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def sse(body: Any) -> bytes:
    return b"data: " + dumps(body) + b"\n\n"
