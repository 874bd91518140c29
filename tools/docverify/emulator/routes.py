"""The emulator's routes as data: which API answers which method and path (no web framework here).

Record reads this table to tell an example the emulator cannot answer (listed as skipped, with
the reason) from one that failed; the app registers a handler for every row. OpenAI-compatible
routes answer under `/v1` and at the root too, since a documented `{base_url}` often already
ends in `/v1` (`{base_url}/chat/completions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ROUTES", "ApiRoute", "api_for_path", "route_for"]


@dataclass(frozen=True, slots=True)
class ApiRoute:
    api: str          # "ark" | "openai" | "anthropic": whose request shapes and error format
    method: str
    path: str         # Starlette path syntax, `{model}` a parameter
    handler: str      # the name of the handler in app.py's table

    def matches(self, method: str, path: str) -> bool:
        return method.upper() == self.method and bool(_compiled(self.path).fullmatch(path))


def _compiled(path: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)))


_OPENAI: tuple[tuple[str, str, str], ...] = (
    ("POST", "/chat/completions", "chat"),
    ("POST", "/completions", "completions"),
    ("GET", "/models", "models"),
    ("GET", "/models/{model}", "model"),
    ("POST", "/embeddings", "embeddings"),
    ("POST", "/responses", "responses"),
    ("POST", "/images/generations", "images"),
    ("POST", "/audio/speech", "speech"),
    ("POST", "/audio/transcriptions", "transcriptions"),
    ("POST", "/audio/translations", "transcriptions"),
)

ROUTES: tuple[ApiRoute, ...] = (
    ApiRoute("ark", "POST", "/api/v3/chat/completions", "ark.chat"),
    ApiRoute("ark", "GET", "/api/v3/models", "ark.models"),
    ApiRoute("ark", "GET", "/api/v3/models/{model}", "ark.model"),
    ApiRoute("anthropic", "POST", "/v1/messages", "anthropic.messages"),
    ApiRoute("anthropic", "POST", "/messages", "anthropic.messages"),
    *(ApiRoute("openai", method, prefix + path, "openai." + name)
      for prefix in ("/v1", "") for method, path, name in _OPENAI),
)


def route_for(method: str, path: str) -> ApiRoute | None:
    """The route that answers `method path`, or None when the emulator has none."""
    return next((r for r in ROUTES if r.matches(method, path)), None)


def api_for_path(path: str) -> str:
    """Whose error format a path's errors take: /v1 and the OpenAI root routes are OpenAI's
    (Anthropic's for messages), anything else Ark's, the emulator's first API."""
    if path.rstrip("/").endswith("/messages"):
        return "anthropic"
    if path.startswith("/v1/") or any(r.api == "openai" and r.matches(r.method, path) for r in ROUTES):
        return "openai"
    return "ark"
