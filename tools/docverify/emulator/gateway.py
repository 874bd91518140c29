"""The outermost ASGI layer: request ids on every response, the request log, and fault injection.

It sits outside Starlette on purpose: dropping a connection needs uvicorn's own `send`
(its bound method carries the transport), which Starlette's middleware would wrap.
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docverify.emulator.config import FAULT_HEADER, EmulatorConfig, Fault, FaultKind, parse_fault
from docverify.emulator.errors import INTERNAL, INVALID_PARAMETER, ArkError, error_response
from docverify.emulator.state import EmulatorState, ReceivedRequest

REQUEST_ID = "emulator.request_id"   # scope key the handlers read the id from


class _Dropped(Exception):
    """Stops the inner app once the connection has been cut on purpose."""


async def _drop(send: Send) -> None:
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:   # not uvicorn (an in-process test client): fail loudly instead
        raise ConnectionAbortedError("emulator fault: connection dropped")
    transport.close()
    await asyncio.sleep(0)  # lets uvicorn see the loss, so it neither logs nor answers 500


class Gateway:
    """Wraps the Starlette app; `create_app` returns one (its `.state` is the emulator's memory)."""

    def __init__(self, app: ASGIApp, state: EmulatorState) -> None:
        self.app = app
        self.state = state

    @property
    def config(self) -> EmulatorConfig:
        return self.state.config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        headers = tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"])
        self.state.log(ReceivedRequest(scope["method"], scope["path"], headers, body))
        request_id = self.state.request_id(f"{scope['method']} {scope['path']}".encode() + body)
        scope[REQUEST_ID] = request_id
        extra = [(b"x-request-id", request_id.encode())]
        client_id = dict(scope["headers"]).get(b"x-client-request-id")
        if client_id:   # the Ark SDK reads its request id back from this header
            extra.append((b"x-client-request-id", client_id))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            fault = await self._fault(scope, headers)
        except ArkError as exc:
            await error_response(exc, request_id)(scope, receive, send_with_id)
            return
        replay = replaying(body, receive)
        if fault is None:
            await self.app(scope, replay, send_with_id)
        elif fault.kind is FaultKind.ERROR:
            kind = dataclasses.replace(INTERNAL, status=fault.status)
            await error_response(ArkError(kind), request_id)(scope, receive, send_with_id)
        elif fault.kind is FaultKind.DROP_BEFORE:
            await _drop(send)
        else:
            try:
                await self.app(scope, replay, _dropping(send_with_id, send))
            except* _Dropped:
                pass

    async def _fault(self, scope: Scope, headers: tuple[tuple[str, str], ...]) -> Fault | None:
        """The fault that fires for this request, after sleeping through any delays."""
        candidates: list[tuple[str, Fault]] = [
            (f"config:{i}", f) for i, f in enumerate(self.state.config.faults)
            if f.matches(scope["path"])]
        header = next((v for k, v in headers if k.lower() == FAULT_HEADER.lower()), None)
        if header is not None and self.state.config.fault_header:
            try:
                candidates.append((f"header:{header}", parse_fault(header)))
            except ValueError as exc:
                raise ArkError(INVALID_PARAMETER, param=FAULT_HEADER, reason=str(exc)) from None
        for key, fault in candidates:
            if not self.state.take_fault(key, fault.times):
                continue
            if fault.kind is FaultKind.DELAY:
                await asyncio.sleep(fault.delay)
                continue
            return fault
        return None


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands the already-read body to the app, then waits for disconnect."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()
    return replay


def _dropping(send_with_id: Send, raw_send: Send) -> Send:
    """Passes the status and headers, then part of the body, then cuts the connection.

    A streamed response keeps its first event whole (a client sees one chunk, then the cut);
    a single-message body is cut in half.
    """
    async def send(message: dict[str, Any]) -> None:
        if message["type"] != "http.response.body":
            await send_with_id(message)
            return
        data: bytes = message.get("body", b"")
        part = data if message.get("more_body", False) else data[: len(data) // 2]
        await send_with_id({"type": "http.response.body", "body": part, "more_body": True})
        await _drop(raw_send)
        raise _Dropped
    return send  # type: ignore[return-value]
