"""Serve the emulator with uvicorn in a background thread on a loopback port, as a context manager."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from types import TracebackType

import h11
import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from docverify.emulator import errors as E

from docverify.emulator.app import create_app
from docverify.emulator.config import EmulatorConfig
from docverify.emulator.gateway import Gateway, replaying
from docverify.emulator.state import ReceivedRequest
from docverify.errors import ConfigError, DocverifyError

STARTUP_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class Limits:
    """What a real API server bounds (nginx's defaults, the size APIs document for a request)."""

    max_body: int = 32 << 20          # bytes: a chat request with a few base64 images fits
    header_timeout: float = 60.0      # seconds to send a whole request head (client_header_timeout)
    body_timeout: float = 60.0        # seconds to send the whole body once the head is in
    max_connections: int = 512        # open at once; beyond it uvicorn answers 503


TOO_LARGE = E.ErrorKind(413, "RequestEntityTooLarge", "RequestTooLarge",
                        "The request body exceeds the limit of {limit} bytes.")


class _BodyLimit:
    """An ASGI wrapper refusing a body over `limit` bytes with an Ark-style JSON 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:   # read it here (bounded) so the app never sees more than the limit
            message = await receive()
            if message["type"] != "http.request":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        await self.app(scope, replaying(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = E.ArkError(TOO_LARGE, headers=(("Connection", "close"),), limit=self.limit)
        await E.error_response(error, "")(scope, receive, send)


class _TimedH11(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head or body stalls.

    uvicorn bounds only idle keep-alive; a client that sends half a request holds its socket
    for ever (900 sockets after 70 s). Real servers time both parts out.
    """

    limits: Limits = Limits()
    _timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.limits.header_timeout)

    def handle_events(self) -> None:
        super().handle_events()
        state = self.conn.their_state
        if state is h11.SEND_BODY and self._phase != "body":
            self._arm(self.limits.body_timeout, "body")
        elif state not in (h11.IDLE, h11.SEND_BODY):
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._disarm()   # uvicorn's keep-alive timer bounds the wait for the next request

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    _phase = "head"

    def _arm(self, seconds: float, phase: str = "head") -> None:
        self._disarm()
        self._phase = phase
        self._timer = self.loop.call_later(seconds, self._expire)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expire(self) -> None:
        self._timer = None
        if not self.transport.is_closing():
            self.transport.close()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that name it, and
    # without it every response waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    # Lets a restarted emulator reuse its port while old connections sit in TIME_WAIT;
    # on Linux it never lets two listeners share a port.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise DocverifyError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                             hint="choose another --port, or 0 for a free one") from None
    sock.set_inheritable(True)
    return sock


class RunningEmulator:
    """A started emulator. Use it as a context manager, or call `stop()` yourself."""

    def __init__(self, app: Gateway, sock: socket.socket, limits: Limits = Limits()) -> None:
        self.app = app
        self._socket = sock
        self.host, self.port = sock.getsockname()[:2]
        shown = f"[{self.host}]" if ":" in self.host else self.host
        self.base_url = f"http://{shown}:{self.port}"
        self.api_url = f"{self.base_url}/api/v3"
        self.api_key = app.config.api_key
        protocol = type("TimedH11", (_TimedH11,), {"limits": limits})
        config = uvicorn.Config(_BodyLimit(app, limits.max_body), log_level="warning", lifespan="off",
                                http=protocol, ws="none", timeout_graceful_shutdown=2, access_log=False,
                                limit_concurrency=limits.max_connections)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name=f"docverify-emulator-{self.port}", daemon=True)

    def start(self) -> RunningEmulator:
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise DocverifyError(f"the emulator did not start on {self.base_url}")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Ask uvicorn to finish open responses and close; returns once the port is free."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=STARTUP_TIMEOUT)
        self._socket.close()

    @property
    def received(self) -> tuple[ReceivedRequest, ...]:
        return self.app.state.received

    def reset(self) -> None:
        self.app.state.reset()

    def __enter__(self) -> RunningEmulator:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<RunningEmulator {self.api_url}>"


def serve(host: str = "127.0.0.1", port: int = 0, config: EmulatorConfig | None = None, *,
          allow_remote: bool = False, limits: Limits = Limits()) -> RunningEmulator:
    """Start an emulator now; port 0 picks a free port (read it from `.port` / `.base_url`)."""
    if not allow_remote and not is_loopback(host):
        raise ConfigError(f"refusing to serve the emulator on non-loopback host {host!r}",
                          hint="use 127.0.0.1, or pass allow_remote (--allow-remote) on purpose")
    return RunningEmulator(create_app(config), _bind(host, port), limits).start()
