"""The fast YAML reader against PyYAML on cassettes vcrpy itself records from a loopback server."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import vcr
import yaml

from docverify.traffic import yamlread
from docverify.traffic.cassette import load_cassette

# Header values PyYAML writes plain or quoted by YAML 1.1 rules a YAML 1.2 reader reads otherwise.
TRICKY = {"X-Bool": "yes", "X-Off": "off", "X-Exp": "1e3", "X-Octal": "0o17", "X-Sexagesimal": "12:30:45",
          "X-Null": "null", "X-Tilde": "~", "X-Date": "2024-01-01", "X-Float": "1_000.5", "X-Hex": "0x1F",
          "X-Colon": "a: b", "X-Hash": "a #b", "X-Quote": "it's \"quoted\"", "X-Lead": "-dash",
          "X-Star": "*star", "X-Amp": "&amp", "X-Bang": "!bang", "X-Pct": "%pct", "X-Brace": "{x}",
          "X-Long": "word " * 40 + "end", "X-Unicode": "caf%C3%A9", "X-Empty": "", "X-Merge": "<<"}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.do_GET()

    def do_GET(self) -> None:
        kind = self.path.strip("/").split("?")[0]
        headers = dict(TRICKY) if kind != "plain" else {"Server": "loopback", "X-Count": "217"}
        if kind == "gzip":
            body = gzip.compress(json.dumps({"text": "压缩的回答 " * 50}, ensure_ascii=False).encode())
            headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
        elif kind == "binary":
            body = bytes(range(256)) * 8 + os.urandom(512)
            headers["Content-Type"] = "application/octet-stream"
        else:
            body = json.dumps({"model": "doubao", "choices": [{"message": {"content": (
                "Ёлка, ёжик, 模型服务, مرحبا, नमस्ते, 🙂, tab\tand\u2028line sep, \x85 nel, "
                "trailing space ")}}]}, ensure_ascii=kind == "ascii").encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        self.send_response(200 if kind != "missing" else 404)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _record(path: Path, base: str, repeat: int = 1,
            kinds: tuple[str, ...] = ("unicode", "ascii", "gzip", "binary", "missing")) -> Path:
    """A cassette vcrpy writes itself, from httpx and http.client traffic."""
    with vcr.use_cassette(str(path), record_mode="all"):
        for n in range(repeat):
            with httpx.Client() as client:
                for kind in kinds:
                    client.post(f"{base}/{kind}?n={n}", json={"q": "常见的十字花科植物有哪些？", "n": n},
                                headers={"Authorization": "Bearer ${ARK_API_KEY}",
                                         **(TRICKY if kind != "plain" else {})})
            if "gzip" not in kinds:
                continue
            host, port = base.removeprefix("http://").split(":")
            conn = http.client.HTTPConnection(host, int(port))
            conn.request("GET", f"/gzip?n={n}", headers={"Accept-Encoding": "gzip", "X-Latin": "café"})
            conn.getresponse().read()
            conn.close()
    return path


def _reference(text: str) -> object:
    return yaml.load(text, Loader=yaml.SafeLoader)   # noqa: S506 -- the safe loader


@pytest.fixture(scope="module")
def cassettes(server: str, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("vcrpy")
    return [_record(folder / "one.yaml", server), _record(folder / "many.yaml", server, repeat=5),
            _record(folder / "text.yaml", server, repeat=3, kinds=("plain",))]


def test_vcrpy_wrote_block_yaml_with_the_shapes_we_meant(cassettes: list[Path]) -> None:
    text = cassettes[0].read_text(encoding="utf-8")
    assert not text.lstrip().startswith("{")        # block style, not our JSON
    assert "!!binary" in text and "\\u" in text     # binary bodies and escaped unicode
    assert "X-Sexagesimal" in text


def test_fast_reader_gives_pyyaml_s_document(cassettes: list[Path]) -> None:
    assert yamlread.available()
    for path in cassettes:
        text = path.read_text(encoding="utf-8")
        assert yamlread.load(text) == _reference(text), path.name


def test_both_routes_of_the_fast_reader_are_taken(cassettes: list[Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Tagged cassettes (`!!binary`) and ones whose strings PyYAML would type unquoted ("yes")
    are walked; the others go through rapidyaml's JSON."""
    routes: list[str] = []
    real = yamlread._via_json

    def spy(tree: object) -> object:
        routes.append("json")
        return real(tree)
    monkeypatch.setattr(yamlread, "_via_json", spy)
    for path in cassettes:
        routes.append(path.name)
        yamlread.load(path.read_text(encoding="utf-8"))
    assert routes == ["one.yaml", "many.yaml", "text.yaml", "json"]


def test_load_cassette_is_the_same_through_either_reader(cassettes: list[Path],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [load_cassette(path) for path in cassettes]

    def refuse(text: str) -> object:
        raise yamlread.Unsupported("forced")
    monkeypatch.setattr(yamlread, "load", refuse)
    slow = [load_cassette(path) for path in cassettes]
    assert fast == slow
    assert len(fast[1].interactions) == 30 and len(fast[2].interactions) == 3
    response = fast[0].interactions[0].response
    assert [response.header(name) for name in ("X-Bool", "X-Exp", "X-Sexagesimal", "X-Octal")] == \
        ["yes", "1e3", "12:30:45", "0o17"]


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",                      # aliases: PyYAML's (and its safety rules') job
    "a: {<<: {b: 1}}\n",                     # merge key
    "when: 2024-01-01\n",                    # a timestamp
    "a: !!python/tuple [1, 2]\n",            # a Python tag
    "--- 1\n--- 2\n",                        # two documents
])
def test_what_it_does_not_read_like_pyyaml_goes_to_pyyaml(text: str) -> None:
    with pytest.raises(yamlread.Unsupported):
        yamlread.load(text)


@pytest.mark.parametrize("value", ["yes", "No", "on", "~", "", "1e3", "1.5e3", "0o17", "0x1F", "017", "1_000",
                                   "12:30:45", "-.inf", ".NaN", "+12", "'", "\"", "a\\b", "\x85", "\u2028",
                                   "é" * 100, "line\nbreak", " lead", "trail ", "\t", "# not a comment",
                                   "- not a list", "? key", "@at", "`tick"])
def test_scalars_resolve_like_pyyaml(value: str) -> None:
    for dumper in (yaml.SafeDumper, getattr(yaml, "CDumper", yaml.Dumper)):
        for unicode in (True, False):
            text = yaml.dump({"k": [value, {value: value}]}, Dumper=dumper, allow_unicode=unicode)
            if value and not value.isspace():
                plain = yaml.dump({"k": value}, Dumper=dumper).replace("'", "")
                for doc in (text, plain):
                    try:
                        expected = _reference(doc)
                    except yaml.YAMLError:
                        continue
                    try:
                        assert yamlread.load(doc) == expected, doc
                    except yamlread.Unsupported:
                        pass
            if any(c in text for c in "\x85\u2028\u2029"):   # YAML 1.1-only line breaks, raw
                with pytest.raises(yamlread.Unsupported):
                    yamlread.load(text)
            else:
                assert yamlread.load(text) == _reference(text), text


@pytest.mark.parametrize("text", ["", "  \n", "x: [1,\n", "a: b: c\n"])
def test_broken_or_empty_text_goes_to_pyyaml_quietly(text: str, capfd: pytest.CaptureFixture[str]) -> None:
    """rapidyaml prints its parse errors to stderr itself: they must not reach the user."""
    with pytest.raises(yamlread.Unsupported):
        yamlread.load(text)
    assert capfd.readouterr().err == ""
