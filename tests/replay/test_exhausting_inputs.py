"""Inputs built to exhaust: each is refused or read in seconds, in a process measured whole.

`check` runs in a subprocess (interpreter start-up included), timed by the wall clock, and
reports its own peak resident size: under 10 s and 500 MB on each input.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import vcr

from docverify.errors import CassetteError
from docverify.model import Curl, Page
from docverify.traffic.cassette import load_cassette
from docverify.traffic.replay import replay_example

CHAT = "/api/v3/chat/completions"
BODY = {"model": "doubao-seed-1-6-250615", "messages": [{"role": "user", "content": "hi"}]}
REPLY = {"id": "c1", "object": "chat.completion", "model": "doubao-seed-1-6-250615", "created": 1,
         "choices": [{"index": 0, "message": {"role": "assistant", "content": "你好"}, "finish_reason": "stop"}]}
# /usr/bin/time reports the peak of the process it starts; the process's own getrusage would
# not do: a child forked from a large pytest worker inherits the worker's high-water mark.
TIME = ["/usr/bin/time", "-f", "maxrss_kb=%M"]


def alias_bomb(last: str) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n" + last + "\n"


def site(root: Path, base: str = "https://ark.cn-beijing.volces.com") -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\n", encoding="utf-8")
    (root / "docs" / "guide.md").write_text(
        f"# Guide\n\nThe API lives at `{base}/api/v3`.\n\n```bash\ncurl {base}{CHAT} \\\n"
        f'  -H "Content-Type: application/json" -H "Authorization: Bearer $ARK_API_KEY" \\\n'
        f"  -d '{json.dumps(BODY)}'\n```\n", encoding="utf-8")
    return root


def measured_check(root: Path) -> tuple[int, dict[str, object], float, int]:
    """(exit code, JSON report, seconds, peak resident KB) of `docverify check` in its own process."""
    start = time.monotonic()
    done = subprocess.run([*TIME, sys.executable, "-m", "docverify", "check", "--format", "json"], cwd=root,
                          capture_output=True, text=True, timeout=60)
    seconds = time.monotonic() - start
    rss = int(done.stderr.rsplit("maxrss_kb=", 1)[1].split()[0])
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout), seconds, rss


def cassette_of(root: Path) -> Path:
    path = root / "tests" / "cassettes" / "guide.0.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def good_cassette(code: str = "200", body: str = "{}") -> str:
    return json.dumps({"version": 1, "interactions": [{
        "request": {"method": "POST", "uri": f"https://ark.cn-beijing.volces.com{CHAT}",
                    "body": json.dumps(BODY), "headers": {"Content-Type": ["application/json"]}},
        "response": {"status": {"code": 0, "message": "OK"}, "headers": {}, "body": {"string": body}}}]}
    ).replace('"code": 0', f'"code": {code}')


UNUSABLE = {
    "alias-bomb-yaml": (alias_bomb("interactions:\n- request: {method: POST, uri: x, body: *a9}\n"
                                   "  response: {status: {code: 200}, body: {string: ''}}"), "YAML alias"),
    "alias-bomb-metadata": (alias_bomb("metadata: *a9\ninteractions: []"), "YAML alias"),
    "json-10000-deep": ('{"interactions": ' + "[" * 10000 + "]" * 10000 + "}", "nested too deeply"),
    "yaml-10000-deep": ("interactions: " + "[" * 10000 + "]" * 10000 + "\n", "nested too deeply|nesting depth"),
    "status-5000-digits": (good_cassette("9" * 5000), "cannot be read"),
    "status-out-of-range": (good_cassette("99999"), "not an HTTP status"),
}


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_an_unusable_cassette_is_replay_missing_with_why_quickly(name: str, tmp_path: Path) -> None:
    text, why = UNUSABLE[name]
    cassette_of(site(tmp_path)).write_text(text, encoding="utf-8")
    with pytest.raises(CassetteError, match=why):
        load_cassette(cassette_of(tmp_path))
    code, report, seconds, rss = measured_check(tmp_path)
    missing = [f for f in report["findings"] if f["check"] == "replay.missing"]   # type: ignore[index,union-attr]
    assert code == 1 and missing and "cassette unusable" in missing[0]["message"] and re.search(why, missing[0]["message"])
    assert not [f for f in report["findings"] if f["check"] == "check.crashed"]   # type: ignore[index,union-attr]
    assert seconds < 10 and rss < 500 * 1024, (seconds, rss)


def test_a_config_alias_bomb_is_one_error_quickly(tmp_path: Path) -> None:
    site(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n" + alias_bomb("plugins: *a9"), encoding="utf-8")
    start = time.monotonic()
    done = subprocess.run([*TIME, sys.executable, "-m", "docverify", "check"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and time.monotonic() - start < 10
    lines = done.stderr.splitlines()
    assert lines[0].startswith("error: ") and "alias" in lines[0] and lines[1].startswith("hint: ")
    assert int(done.stderr.rsplit("maxrss_kb=", 1)[1].split()[0]) < 500 * 1024


def test_ordinary_aliases_in_a_config_still_load(tmp_path: Path) -> None:
    from docverify.site.config import load_config
    site(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nextra: {a: &x [1, 2]}\nplugins:\n  - search: {lang: *x}\n", encoding="utf-8")
    assert load_config(tmp_path / "mkdocs.yml").docs_dir == tmp_path / "docs"


@pytest.mark.parametrize("broken", [False, True])
def test_twenty_thousand_in_page_anchor_links_are_checked_fast(broken: bool, tmp_path: Path) -> None:
    site(tmp_path)
    n = 20_000
    lines = ["# Title", ""] + [f"## Section {i}\n" for i in range(n)]
    lines += [f"See [s{i}](#section-{i}{'-gone' if broken else ''}).\n" for i in range(n)]
    (tmp_path / "docs" / "guide.md").write_text("\n".join(lines), encoding="utf-8")
    code, report, seconds, rss = measured_check(tmp_path)
    anchors = [f for f in report["findings"] if f["check"] == "link.anchor"]   # type: ignore[index,union-attr]
    assert len(anchors) == (n if broken else 0)
    assert seconds < 10 and rss < 500 * 1024, (seconds, rss)


# ---------------------------------------------------------------- vcrpy's own gzip recordings


class _Gzip(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = gzip.compress(json.dumps(REPLY, ensure_ascii=False).encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def gzip_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Gzip)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_gzip_body_vcrpy_wrote_replays_as_the_client_reads_it(gzip_server: str, tmp_path: Path) -> None:
    site(tmp_path, gzip_server)
    path = cassette_of(tmp_path)
    with vcr.use_cassette(str(path), record_mode="all"):
        request = urllib.request.Request(gzip_server + CHAT, data=json.dumps(BODY).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"})
        urllib.request.urlopen(request, timeout=5).read()
    assert "!!binary" in path.read_text(encoding="utf-8")      # vcrpy kept the compressed bytes
    loaded = load_cassette(path).interactions[0].response
    assert json.loads(loaded.body) == REPLY and loaded.header("content-encoding") is None
    page = Page(path=str(tmp_path / "docs" / "guide.md"), rel="guide.md", lang="", source="")
    text = (tmp_path / "docs" / "guide.md").read_text(encoding="utf-8")
    curl = Curl(text=text.split("```bash\n")[1].split("```")[0], line=5, index=0)
    outcome = replay_example(curl, page, tmp_path / "tests" / "cassettes")
    assert outcome.interaction is not None, outcome
    code, report, seconds, _ = measured_check(tmp_path)
    assert not [f for f in report["findings"] if f["check"] in ("replay.missing", "check.crashed")], report   # type: ignore[index,union-attr]
