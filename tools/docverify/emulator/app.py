"""The emulator's Starlette app: Ark's routes here (auth, rate limit, chat, models), OpenAI's and Anthropic's beside them."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from docverify.emulator import errors as E
from docverify.emulator.api_errors import ApiError
from docverify.emulator.compat_app import compat_routes
from docverify.emulator.catalogue import Catalogue, Status
from docverify.emulator.config import EmulatorConfig
from docverify.emulator.gateway import REQUEST_ID, Gateway
from docverify.emulator.routes import api_for_path
from docverify.emulator.responses import DONE, chunk_bodies, completion_body, dumps, plan_reply, sse
from docverify.emulator.state import EmulatorState
from docverify.emulator.validate import check_chat, parse_body

# Real Ark keys are UUIDs; a well-formed key that is not ours "doesn't exist".
KEY_SHAPE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def create_app(config: EmulatorConfig | None = None) -> Gateway:
    """The ASGI app; its `.state` holds the request log and counters, `.config` its setup."""
    config = config or EmulatorConfig()
    state = EmulatorState(config)
    catalogue = Catalogue(config.catalogue, activated=config.activated, endpoints=config.endpoints)

    def request_id(request: Request) -> str:
        return str(request.scope.get(REQUEST_ID, ""))

    def authenticate(request: Request) -> str:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() == "bearer" and token in config.api_keys:
            return token
        if scheme.lower() != "bearer" or not KEY_SHAPE.fullmatch(token):
            raise E.ArkError(E.KEY_FORMAT)
        raise E.ArkError(E.KEY_UNKNOWN)

    def admit(request: Request) -> None:
        wait = state.retry_after(authenticate(request))
        if wait is not None:
            raise E.ArkError(E.RPM_EXCEEDED, headers=(("Retry-After", str(wait)),),
                             rpm=config.rpm, retry_after=wait)

    async def chat(request: Request) -> Response:
        admit(request)
        body = parse_body(await request.body())
        check_chat(body)
        found = catalogue.lookup(body["model"])
        if found.model is None or found.status is Status.RETIRED:
            raise E.ArkError(E.MODEL_NOT_FOUND, model=found.requested)
        if found.status is Status.NOT_ACTIVATED:
            raise E.ArkError(E.MODEL_NOT_OPEN, account=config.account_id, model=found.model.id)
        if found.model.kind != "chat":
            raise E.ArkError(E.INVALID_PARAMETER, param="model",
                             reason=f"{found.requested} does not support chat completions")
        reply = plan_reply(body, found.model)
        rid, created, model = request_id(request), state.created(), found.requested
        if not body.get("stream"):
            return Response(dumps(completion_body(reply, id=rid, created=created, model=model)),
                            media_type="application/json")
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

        async def events() -> AsyncIterator[bytes]:
            for chunk in chunk_bodies(reply, id=rid, created=created, model=model, include_usage=include_usage):
                yield sse(chunk)
            yield DONE
        return StreamingResponse(events(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})

    def model_object(model_id: str) -> dict[str, Any]:
        model = next(m for m in catalogue.models if m.id == model_id)
        return {"id": model.id, "object": "model", "created": model.created,
                "owned_by": model.owned_by}

    async def list_models(request: Request) -> Response:
        admit(request)
        # the whole catalogue, usable or not, as facts/volcengine-ark.md reports for 2026
        data = [model_object(m.id) for m in catalogue.models]
        return Response(dumps({"object": "list", "data": data}), media_type="application/json")

    async def get_model(request: Request) -> Response:
        admit(request)
        found = catalogue.lookup(request.path_params["model"])
        if found.model is None or found.via_endpoint:
            raise E.ArkError(E.MODEL_NOT_FOUND, model=found.requested)
        return Response(dumps(model_object(found.model.id)), media_type="application/json")

    async def ark_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, E.ArkError)
        return E.error_response(exc, request_id(request))

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return exc.response(request_id(request))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        path, method = request.url.path, request.method
        api = api_for_path(path)
        if api != "ark":   # OpenAI and Anthropic answer an unknown route in their own format
            status = 405 if exc.status_code == 405 else 404
            other = ApiError(api, status, f"Invalid URL ({method} {path})" if status == 404
                             else f"Method {method} not allowed for {path}")
            other.headers = tuple((exc.headers or {}).items())
            return other.response(request_id(request))
        kind = E.METHOD_NOT_ALLOWED if exc.status_code == 405 else E.ROUTE_NOT_FOUND
        error = E.ArkError(kind, headers=tuple((exc.headers or {}).items()), path=path, method=method)
        return E.error_response(error, request_id(request))

    routes = [
        Route("/api/v3/chat/completions", chat, methods=["POST"]),
        Route("/api/v3/models", list_models, methods=["GET"]),
        Route("/api/v3/models/{model}", get_model, methods=["GET"]),
        *compat_routes(state),    # OpenAI-compatible (/v1/…) and Anthropic (/v1/messages)
    ]
    starlette = Starlette(routes=routes, exception_handlers={
        E.ArkError: ark_error, ApiError: api_error, HTTPException: http_error})
    return Gateway(starlette, state)
