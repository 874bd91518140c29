"""A key never reaches a terminal, a log, a report or a file: hostile keys, pages and servers."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.replay.echo_server import ECHOES, echo_server

from docverify import cli
from docverify.errors import SecretLeakError
from docverify.traffic.cassette import (Cassette, Interaction, RecordedRequest, RecordedResponse,
                                        dump_cassette, render)
from docverify.traffic.replay import masked
from docverify.credentials import is_secret_name
from docverify.traffic.scrub import REDACTED, assert_clean, mask_request, scrub_interaction

KEY = "0f3c2a9e-5b7d-4e21-9c3a-7d8e6f1a2b3c"
CHAT = "/api/v3/chat/completions"

# Where the page puts $ARK_API_KEY (curl arguments after the URL, or a query on it).
PLACEMENTS = {
    "header": ('', ['-H "Authorization: Bearer $ARK_API_KEY"']),
    "custom-header": ('', ['-H "X-Auth-Token: $ARK_API_KEY"']),
    "query": ('?access_key=${ARK_API_KEY}&AccessKeySecret=${ARK_API_KEY}', []),
    "form": ('', ['-d "token=$ARK_API_KEY&x=1"']),
    "json-deep": ('', ['-H "Content-Type: application/json"',
                       '-d \'{"a": {"b": [{"apiKey": "\'"$ARK_API_KEY"\'", "c": "\'"$ARK_API_KEY"\'"}]}}\'']),
    "basic": ('', ['-u "user:${ARK_API_KEY}"']),
}


def make_site(root: Path, base: str, placement: str) -> Path:
    query, args = PLACEMENTS[placement]
    lines = [f'curl "{base}{CHAT}{query}"'] + args
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\n", encoding="utf-8")
    (root / "docs" / "guide.md").write_text(
        f"# Guide\n\nThe API lives at `{base}/api/v3`.\n\n```bash\n" + " \\\n  ".join(lines) + "\n```\n",
        encoding="utf-8")
    return root


def forms(key: str) -> set[str]:
    """Ways the key's bytes could show in a file or on a terminal."""
    out = {key, key.strip(), json.dumps(key)[1:-1], json.dumps(key, ensure_ascii=False)[1:-1],
           quote(key, safe=""), repr(key)[1:-1]}
    return {f for f in out if len(f) >= 8}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


def files_text(root: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*"))
                     if p.is_file() and p.suffix in (".yaml", ".json", ".txt", ".md"))


def record_and_check(root: Path, key: str, placement: str, echo: str,
                     monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """Everything `record` then `check` showed or wrote, as one text."""
    monkeypatch.setenv("ARK_API_KEY", key)
    monkeypatch.chdir(root)
    with echo_server(key, echo) as base:
        make_site(root, base, placement)
        _, recorded = run(["record", "--target", "live", "--allow-host", "127.0.0.1", "--retries", "0",
                           "--timeout", "5"], capsys)
    _, checked = run(["check", "--format", "json", "--output", "report.json"], capsys)
    _, shown = run(["check"], capsys)
    seen = "\n".join([recorded, checked, shown, files_text(root)])
    # the text as a reader of each file would decode it: \u escapes undone
    return seen + "\n" + re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), seen)


# ---------------------------------------------------------------- record: echoes and odd keys


