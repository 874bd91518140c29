"""The OpenAI-compatible and Anthropic handlers: auth, rate limit, then openai_api / anthropic_api bodies.

Registered beside the Ark routes by app.py from the table in routes.py; each API answers
errors in its own format (api_errors.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from docverify.emulator import anthropic_api as A
from docverify.emulator import openai_api as O
from docverify.emulator.api_errors import ApiError, anthropic_error, openai_error
from docverify.emulator.gateway import REQUEST_ID
from docverify.emulator.responses import DONE, dumps
from docverify.emulator.routes import ROUTES
from docverify.emulator.state import EmulatorState

__all__ = ["compat_routes"]

Handler = Callable[[Request], Awaitable[Response]]


def _json(body: Any, status: int = 200) -> Response:
    return Response(dumps(body), status_code=status, media_type="application/json")


def _stream(events: Iterator[bytes]) -> StreamingResponse:
    async def body() -> AsyncIterator[bytes]:
        for event in events:
            yield event
    return StreamingResponse(body(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


def compat_routes(state: EmulatorState) -> list[Route]:
    """Starlette routes for every OpenAI and Anthropic row of routes.ROUTES."""
    config = state.config

    def rid(request: Request) -> str:
        return str(request.scope.get(REQUEST_ID, ""))

    def admit(request: Request, api: str) -> None:
        if api == "anthropic":
            A.check_headers(request.headers, config.api_keys)
            key = request.headers.get("x-api-key") or request.headers.get("authorization", "")[7:].strip()
        else:
            scheme, _, key = request.headers.get("authorization", "").partition(" ")
            key = key.strip()
            if scheme.lower() != "bearer" or not key:
                raise openai_error(401, "You didn't provide an API key. You need to provide your API key "
                                        "in an Authorization header using Bearer auth.")
            if key not in config.api_keys:
                # Unlike the real API, never echo any part of the key: it would land in recordings.
                raise openai_error(401, "Incorrect API key provided.", code="invalid_api_key")
        wait = state.retry_after(key)
        if wait is not None:
            error = (anthropic_error(429, "Number of requests has exceeded your rate limit.") if api == "anthropic"
                     else openai_error(429, f"Rate limit reached: {config.rpm} requests per minute. "
                                            f"Please try again in {wait}s.", code="rate_limit_exceeded"))
            error.headers = (("Retry-After", str(wait)),)
            raise error

    async def chat(request: Request) -> Response:
        admit(request, "openai")
        body = O.parse_json(await request.body())
        stream = O.check_chat(body)
        if not stream:
            return _json(O.chat_completion(body, id=rid(request), created=state.created()))
        chunks = O.chat_chunks(body, id=rid(request), created=state.created())
        return _stream(e for e in (*(O.as_sse(None, c) for c in chunks), DONE))

    async def completions(request: Request) -> Response:
        admit(request, "openai")
        body = O.parse_json(await request.body())
        result = O.completion(body, id=rid(request), created=state.created())
        if not body.get("stream"):
            return _json(result)
        return _stream(e for e in (O.as_sse(None, result), DONE))

    async def models(request: Request) -> Response:
        admit(request, "openai")
        return _json(O.model_list())

    async def model(request: Request) -> Response:
        admit(request, "openai")
        return _json(O.model_object(request.path_params["model"]))

    async def embeddings(request: Request) -> Response:
        admit(request, "openai")
        return _json(O.embeddings(O.parse_json(await request.body())))

    async def responses(request: Request) -> Response:
        admit(request, "openai")
        body = O.parse_json(await request.body())
        if not body.get("stream"):
            return _json(O.response_object(body, id=rid(request), created=state.created()))
        O.response_object(body, id=rid(request), created=state.created())   # validates before streaming
        return _stream(O.as_sse(name, event) for name, event in
                       O.response_events(body, id=rid(request), created=state.created()))

    async def images(request: Request) -> Response:
        admit(request, "openai")
        return _json(O.image_generation(O.parse_json(await request.body()), created=state.created()))

    async def speech(request: Request) -> Response:
        admit(request, "openai")
        return Response(O.check_speech(O.parse_json(await request.body())), media_type="audio/mpeg")

    async def transcriptions(request: Request) -> Response:
        admit(request, "openai")
        return _json(O.transcription(request.headers.get("content-type", ""), await request.body()))

    async def messages(request: Request) -> Response:
        admit(request, "anthropic")
        try:
            body = O.parse_json(await request.body())
        except ApiError as exc:
            raise anthropic_error(400, exc.message) from None
        if not A.check_message(body):
            return _json(A.message(body, id=rid(request)))
        return _stream(O.as_sse(name, event) for name, event in A.message_events(body, id=rid(request)))

    handlers: dict[str, Handler] = {
        "openai.chat": chat, "openai.completions": completions, "openai.models": models,
        "openai.model": model, "openai.embeddings": embeddings, "openai.responses": responses,
        "openai.images": images, "openai.speech": speech, "openai.transcriptions": transcriptions,
        "anthropic.messages": messages}
    return [Route(r.path, handlers[r.handler], methods=[r.method]) for r in ROUTES if r.handler in handlers]
