"""OpenAI's and Anthropic's error bodies: each API answers a bad request in its own format.

OpenAI: `{"error": {"message", "type", "param", "code"}}`; Anthropic:
`{"type": "error", "error": {"type", "message"}}` (both as their SDKs parse them into
`openai.BadRequestError`, `anthropic.AuthenticationError` …).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

__all__ = ["ApiError", "anthropic_error", "openai_error"]

# Anthropic's error `type` for each status, as its API reference lists them.
_ANTHROPIC_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
                    404: "not_found_error", 405: "invalid_request_error", 413: "request_too_large",
                    429: "rate_limit_error", 500: "api_error", 529: "overloaded_error"}
_OPENAI_TYPES = {401: "invalid_request_error", 404: "invalid_request_error", 429: "requests",
                 500: "server_error"}


class ApiError(Exception):
    """Raised in an OpenAI or Anthropic handler; the app renders it in that API's format."""

    def __init__(self, api: str, status: int, message: str, *, param: str | None = None,
                 code: str | None = None) -> None:
        super().__init__(message)
        self.api, self.status, self.message, self.param, self.code = api, status, message, param, code
        self.headers: tuple[tuple[str, str], ...] = ()

    def body(self) -> dict[str, Any]:
        if self.api == "anthropic":
            return {"type": "error",
                    "error": {"type": _ANTHROPIC_TYPES.get(self.status, "api_error"), "message": self.message}}
        return {"error": {"message": self.message,
                          "type": _OPENAI_TYPES.get(self.status, "invalid_request_error"),
                          "param": self.param, "code": self.code}}

    def response(self, request_id: str) -> Response:
        headers = dict(self.headers)
        if self.api == "anthropic":
            headers["request-id"] = request_id
        return Response(json.dumps(self.body(), ensure_ascii=False, separators=(",", ":")),
                        status_code=self.status, media_type="application/json", headers=headers)


def openai_error(status: int, message: str, *, param: str | None = None, code: str | None = None) -> ApiError:
    return ApiError("openai", status, message, param=param, code=code)


def anthropic_error(status: int, message: str) -> ApiError:
    return ApiError("anthropic", status, message)
