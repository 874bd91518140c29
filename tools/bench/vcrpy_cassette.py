"""A cassette written by vcrpy itself: chat completions recorded from a loopback server (bench helper)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import vcr

# What an Ark-like gateway sends back: every transport header a real response carries.
_HEADERS = {
    "Content-Type": "application/json; charset=utf-8", "Connection": "keep-alive",
    "Vary": "Accept-Encoding", "X-Client-Request-Id": "unknown-20250709-1752039167",
    "X-Request-Id": "0217520391664839c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c", "Server": "istio-envoy",
    "X-Envoy-Upstream-Service-Time": "1183", "Strict-Transport-Security": "max-age=31536000",
    "Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache, no-store",
    "Date": "Wed, 09 Jul 2025 05:32:47 GMT", "X-Ratelimit-Remaining-Requests": "29999",
    "X-Ratelimit-Remaining-Tokens": "4999930", "X-Ratelimit-Reset-Requests": "2ms",
}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        n = request["messages"][-1]["content"].rsplit("#", 1)[-1]
        body = json.dumps({
            "id": f"0217520391664839{n}", "object": "chat.completion", "created": 1752039167,
            "model": request["model"], "service_tier": "default",
            "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None, "message": {
                "role": "assistant", "content": "十字花科植物有白菜、萝卜、甘蓝、油菜和芥菜。" * 8}}],
            "usage": {"prompt_tokens": 30, "completion_tokens": 160, "total_tokens": 190,
                      "prompt_tokens_details": {"cached_tokens": 0},
                      "completion_tokens_details": {"reasoning_tokens": 0}}}).encode()  # \u escapes
        self.send_response(200)
        for name, value in _HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _post_all(path: Path, url: str, count: int) -> None:
    with vcr.use_cassette(str(path), record_mode="all"), httpx.Client() as client:
        for n in range(count):
            client.post(url, headers={"Authorization": "Bearer ${ARK_API_KEY}"}, json={
                "model": "doubao-1-5-pro-32k-250115", "messages": [
                    {"role": "system", "content": "你是豆包，是由字节跳动开发的 AI 人工智能助手."},
                    {"role": "user", "content": f"常见的十字花科植物有哪些？ #{n}"}]})


def record(path: Path, size: int = 1_000_000) -> int:
    """Record chat completions with vcrpy (through httpx) into `path`, about `size` bytes of
    them; returns how many. vcrpy writes on exit only: a first small cassette gives the size
    of one interaction."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/api/v3/chat/completions"
    try:
        probe = path.with_suffix(".probe.yaml")
        _post_all(probe, url, 20)
        count = max(1, round(size / (probe.stat().st_size / 20)))
        probe.unlink()
        _post_all(path, url, count)
    finally:
        server.shutdown()
        server.server_close()
    return count
