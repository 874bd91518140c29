"""The command line as a user meets it: help, version, one-line errors, every command present."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import docverify
from docverify.cli import COMMANDS, main


def run(*args: str, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docverify", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize(("name", "module"), [(c[0], c[1]) for c in COMMANDS])
def test_every_command_in_the_table_has_its_module(name: str, module: str) -> None:
    command = importlib.import_module(f"docverify.commands.{module}")
    assert callable(command.add_arguments), name
    assert callable(command.run), name


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for name, _, _ in COMMANDS:
        assert name in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"docverify {docverify.__version__}"


def test_unknown_option_is_one_error_line_and_exit_2() -> None:
    result = run("check", "--no-such-option")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("error: ")
    assert all(line.startswith(("error: ", "hint: ")) for line in lines)
    assert "Traceback" not in result.stderr


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_check_without_mkdocs_yml_is_one_error_line(tmp_path: pytest.TempPathFactory) -> None:
    result = run("check", cwd=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr


_HEAVY = ("httpx", "starlette", "uvicorn", "rich", "vcr", "markdown_it", "docverify.commands.check")


@pytest.mark.parametrize("argv", [["--help"], ["resolve", "--help"], ["no-such-command"]])
def test_start_up_imports_only_the_chosen_command(argv: list[str]) -> None:
    """`--help` (or a command that needs none of them) never pays for the heavy libraries."""
    probe = ("import sys\nfrom docverify.cli import main\ntry:\n    main(sys.argv[1:])\n"
             "except SystemExit:\n    pass\nprint('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True,
                            timeout=60)
    loaded = set(result.stderr.splitlines())
    assert not loaded & set(_HEAVY), sorted(loaded & set(_HEAVY))
    assert "docverify.cli" in loaded   # the probe did run


def test_help_of_a_command_still_shows_its_options() -> None:
    result = run("check", "--help")
    assert result.returncode == 0
    assert "--format" in result.stdout


def test_a_check_of_pages_without_recordings_loads_no_cassette_reader(tmp_path: Path) -> None:
    """The cassette reader (rapidyaml), the scrubber, HTTP and the emulator load only where used."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee [the guide](guide.md).\n", encoding="utf-8")
    probe = ("import sys\nfrom docverify.cli import main\ntry:\n    main(['check', '-q'])\n"
             "except SystemExit:\n    pass\nprint('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path)
    loaded = set(result.stderr.splitlines())
    assert "docverify.commands.check" in loaded and "link.broken" in result.stdout
    heavy = {"ryml", "docverify.traffic.cassette", "docverify.traffic.scrub", "httpx", "starlette", "rich"}
    assert not loaded & heavy, sorted(loaded & heavy)
