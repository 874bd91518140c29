"""Fixtures for the cURL tests: a loopback HTTP recorder for the real curl to hit."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class Recorded:
    method: str
    target: str
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class Recorder:
    """Every request that reached 127.0.0.1:port, in arrival order."""

    port: int
    requests: list[Recorded] = field(default_factory=list)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # so curl's `Expect: 100-continue` is answered

    def _record(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.recorder.requests.append(   # type: ignore[attr-defined]
            Recorded(self.command, self.path, list(self.headers.items()), body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _record

    def log_message(self, format: str, *args: Any) -> None:   # keep test output clean
        pass


@pytest.fixture()
def recorder() -> Iterator[Recorder]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    rec = Recorder(server.server_address[1])
    server.recorder = rec   # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
