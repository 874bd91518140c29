"""`docverify check` end to end: exit codes, formats, --output, --changed-since, bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from docverify.cli import main


def _tree(root: Path, pages: dict[str, str | bytes]) -> Path:
    for name, content in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_clean_pages_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path, {"a.md": "# A\n\n[b](b.md#b)\n", "b.md": "# B\n"})
    code, doc = _json(capsys, str(tmp_path))
    assert code == 0 and doc["findings"] == []
    assert doc["summary"] == {"pages": 2, "errors": 0, "warnings": 0}


def test_errors_exit_1_warnings_only_with_strict(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path, {"a.md": '# A\n\napi_key = "N7q2Vx9LmK4pR8tW3zY6bC1dF5gH0jQs"\n'})
    code, doc = _json(capsys, str(tmp_path))
    assert code == 0 and doc["summary"]["warnings"] == 1
    assert main(["check", str(tmp_path), "--strict", "--format", "json"]) == 1
    capsys.readouterr()
    _tree(tmp_path, {"b.md": "# B\n\n[x](gone.md)\n"})
    assert _json(capsys, str(tmp_path))[0] == 1


def test_no_mkdocs_yml_is_one_error_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"error: no mkdocs.yml in {tmp_path}, and no other site's layout here"
    assert err[1].startswith("hint: ")


def test_missing_path_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.md")]) == 2
    assert capsys.readouterr().err.startswith("error: no such file or folder")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_output_file_is_written_and_stdout_stays_quiet(tmp_path: Path, fmt: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    docs = _tree(tmp_path / "docs", {"a.md": "# A\n\n[x](gone.md)\n"})
    out = tmp_path / "out" / f"report.{fmt}"
    assert main(["check", str(docs), "--format", fmt, "--output", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "1 errors" in captured.err
    assert "link.broken" in out.read_text(encoding="utf-8")
    assert [p.name for p in out.parent.iterdir()] == [out.name]   # no temporary file left



def test_one_run_annotates_on_stdout_and_writes_the_report_in_another_format(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What the GitHub Action asks for: annotations in the log and a SARIF file, from one check."""
    docs = _tree(tmp_path / "docs", {"a.md": "# A\n\n[x](gone.md)\n"})
    out = tmp_path / "report.sarif"
    assert main(["check", str(docs), "--format", "github", "--output", str(out), "--output-format", "sarif"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("::error file=") and "title=link.broken::" in captured.out
    assert captured.err == f"1 pages checked: 1 errors, 0 warnings; report written to {out}\n"
    results = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["link.broken"]

def test_bad_input_gives_findings_and_the_other_pages_are_still_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nested = "".join("  " * i + "- level\n" for i in range(400))
    ragged = "| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n"
    big = "".join(f"## Part {i}\n\n" + "Lorem ipsum dolor sit amet. " * 36 + "\n\n"
                  for i in range(20_000))   # ~20 MB
    _tree(tmp_path, {
        "latin1.md": "# Caf\xe9\n\nna\xefve\n".encode("latin-1"),
        "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "nested.md": "# Nested\n\n" + nested,
        "ragged.md": "# Ragged\n\n" + ragged,
        "escape.md": "# Escape\n\n[out](../../../../../../../../etc/passwd.md)\n",
        "unbalanced.md": "# U\n\n{% hint style='info' %}\nopen\n",
        "big.md": big,
        "normal.md": "# Normal\n\n[x](gone.md)\n",
    })
    code, doc = _json(capsys, str(tmp_path))
    assert code == 1
    by_page = {(Path(f["path"]).name, f["check"]) for f in doc["findings"]}
    assert {("latin1.md", "encoding.invalid"), ("binary.md", "encoding.invalid"),
            ("escape.md", "link.broken"), ("unbalanced.md", "gitbook.unconverted"),
            ("normal.md", "link.broken")} <= by_page
    assert not any(f["check"] == "check.crashed" for f in doc["findings"])
    assert doc["summary"]["pages"] == 8


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd,
                   check=True, capture_output=True)


def test_changed_since_checks_changed_pages_and_pages_linking_into_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, {"a.md": "# A\n\n## Keep\n", "b.md": "# B\n\n[a](a.md#keep)\n",
                     "c.md": "# C\n\n[gone](gone.md)\n"})
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "base")
    (tmp_path / "a.md").write_text("# A\n\n## Renamed\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, doc = _json(capsys, ".", "--changed-since", "HEAD")
    assert code == 1 and doc["summary"]["pages"] == 2         # a.md changed, b.md links into it
    assert [(f["path"], f["check"]) for f in doc["findings"]] == [("b.md", "link.anchor")]
    assert main(["check", ".", "--changed-since", "no-such-rev"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot list changes since 'no-such-rev'") and "Traceback" not in err


def test_client_replaces_the_sites_profiles(tmp_path: Path) -> None:
    import argparse

    from docverify.commands import check
    parser = argparse.ArgumentParser()
    check.add_arguments(parser)
    _tree(tmp_path, {"a.md": "# A\n"})
    args = parser.parse_args([str(tmp_path), "--client", "cherry-studio@1.6"])
    config = check._config(args)
    assert config is not None and config.clients == ("cherry-studio@1.6",)
