"""Differential tests: the real bash and curl run each case against a loopback recorder, and what
arrives (method, path, query, headers, body) must be what the parser says the command sends.

Only 127.0.0.1 is ever contacted: every URL host is rewritten to the recorder, the text is
refused unless no other host name is left in it, proxies are removed from the environment and
curl's config files are kept out (HOME and CURL_HOME point at an empty folder).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from .curlcases import Case, load_cases

from docverify.curl import forms, parse_curl, to_httpx
from docverify.curl.convert import fill
from docverify.curl.damage import repair
from docverify.curl.parse import curl_arguments

pytestmark = pytest.mark.skipif(not (shutil.which("curl") and shutil.which("bash")),
                                reason="needs the real curl and bash")

CASES = [c for c in load_cases() if not c.spec["differential"].startswith("skip")]
RUNNABLE = [c for c in CASES if c.spec["differential"] != "curl-rejects"]
_SCHEME_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?")
_HOSTNAME = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|cn|io|dev)\b")
_BOUNDARY = re.compile(r"boundary=(-+[0-9a-f]+)")
_PROMPT = re.compile(r"^\$ ", re.MULTILINE)   # the reader copies the command, not the prompt
_DEFAULTS = {("user-agent", "curl/7.88.1"), ("accept", "*/*")}
_TRANSPORT = {"host", "content-length", "expect"}


def _env(case: Case, port: int, home: Path) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
           "CURL_HOME": str(home), "LANG": "C.UTF-8", "ARK_API_KEY": "test-key"}
    env.update({k: v.format(port=port) for k, v in case.spec.get("env", {}).items()})
    return env


def _local_text(case: Case, port: int) -> str:
    """The case's command aimed at the recorder (and repaired, for damage cases)."""
    text = _PROMPT.sub("", case.command)
    if case.spec["differential"] == "repaired":
        text = repair(text)[0]
    text = _SCHEME_URL.sub(f"http://127.0.0.1:{port}", text)
    for old, new in case.spec.get("rewrite", []):
        text = text.replace(old, new.format(port=port))
    assert not _HOSTNAME.search(text), f"refusing to run: a host name is left in {text!r}"
    hosts = {m.group() for m in _SCHEME_URL.finditer(text)}
    assert hosts <= {f"http://127.0.0.1:{port}"}, hosts
    return text


def _run(text: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["bash", "-c", text], env=env, cwd=cwd, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=20, check=False)


def _header_text(value: str) -> str:
    try:    # http.server decodes header bytes as latin-1
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


@pytest.mark.parametrize("case", RUNNABLE, ids=str)
def test_curl_sends_what_the_parse_says(case: Case, recorder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = _local_text(case, recorder.port)
    env = _env(case, recorder.port, tmp_path)
    req = parse_curl(text)
    assert urlsplit(fill(req.url, env)).hostname == "127.0.0.1"
    result = _run(text, env, tmp_path)
    assert recorder.requests, f"nothing arrived; curl said {result.stderr.decode()[-400:]}"
    got = recorder.requests[0]
    expected = to_httpx(req, env)

    url = urlsplit(fill(req.url, env))
    assert got.method == req.method
    assert got.target == (url.path or "/") + (f"?{url.query}" if url.query else "")

    body = got.body
    received = []
    for name, value in got.headers:
        value = _header_text(value)
        match = _BOUNDARY.search(value)
        if match:   # curl's random boundary becomes the parser's fixed one
            body = body.replace(match.group(1).encode(), forms.BOUNDARY.encode())
            value = value.replace(match.group(1), forms.BOUNDARY)
        received.append((name.lower(), value))
    wanted = sorted((k.decode().lower(), v.decode()) for k, v in expected.headers.raw
                    if k.decode().lower() not in _TRANSPORT)
    named = {name for name, _ in wanted}
    received = sorted(h for h in received if h[0] not in _TRANSPORT
                      and not (h in _DEFAULTS and h[0] not in named))
    assert received == wanted
    assert body == expected.content


@pytest.mark.parametrize("case", [c for c in CASES if c.spec["differential"] == "curl-rejects"],
                         ids=str)
def test_curl_rejects_what_the_parser_rejects(case: Case, recorder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = _local_text(case, recorder.port)
    result = _run(text, _env(case, recorder.port, tmp_path), tmp_path)
    assert result.returncode != 0
    assert recorder.requests == []


_ARGV = 'curl() { printf "%s\\0" "$@" > "$ARGV_FILE"; }\n'


def _bash_argv(text: str, env: dict[str, str], tmp_path: Path) -> list[str] | None:
    """The words bash hands to `curl`, caught by a shell function: curl itself never runs."""
    argv_file = tmp_path / "argv"
    argv_file.unlink(missing_ok=True)
    _run(_ARGV + text, {**env, "ARGV_FILE": str(argv_file)}, tmp_path)
    if not argv_file.exists():
        return None
    return argv_file.read_bytes().decode("utf-8").split("\0")[:-1]


@pytest.mark.parametrize("case", [c for c in RUNNABLE if c.spec["differential"] == "same"],
                         ids=str)
def test_bash_splits_words_as_the_parser_does(case: Case, tmp_path: Path) -> None:
    env = _env(case, 1, tmp_path)
    words = [fill(w, env) for w in curl_arguments(case.command)]
    assert _bash_argv(_PROMPT.sub("", case.command), env, tmp_path) == words


@pytest.mark.parametrize("case", [c for c in CASES if c.spec["differential"] == "repaired"],
                         ids=str)
def test_damage_changes_what_bash_runs(case: Case, tmp_path: Path) -> None:
    """The damaged text really runs differently: bash splits the repaired text as the parser
    does, and the damaged one otherwise (or not into a curl command at all)."""
    env = _env(case, 1, tmp_path)
    repaired = repair(case.command)[0]
    words = [fill(w, env) for w in curl_arguments(case.command)]
    assert _bash_argv(repaired, env, tmp_path) == words
    assert _bash_argv(case.command, env, tmp_path) != words
