"""A loopback API that echoes the caller's key back, the ways careless or hostile servers do."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# How the key comes back: in a JSON field, \u-escaped, upper-cased, hex-encoded, split across
# two SSE chunks, or in a 401 body as OpenAI-style APIs word it.
ECHOES = ("plain", "escaped", "upper", "hex", "chunked", "refused")


def _answer(key: str, echo: str) -> tuple[int, str, str]:
    if echo == "refused":
        return 401, "application/json", json.dumps(
            {"error": {"message": f"Incorrect API key provided: {key}", "code": "invalid_api_key"}})
    if echo == "chunked":
        half = len(key) // 2
        chunks = [{"choices": [{"delta": {"content": part}}]} for part in (key[:half], key[half:])]
        return 200, "text/event-stream", "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + \
            "data: [DONE]\n\n"
    shown = {"plain": json.dumps(key), "upper": json.dumps(key.upper()),
             "hex": json.dumps(key.encode("utf-8").hex()),
             "escaped": '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else json.dumps(c)[1:-1]
                                      for c in key) + '"'}[echo]
    return 200, "application/json", '{"id": "x", "echo": ' + shown + "}"


@contextmanager
def echo_server(key: str, echo: str) -> Iterator[str]:
    """Serve on 127.0.0.1; yields the base URL. Every request is answered with the echo."""
    class Handler(BaseHTTPRequestHandler):
        def _reply(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            status, media, body = _answer(key, echo)
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _reply

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