@pytest.mark.parametrize("echo", ECHOES)
def test_a_key_echoed_by_the_server_reaches_no_file_and_no_output(
        echo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    seen = record_and_check(tmp_path, KEY, "header", echo, monkeypatch, capsys)
    assert not [f for f in forms(KEY) if f.lower() in seen.lower()], seen
    assert KEY.encode().hex() not in seen
    if echo == "refused":
        assert "Incorrect API key provided: ${ARK_API_KEY}" in seen   # the reason, without the key


def test_a_key_ending_in_a_carriage_return_is_never_printed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    key = "sk-windows-0123456789abcdefGHIJ\r"
    seen = record_and_check(tmp_path, key, "header", "plain", monkeypatch, capsys)
    assert "0123456789abcdefGHIJ" not in seen, seen
    assert "failed 0" in seen     # a key file's line end is not part of the key


def test_a_key_no_header_can_carry_is_one_clear_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    key = "clé-secrète-0123456789\nabcdef"
    seen = record_and_check(tmp_path, key, "header", "plain", monkeypatch, capsys)
    assert "a character an HTTP header cannot carry" in seen
    assert "0123456789" not in seen and "Illegal header" not in seen and "Traceback" not in seen


@pytest.mark.parametrize("placement", ["query", "basic"])
def test_the_key_is_substituted_in_a_query_and_in_basic_auth(
        placement: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import base64
    from http.server import BaseHTTPRequestHandler  # noqa: F401 - the echo server's kind
    received: list[str] = []
    from tests.replay import echo_server as module
    original = module._answer

    def spy(key: str, echo: str) -> tuple[int, str, str]:
        return original(key, echo)
    monkeypatch.setattr(module, "_answer", spy)
    monkeypatch.setenv("ARK_API_KEY", KEY)
    monkeypatch.chdir(tmp_path)
    # The request the server got is rebuilt from the cassette-free side: a tiny recorder.
    from docverify.traffic.record import Target, filled_request
    from docverify.traffic.replay import documented_request
    query, args = PLACEMENTS[placement]
    request = filled_request(documented_request(
        " ".join([f'curl "https://ark.cn-beijing.volces.com{CHAT}{query}"'] + args)), Target("live", KEY))
    received.append(str(request.url))
    received.append(base64.b64decode(request.headers.get("authorization", "Basic ")[6:] or b"").decode())
    assert any(KEY in r for r in received), received
    assert not any("${ARK_API_KEY}" in r or "%24%7BARK" in r for r in received)


def test_a_non_ascii_header_and_a_stale_content_length_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ARK_API_KEY", KEY)
    monkeypatch.chdir(tmp_path)
    with echo_server(KEY, "plain") as base:
        make_site(tmp_path, base, "header")
        page = tmp_path / "docs" / "guide.md"
        page.write_text(page.read_text(encoding="utf-8").replace(
            '-H "Authorization', "-H 'X-Title: Chérie 中文' \\\n  -H 'Content-Length: 17' \\\n  "
            "-d '{\"k\": \"$ARK_API_KEY\"}' \\\n  -H \"Authorization"), encoding="utf-8")
        code, seen = run(["record", "--target", "live", "--allow-host", "127.0.0.1", "--retries", "0"], capsys)
    assert code == 0 and "recorded 1" in seen and "Traceback" not in seen, seen


# ---------------------------------------------------------------- credentials written in a page


def test_credentials_written_literally_are_redacted_by_name_and_shape() -> None:
    secret = "hunter2-Zq8xP0wLm"
    body = json.dumps({"model": "m", "api_key": secret, "max_tokens": 10,
                       "deep": [{"nested": {"secret": secret, "clientSecret": secret}}],
                       "messages": [{"role": "user", "content": "use sk-proj-Ab3dE5gH7jK9mN1pQ3sT5vX7 now"}]})
    request = RecordedRequest("POST", f"https://x.test{CHAT}?access_key={secret}&AccessKeySecret={secret}&n=1",
                              body, (("X-Auth-Token", secret), ("api_key", secret), ("Content-Type", "application/json"),
                                     ("Authorization", "Bearer ${ARK_API_KEY}")))
    form = RecordedRequest("POST", f"https://x.test{CHAT}", f"token={secret}&PASSWORD={secret}&x=1",
                           (("Content-Type", "application/x-www-form-urlencoded"),))
    clean = [scrub_interaction(Interaction(r, RecordedResponse(200, "OK", (), "{}")), {}) for r in (request, form)]
    text = render(clean, {})
    assert secret not in text and "sk-proj-Ab3dE5" not in text
    assert json.loads(clean[0].request.body or "")["max_tokens"] == 10
    assert dict(clean[0].request.headers)["Authorization"] == "Bearer ${ARK_API_KEY}"
    assert "n=1" in clean[0].request.uri and "x=1" in (clean[1].request.body or "")


@pytest.mark.parametrize("name, secret", [("api_key", True), ("apiKey", True), ("X-Auth-Token", True),
                                          ("AccessKeySecret", True), ("access_key", True), ("PassWord", True),
                                          ("client-credential", True), ("max_tokens", False),
                                          ("monkey", False), ("model", False), ("author", False)])
def test_secret_names_in_any_case_and_separator(name: str, secret: bool) -> None:
    assert is_secret_name(name) is secret


def test_request_drift_never_prints_a_literal_credential() -> None:
    recorded = RecordedRequest("POST", f"https://x.test{CHAT}", json.dumps({"model": "a", "api_key": "old-Secret-Value-123"}),
                               (("Content-Type", "application/json"),))
    cassette = masked(Cassette("c.yaml", {}, (Interaction(recorded, RecordedResponse(200)),)))
    page = mask_request(RecordedRequest("POST", f"https://x.test{CHAT}",
                                        json.dumps({"model": "b", "api_key": "new-Secret-Value-456"}),
                                        (("Content-Type", "application/json"),)))
    miss = cassette.find(page)
    assert not isinstance(miss, Interaction)
    text = miss.explain()
    assert "body.model" in text and "Secret-Value" not in text


# ---------------------------------------------------------------- the final scan


@pytest.mark.parametrize("leftover", ["escaped", "hex", "upper", "chunked"])
def test_the_final_scan_catches_encoded_and_split_keys(leftover: str) -> None:
    key = "k3y-0123456789abcdefXYZ"
    half = len(key) // 2
    text = {"escaped": "".join(f"\\u{ord(c):04x}" for c in key), "hex": key.encode().hex().upper(),
            "upper": key.upper(),
            "chunked": f'data: {{"c": "{key[:half]}"}}\n\ndata: {{"c": "{key[half:]}"}}\n\n'}[leftover]
    with pytest.raises(SecretLeakError):
        assert_clean(json.dumps({"body": {"string": text}}) + "\n", {"ARK_API_KEY": key})


# ---------------------------------------------------------------- check scans cassettes


@pytest.mark.parametrize("leak", [f"Bearer {KEY}", "sk-proj-Ab3dE5gH7jK9mN1pQ3sT5vX7yZ"])
def test_check_scans_cassettes_for_keys(leak: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    make_site(tmp_path, "https://ark.cn-beijing.volces.com", "header")
    request = RecordedRequest("POST", f"https://ark.cn-beijing.volces.com{CHAT}", None,
                              (("Authorization", leak),))
    dump_cassette(tmp_path / "tests/cassettes/guide.0.yaml",
                  [Interaction(request, RecordedResponse(200, "OK", (), "{}"))], {})
    code, seen = run(["check", "--format", "json"], capsys)
    leaks = [f for f in json.loads(seen)["findings"] if f["check"] == "secret.leak"]
    assert code == 1 and leaks and leaks[0]["path"].endswith("guide.0.yaml") and leaks[0]["line"] > 1
    assert leak not in seen


def test_every_message_leaving_the_process_is_scrubbed(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ARK_API_KEY", KEY)
    code, seen = run(["curl", f"curl https://x.test/v1 -H 'Authorization: Bearer {KEY}'"], capsys)
    assert KEY not in seen and "${ARK_API_KEY}" in seen


# ---------------------------------------------------------------- the property


KEYS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), min_size=16, max_size=40)
SPICE = st.sampled_from(["", "\r", "\n", "\r\n", "é", "中文", " "])


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=KEYS, spice=SPICE, at=st.integers(0, 40), placement=st.sampled_from(sorted(PLACEMENTS)),
       echo=st.sampled_from(ECHOES))
def test_no_key_reaches_a_cassette_a_report_or_the_terminal(
        body: str, spice: str, at: int, placement: str, echo: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    key = body[:at] + spice + body[at:]
    if len(set(key.strip())) < 8:
        return   # a key of few distinct characters could occur by chance
    with tempfile.TemporaryDirectory() as tmp, monkeypatch.context() as patch:
        seen = record_and_check(Path(tmp), key, placement, echo, patch, capsys)
    leaked = [f for f in forms(key) if f in seen]
    assert not leaked, (leaked, seen[:3000])
