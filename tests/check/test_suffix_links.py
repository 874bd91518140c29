"""Links in mkdocs-static-i18n's suffix layout: `x.md` means x in the linking page's language."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.suffix_site import write_site

from docverify.cli import main


def _site(root: Path, pages: dict[str, str]) -> None:
    write_site(root, pages, ("zh", "en", "bn"))


def _findings(root: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str, int]]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        main(["check", "--format", "json"])
    finally:
        os.chdir(cwd)
    doc = json.loads(capsys.readouterr().out)
    return [(f["check"], f["path"], f["line"]) for f in doc["findings"]
            if f["check"].startswith("link.")]


def test_a_bare_link_reaches_the_page_in_the_same_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _site(tmp_path, {
        "a.zh.md": "# 甲\n\n[乙](b.md#di-zhi)\n",
        "b.zh.md": "# 乙\n\n## 地址 { #di-zhi }\n",
        "a.en.md": "# A\n\n[B](b.md#address)\n",
        "b.en.md": "# B\n\n## Address\n",
    })
    assert _findings(tmp_path, capsys) == []


def test_the_anchor_is_looked_up_in_the_same_language_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The English page keeps the Chinese page's anchor, which only the Chinese page has.
    _site(tmp_path, {
        "a.zh.md": "# 甲\n\n[乙](b.md#di-zhi)\n",
        "b.zh.md": "# 乙\n\n## 地址 { #di-zhi }\n",
        "a.en.md": "# A\n\n[B](b.md#di-zhi)\n",
        "b.en.md": "# B\n\n## Address\n",
    })
    assert _findings(tmp_path, capsys) == [("link.anchor", "docs/a.en.md", 3)]


def test_a_missing_translation_falls_back_to_the_default_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _site(tmp_path, {
        "a.zh.md": "# 甲\n\n[乙](b.md#di-zhi)\n",
        "b.zh.md": "# 乙\n\n## 地址 { #di-zhi }\n",
        "a.bn.md": "# ক\n\n[খ](b.md#di-zhi)\n\n[গ](c.md)\n",
    })
    assert _findings(tmp_path, capsys) == [("link.broken", "docs/a.bn.md", 5)]


def test_a_localized_image_is_the_one_of_the_pages_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`shot.png` from a page is `shot.<lang>.png` in its language's build (static-i18n's
    localized files), else the default language's; a language with neither is missing."""
    _site(tmp_path, {
        "a.zh.md": "# 甲\n\n![图](img/shot.png)\n",
        "a.en.md": "# A\n\n![shot](img/shot.png)\n",
        "a.bn.md": "# ক\n\n![ছবি](img/shot.png)\n\n![other](img/other.png)\n",
        "img/shot.zh.png": "zh", "img/shot.en.png": "en", "img/other.en.png": "en",
    })
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        main(["check", "--format", "json"])
    finally:
        os.chdir(cwd)
    doc = json.loads(capsys.readouterr().out)
    missing = [(f["path"], f["line"]) for f in doc["findings"] if f["check"] == "asset.missing"]
    assert missing == [("docs/a.bn.md", 5)]       # other.png exists in English only
