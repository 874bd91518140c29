"""`docverify repair-encoding`: repairs in place, leaves clean and broken files byte-identical."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sentences import SENTENCES, mojibake

from docverify.cli import main


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_repairs_in_place_and_says_what_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = f"# {mojibake(SENTENCES['bn'], 'cp866')}\n\nascii\n{mojibake(SENTENCES['zh'], 'cp866')}\n"
    page = _write(tmp_path / "page.md", damaged.encode("utf-8"))
    assert main(["repair-encoding", str(page)]) == 0
    assert page.read_text(encoding="utf-8") == f"# {SENTENCES['bn']}\n\nascii\n{SENTENCES['zh']}\n"
    assert capsys.readouterr().out == f"{page}: repaired 2 line(s) decoded as cp866\n"


def test_clean_file_is_not_rewritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = "\n".join(SENTENCES.values()).encode("utf-8")
    page = _write(tmp_path / "clean.md", data)
    before = os.stat(page)
    assert main(["repair-encoding", str(page)]) == 0
    after = os.stat(page)
    assert page.read_bytes() == data
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert capsys.readouterr().out == f"{page}: clean\n"


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = (mojibake(SENTENCES["ru"], "latin-1") or "").encode("utf-8")
    page = _write(tmp_path / "ru.md", data)
    assert main(["repair-encoding", "--dry-run", str(page)]) == 0
    assert page.read_bytes() == data
    assert capsys.readouterr().out == f"{page}: would repair 1 line(s) decoded as latin-1\n"


def test_invalid_bytes_are_one_error_and_other_files_go_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken_bytes = b"fine line\n\xd0\x9f\xff and more\n"
    broken = _write(tmp_path / "broken.md", broken_bytes)
    good = _write(tmp_path / "good.md", (mojibake(SENTENCES["el"], "cp437") or "").encode("utf-8"))
    assert main(["repair-encoding", str(broken), str(good)]) == 2
    out, err = capsys.readouterr()
    assert broken.read_bytes() == broken_bytes
    assert good.read_text(encoding="utf-8") == SENTENCES["el"]
    assert err.splitlines()[0] == (f"error: {broken}:2: not UTF-8: byte 0xff at offset 12 "
                                   "(invalid start byte); file left untouched")
    assert err.splitlines()[1].startswith("hint: ")
    assert "Traceback" not in err
    assert out == f"{good}: repaired 1 line(s) decoded as cp437\n"


def test_missing_file_is_an_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["repair-encoding", str(tmp_path / "nope.md")]) == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'nope.md'}: cannot read the file")


def test_lines_left_alone_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = mojibake(SENTENCES["ru"], "latin-1")
    page = _write(tmp_path / "shown.md", f"# T\n\n```\n{shown}\n```\n".encode("utf-8"))
    data = page.read_bytes()
    assert main(["repair-encoding", str(page)]) == 0
    assert page.read_bytes() == data
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{page}: nothing repaired"
    assert out[1].startswith(f"{page}:4: left alone: looks like UTF-8 decoded as ")
