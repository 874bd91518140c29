"""An OpenAI-compatible gateway's docs (zh source, en and ja translating the placeholder host), recorded
by a real `docverify record --target emulator` run into real cassettes, then checked: 0 findings but the
one route the emulator does not have, which record lists as skipped and check as replay.missing (warning)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import vcr

from docverify import cli
from docverify.emulator import RunningEmulator
from docverify.emulator.testing import start_emulator

SITE = Path(__file__).parent / "site"
RERANK_LINE = 278
LANGS = ("en", "ja", "zh")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    return code, capsys.readouterr().out


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("NEWAPI_API_KEY", raising=False)
    return root


@pytest.fixture
def emulator() -> Iterator[RunningEmulator]:
    with start_emulator(deterministic=True) as emu:
        yield emu


def test_recorded_against_the_emulator_then_checked_clean(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["record", "--target", "emulator"], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[0] == "recorded 39, unchanged 0, skipped 3, failed 0", out
    assert sorted(lines[1:]) == [f"  skipped docs/api/chat.{lang}.md:{RERANK_LINE} #13: the emulator has no route "
                                 "for POST /v1/rerank (record it with --target live)" for lang in LANGS]
    cassettes = sorted((site / "tests" / "cassettes" / "api").glob("*.yaml"))
    assert len(cassettes) == 39
    for path in cassettes:   # the placeholder host is one base in every language; no key on disk
        text = path.read_text(encoding="utf-8")
        assert '"uri": "https://placeholder.invalid/v1/' in text and "00000000-0000-4000-8000" not in text
    stream = (site / "tests/cassettes/api/chat.ja.2.yaml").read_text(encoding="utf-8")
    assert "chat.completion.chunk" in stream and "data: [DONE]" in stream
    assert "event: message_stop" in (site / "tests/cassettes/api/chat.zh.12.yaml").read_text(encoding="utf-8")
    with vcr.use_cassette(str(site / "tests/cassettes/api/chat.en.1.yaml"), record_mode="none") as cassette:
        assert len(cassette) == 1        # vcrpy reads what record wrote

    code, _ = run(["check", "--format", "json", "--output", "report.json"], capsys)
    report = json.loads((site / "report.json").read_text(encoding="utf-8"))
    found = sorted((f["check"], f["severity"], f["path"], f["line"]) for f in report["findings"])
    assert code == 0 and found == [("replay.missing", "warning", f"docs/api/chat.{lang}.md", RERANK_LINE)
                                   for lang in LANGS], report["findings"]

    code, out = run(["record", "--target", "emulator"], capsys)
    assert code == 0 and out.startswith("recorded 0, unchanged 39, skipped 3, failed 0")


def test_a_changed_example_is_drift_and_a_translated_url_path_is_parity(site: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["record", "--target", "emulator"], capsys)[0] == 0
    page = site / "docs/api/chat.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("your-newapi-server-address/v1/embeddings", "your-newapi-server-address/v1/embedding"),
                    encoding="utf-8")
    run(["check", "--format", "json", "--output", "report.json"], capsys)
    checks = {f["check"] for f in json.loads((site / "report.json").read_text(encoding="utf-8"))["findings"]}
    assert {"replay.missing", "parity.curl"} <= checks   # the path changed: a new request, and not the source's


def test_live_goes_to_the_base_url_with_the_hosts_key_and_fails_on_non_2xx(
        site: Path, emulator: RunningEmulator, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["record", "--target", "live", "--base-url", emulator.base_url, "--allow-host", "127.0.0.1",
                     "--retries", "0"], capsys)
    assert code == 1 and out.splitlines()[0] == "recorded 0, unchanged 0, skipped 0, failed 42", out
    assert "NEWAPI_API_KEY is not set" in out
    monkeypatch.setenv("NEWAPI_API_KEY", emulator.api_key)
    code, out = run(["record", "--target", "live", "--base-url", emulator.base_url, "--allow-host", "127.0.0.1",
                     "--retries", "0"], capsys)
    assert code == 1 and out.splitlines()[0] == "recorded 39, unchanged 0, skipped 0, failed 3", out
    assert out.count("the API answered 404, not 2xx") == 3      # the rerank route: a failure, not a cassette
    assert not list((site / "tests/cassettes/api").glob("*.13.yaml"))
    assert {r.path for r in emulator.received} >= {"/v1/models", "/v1/chat/completions", "/v1/messages"}
    assert all(r.header("authorization") in (None, f"Bearer {emulator.api_key}") for r in emulator.received)


def test_live_without_a_base_url_skips_the_placeholder_host(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEWAPI_API_KEY", "sk-not-sent")
    code, out = run(["record", "docs/api/chat.en.md", "--target", "live"], capsys)
    assert code == 0 and out.splitlines()[0] == "recorded 0, unchanged 0, skipped 14, failed 0", out
    assert "the site names no base URL for it" in out


def test_unrecordable_methods_and_placeholders_are_skipped_with_the_reason(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "docs/extra.md").write_text(
        "# Extra\n\n```bash\ncurl -X DELETE https://your-newapi-server-address/v1/files/file-abc "
        "-H \"Authorization: Bearer $NEWAPI_API_KEY\"\n```\n\n```bash\n"
        "curl https://api.openai.com/v1/deployments/{deployment}/chat/completions -d '{\"model\": \"gpt-4o\"}'\n```\n",
        encoding="utf-8")
    code, out = run(["record", "docs/extra.md", "--target", "emulator"], capsys)
    assert code == 0 and out.splitlines()[0] == "recorded 0, unchanged 0, skipped 2, failed 0", out
    assert "record does not send DELETE requests" in out and "placeholder ({deployment}) after a real host" in out


def test_the_fixture_is_a_site_mkdocs_builds(site: Path) -> None:
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site / "out")],
                          cwd=site, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert (site / "out/ja/api/chat/index.html").is_file() and (site / "out/en/api/chat/index.html").is_file()
