"""`docverify check PAGE` checks that page within its whole site: its translations and link
targets are read, so they are neither reported missing nor checked themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.suffix_site import write_site

from docverify.cli import main

PAGES = {
    "a.zh.md": "# 甲\n\n[乙](b.md#di-zhi)\n",
    "b.zh.md": "# 乙\n\n## 地址 { #di-zhi }\n\n[坏](missing.md)\n",
    "a.en.md": "# A\n\n[B](b.md#address)\n",
    "b.en.md": "# B\n\n## Address\n",
}


def _check(root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           *paths: str) -> dict:  # type: ignore[type-arg]
    monkeypatch.chdir(root)
    main(["check", *paths, "--format", "json"])
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_one_translated_page_is_checked_against_its_site(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    write_site(tmp_path, PAGES)
    doc = _check(tmp_path, capsys, monkeypatch, "docs/a.en.md")
    assert doc["summary"]["pages"] == 1
    assert doc["findings"] == []        # no translation.missing, no finding of b.zh.md


def test_the_same_page_named_twice_is_checked_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    write_site(tmp_path, PAGES)
    doc = _check(tmp_path, capsys, monkeypatch, "docs/b.zh.md", str(tmp_path / "docs" / "b.zh.md"))
    assert doc["summary"]["pages"] == 1
    assert [(f["check"], f["path"]) for f in doc["findings"]] == [("link.broken", "docs/b.zh.md")]


def test_a_folder_without_pages_is_an_input_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["check", "empty"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no markdown pages under empty")
