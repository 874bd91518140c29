"""Serve the emulator with uvicorn in a background thread on a loopback port, as a context manager."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from types import TracebackType

import uvicorn

from docverify.emulator.app import create_app
from docverify.emulator.config import EmulatorConfig
from docverify.emulator.gateway import Gateway
from docverify.emulator.state import ReceivedRequest
from docverify.errors import ConfigError, DocverifyError

STARTUP_TIMEOUT = 10.0


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

    def __init__(self, app: Gateway, sock: socket.socket) -> None:
        self.app = app
        self._socket = sock
        self.host, self.port = sock.getsockname()[:2]
        shown = f"[{self.host}]" if ":" in self.host else self.host
        self.base_url = f"http://{shown}:{self.port}"
        self.api_url = f"{self.base_url}/api/v3"
        self.api_key = app.config.api_key
        config = uvicorn.Config(app, log_level="warning", lifespan="off", http="h11",
                                ws="none", timeout_graceful_shutdown=2, access_log=False)
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
          allow_remote: bool = False) -> RunningEmulator:
    """Start an emulator now; port 0 picks a free port (read it from `.port` / `.base_url`)."""
    if not allow_remote and not is_loopback(host):
        raise ConfigError(f"refusing to serve the emulator on non-loopback host {host!r}",
                          hint="use 127.0.0.1, or pass allow_remote (--allow-remote) on purpose")
    return RunningEmulator(create_app(config), _bind(host, port)).start()
