"""`docverify curl`: the JSON contract, the text format, and one `error:` line for bad input."""

from __future__ import annotations

import io
import json

import pytest

from docverify.cli import main


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["curl", "--format", "json",
                 "curl https://h/v3/chat -H 'Authorization: Bearer $ARK_API_KEY' -d '{}'"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(out) == {"method", "url", "headers", "body", "warnings"}
    assert out["method"] == "POST" and out["body"] == "{}"
    assert out["headers"][0] == ["Authorization", "Bearer $ARK_API_KEY"]
    assert "single quotes" in out["warnings"][0]


def test_reads_stdin_and_prints_text(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('curl -G https://h/s -d q=1 -H "X: $V"\n'))
    assert main(["curl"]) == 0
    assert capsys.readouterr().out == "GET https://h/s?q=1\nX: ${V}\n"


@pytest.mark.parametrize("command", ["curl --frobnicate https://h/", "curl 'unclosed", "ls -l", ""])
def test_bad_command_is_exit_2_with_one_error_line(command: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["curl", "--format", "json", command]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    assert [line for line in captured.err.splitlines() if line.startswith("error:")] == [
        captured.err.splitlines()[0]]
