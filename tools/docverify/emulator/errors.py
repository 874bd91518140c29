"""Ark's error bodies: the table of codes the emulator answers with, and the JSON they take."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response


@dataclass(frozen=True, slots=True)
class ErrorKind:
    status: int
    type: str
    code: str
    template: str     # str.format template; Ark ends every message with "Request id: <id>"


# Messages quoted in facts/volcengine-ark.md are kept word for word; the others are ours.
KEY_FORMAT = ErrorKind(401, "Unauthorized", "AuthenticationError",
                       "The API key format is incorrect.")
KEY_UNKNOWN = ErrorKind(401, "Unauthorized", "AuthenticationError",
                        "The API key doesn't exist.")
MISSING_PARAMETER = ErrorKind(400, "BadRequest", "MissingParameter",
                              "The request failed because it is missing one or multiple required "
                              "parameters: `{param}`.")
INVALID_PARAMETER = ErrorKind(400, "BadRequest", "InvalidParameter",
                              "The parameter `{param}` specified in the request is not valid: {reason}.")
INVALID_JSON = ErrorKind(400, "BadRequest", "InvalidParameter",
                         "The request body is not valid JSON: {reason}.")
MODEL_NOT_FOUND = ErrorKind(404, "NotFound", "InvalidEndpointOrModel.NotFound",
                            "The model or endpoint {model} does not exist or you do not have "
                            "access to it.")
MODEL_NOT_OPEN = ErrorKind(404, "NotFound", "ModelNotOpen",
                           "Your account {account} has not activated the model {model}. Please "
                           "activate the model service in the Ark Console.")
ROUTE_NOT_FOUND = ErrorKind(404, "NotFound", "NotFound",
                            "The requested path {path} does not exist.")
METHOD_NOT_ALLOWED = ErrorKind(405, "MethodNotAllowed", "MethodNotAllowed",
                               "The method {method} is not allowed for {path}.")
RPM_EXCEEDED = ErrorKind(429, "TooManyRequests", "RateLimitExceeded.EndpointRPMExceeded",
                         "The request has exceeded the RPM rate limit of {rpm} for your key. "
                         "Please retry after {retry_after} seconds.")
# The facts table leaves the 500 type blank; an empty string says "unknown" without guessing.
INTERNAL = ErrorKind(500, "", "InternalServiceError",
                     "The service encountered an unexpected internal error.")

KINDS: tuple[ErrorKind, ...] = (KEY_FORMAT, KEY_UNKNOWN, MISSING_PARAMETER, INVALID_PARAMETER,
                                INVALID_JSON, MODEL_NOT_FOUND, MODEL_NOT_OPEN, ROUTE_NOT_FOUND,
                                METHOD_NOT_ALLOWED, RPM_EXCEEDED, INTERNAL)


class ArkError(Exception):
    """Raised inside a handler; the app turns it into Ark's error body and status.

    A plain exception, not a frozen dataclass: context managers reassign `__traceback__`.
    """

    def __init__(self, kind: ErrorKind, *, param: str = "",
                 headers: tuple[tuple[str, str], ...] = (), **values: Any) -> None:
        super().__init__(kind.code)
        self.kind = kind
        self.param = param
        self.headers = headers
        self.values = {**values, "param": param}

    def message(self, request_id: str) -> str:
        return f"{self.kind.template.format(**self.values)} Request id: {request_id}"


def error_body(error: ArkError, request_id: str) -> dict[str, Any]:
    return {"error": {"code": error.kind.code, "message": error.message(request_id),
                      "param": error.param, "type": error.kind.type}}


def error_response(error: ArkError, request_id: str) -> Response:
    body = json.dumps(error_body(error, request_id), ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=error.kind.status, media_type="application/json",
                    headers=dict(error.headers))
