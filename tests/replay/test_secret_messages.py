"""A secret in an exception's text, a skip reason or a URL never reaches a report, a log or a terminal."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

import docverify.checks as checks
import docverify.commands.check as check_command
from docverify import cli
from docverify.errors import ConfigError, DocverifyError
from docverify.integrations.worker import Checker, scrubbed
from docverify.model import Claims, Finding
from docverify.pageset.site import Site
from docverify.traffic.cassette import Interaction, RecordedRequest, RecordedResponse
from docverify.traffic.scrub import REDACTED, scrub_interaction, scrub_outgoing

# A value planted in a variable named like a credential, and a key shape nobody planted.
VALUE = "Zq8xP0wLmT4vR7nB-planted"
SHAPED = "sk-ant-api03-Ab3dE5gH7jK9mN1pQ3sT5vX7yZ"


@pytest.fixture
def planted(monkeypatch: pytest.MonkeyPatch) -> str:
    """`DB_PASS` (a name the CLI's old rule missed) holds VALUE; its marker is returned."""
    monkeypatch.setenv("DB_PASS", VALUE)
    return "${DB_PASS}"


def _leaky(claims: Claims, site: Site) -> Iterator[Finding]:
    raise ValueError(f"header 'X-Api-Key: {VALUE}' refused; also {SHAPED}")
    yield from ()


def _page(root: Path) -> Path:
    (root / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    return root / "a.md"


def test_a_crashing_checks_finding_names_the_secret_not_its_value(
        planted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(checks, "CHECKS", (("static", _leaky), *checks.CHECKS))
    monkeypatch.chdir(tmp_path)
    _page(tmp_path)
    assert cli.main(["check", "a.md", "--format", "json", "--output", "report.json"]) == 1
    text = (tmp_path / "report.json").read_text(encoding="utf-8")
    (crash,) = [f for f in json.loads(text)["findings"] if f["check"] == "check.crashed"]
    assert VALUE not in text and "sk-ant-api03" not in text
    assert f"X-Api-Key: {planted}" in crash["message"] and REDACTED in crash["message"]
    assert "_leaky" in crash["message"] and "ValueError" in crash["message"]
    assert VALUE not in capsys.readouterr().err


def test_the_last_resort_handler_shows_the_traceback_without_the_secret(
        planted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args: object) -> int:
        raise KeyError(f"Authorization: Bearer {VALUE} and {SHAPED}")
    monkeypatch.setattr(check_command, "run", broken)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", str(_page(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert VALUE not in err and "sk-ant-api03" not in err
    assert "Traceback" in err and "in broken" in err          # still a useful bug report
    assert f"error: docverify crashed (KeyError: 'Authorization: Bearer {planted} and {REDACTED}')" in err
    assert err.rstrip().endswith("hint: report this as a docverify bug, with the traceback above")



def test_an_error_line_quoting_a_url_shows_no_credential(capsys: pytest.CaptureFixture[str]) -> None:
    literal = "Lm4kQ9zX2wR7"      # a credential by its name only: no environment, no key shape
    url = f"http://10.0.0.5:8123/?access_token={literal}"
    assert cli.main(["record", "--target", "emulator", "--emulator-url", url]) == 2
    err = capsys.readouterr().err
    assert literal not in err and f"access_token={REDACTED}" in err and err.startswith("error: --emulator-url")

def test_a_crash_whose_text_cannot_be_read_is_still_one_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no text")

    def broken(args: object) -> int:
        raise Unprintable()
    monkeypatch.setattr(check_command, "run", broken)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", str(_page(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert "error: docverify crashed (Unprintable; its message is withheld)" in err


def test_a_skip_reason_quoting_a_url_is_scrubbed(planted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\n", encoding="utf-8")
    literal = "Lm4kQ9zX2wR7"      # written on the page under a credential's name: no env, no key shape
    (tmp_path / "docs" / "guide.md").write_text(
        "# Guide\n\n```bash\ncurl \"https://api.openai.com/v1/{tenant}/chat/completions"
        f"?api_key={literal}&t={VALUE}\" -d '{{\"model\": \"m\"}}'\n```\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["record", "--target", "emulator", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "skipped 1" in out and "has a placeholder ({tenant}) after a real host" in out
    assert literal not in out and VALUE not in out
    assert f"api_key={REDACTED}&t={planted}" in out


def test_the_workers_error_reaches_the_build_scrubbed(planted: str, tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\ndocs_dir: {VALUE}\n", encoding="utf-8")
    for background in (True, False):      # the worker process, and in the build's own process
        checker = Checker(background=background)
        try:
            with pytest.raises(DocverifyError) as caught:
                checker.submit(str(tmp_path / "mkdocs.yml"))
                checker.result()
        finally:
            checker.close()
        assert VALUE not in str(caught.value) and f"{tmp_path}/{planted}" in str(caught.value), background


def test_an_exception_is_scrubbed_in_every_string_it_carries(planted: str) -> None:
    error = ConfigError(f"bad {VALUE}", path="mkdocs.yml", hint=f"unset {VALUE}")
    error.add_note(f"note {SHAPED}")
    clean = scrubbed(error)
    assert isinstance(clean, ConfigError) and clean.path == "mkdocs.yml" and error.message == f"bad {VALUE}"
    assert (clean.message, clean.hint, clean.args) == (f"bad {planted}", f"unset {planted}", (f"bad {planted}",))
    assert clean.__notes__ == [f"note {REDACTED}"]
    assert VALUE not in repr(pickle.loads(pickle.dumps(clean)).__dict__)
    # An argument that is no string still shows in the text: then only the scrubbed text goes.
    opaque = scrubbed(LookupError({"api_key": VALUE}))
    assert type(opaque) is RuntimeError and VALUE not in str(opaque) and str(opaque).startswith("LookupError: ")


def test_a_quoted_url_loses_its_credentials_but_nothing_else() -> None:
    text = scrub_outgoing("GET https://me:pw12345678@h.test/v1?token=abc12345&n=1&max_tokens=5 failed",
                          environ={})
    assert text == f"GET https://{REDACTED}@h.test/v1?token={REDACTED}&n=1&max_tokens=5 failed"
    assert scrub_outgoing("see http://[::1 and https://h.test/{tenant}?key=${ARK_API_KEY}", environ={}) == \
        "see http://[::1 and https://h.test/{tenant}?key=${ARK_API_KEY}"


def test_usage_counts_stay_and_cookies_go_in_a_recorded_exchange() -> None:
    usage = {"prompt_tokens": 9, "completion_tokens": 12, "total_tokens": 21, "token_count": 3}
    request = RecordedRequest("POST", "https://x.test/v1/messages?max_tokens=5",
                              json.dumps({"model": "m", "max_tokens": 64, "tokenizer": "cl100k"}),
                              (("Cookie", "session=Hq2Jk9Lp0Zx7Vb3N"), ("anthropic-version", "2023-06-01"),
                               ("Content-Type", "application/json")))
    response = RecordedResponse(200, "OK", (("Set-Cookie", "session=Hq2Jk9Lp0Zx7Vb3N; Path=/"),),
                                json.dumps({"usage": usage, "token_type": "bearer"}))
    clean = scrub_interaction(Interaction(request, response), {})
    headers = dict(clean.request.headers)
    assert headers["Cookie"] == REDACTED and dict(clean.response.headers)["Set-Cookie"] == REDACTED
    assert headers["anthropic-version"] == "2023-06-01" and clean.request.uri.endswith("?max_tokens=5")
    assert json.loads(clean.request.body or "") == {"model": "m", "max_tokens": 64, "tokenizer": "cl100k"}
    assert json.loads(clean.response.body) == {"usage": usage, "token_type": "bearer"}


def test_the_pytest_plugins_error_text_is_scrubbed(planted: str) -> None:
    from docverify.errors import InputError
    from docverify.integrations.pytest_plugin import _error_text
    text = _error_text(InputError(f"cannot read https://h.test/?key={VALUE}", hint=f"unset {VALUE}"))
    assert VALUE not in text and text == f"error: cannot read https://h.test/?key={planted}\nhint: unset {planted}"


def test_the_mkdocs_plugins_config_error_is_scrubbed(planted: str, tmp_path: Path) -> None:
    from mkdocs.config.base import ValidationError

    from docverify.integrations.mkdocs_plugin import DocverifyConfig, start_check

    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\nplugins:\n  - i18n:\n      docs_structure: {VALUE}\n      languages:\n"
                      "        - locale: en\n          default: true\n        - locale: zh\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        start_check(None, str(config), DocverifyConfig())
    assert VALUE not in str(caught.value) and planted in str(caught.value)
