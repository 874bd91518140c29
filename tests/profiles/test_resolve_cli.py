"""`docverify resolve` as a user runs it: JSON per the contract, exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest

from docverify.cli import main

DOUBAO_HASH = "https://ark.cn-beijing.volces.com/api/v3/chat/completions#"


def test_json_output_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", DOUBAO_HASH, "--client", "cherry-studio@2", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "input": DOUBAO_HASH, "client": "cherry-studio@2",
        "base_url": "https://ark.cn-beijing.volces.com/api/v3/chat/completions",
        "request_url": "https://ark.cn-beijing.volces.com/api/v3/chat/completions/chat/completions"}


def test_default_client_is_the_newest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "https://ark.cn-beijing.volces.com/api/v3/", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["client"] == "cherry-studio@2"


def test_endpoint_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "https://api.example.com/", "--client", "cherry-studio@1.6",
                 "--endpoint", "embeddings", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["request_url"] == "https://api.example.com/embeddings"


def test_text_output_names_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", DOUBAO_HASH, "--client", "cherry-studio@1.6"]) == 0
    out = capsys.readouterr().out
    assert "request_url: https://ark.cn-beijing.volces.com/api/v3/chat/completions\n" in out
    assert "CherryHQ/cherry-studio" in out


def test_empty_address_resolves_to_no_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["request_url"] == ""


def test_unknown_profile_is_one_error_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", DOUBAO_HASH, "--client", "chatbox@1"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith("error: ") and "chatbox@1" in lines[0]
    assert "cherry-studio@1.6" in lines[0] and "cherry-studio@2" in lines[0]
    assert all(line.startswith(("error: ", "hint: ")) for line in lines)


@pytest.mark.parametrize("argv", [["resolve"], ["resolve", "x", "--format", "yaml"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("error: ")
