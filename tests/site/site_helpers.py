"""What the site tests share: the languages, the pages, where a built page lives, and how a
fixture tree is written, edited and checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docverify.cli import main

LANGS = ("zh", "en", "bn")
PAGES = ("index", "providers/doubao", "settings/providers")


def page_html(site: Path, lang: str, page: str) -> Path:
    """Where the built HTML of `page` in `lang` lives (zh, the default, is at the root)."""
    prefix = site if lang == "zh" else site / lang
    return prefix / "index.html" if page == "index" else prefix / page / "index.html"


def write_pages(root: Path, pages: dict[str, str]) -> Path:
    """Each file of `pages` (path from `root` -> text) written, its folders made."""
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def edit(root: Path, rel: str, old: str, new: str, count: int = -1) -> None:
    """`old` (which must be there) replaced by `new` in the file `rel` (`count` times, -1: all)."""
    text = (root / rel).read_text(encoding="utf-8")
    assert old in text, old
    (root / rel).write_text(text.replace(old, new, count), encoding="utf-8")


def findings_in(out: str, root: Path) -> list[tuple[str, str, str, str]]:
    """(check, path from `root`, message, hint) of each finding in `check --format json` output."""
    return sorted((f["check"], Path(f["path"]).resolve().relative_to(root.resolve()).as_posix(), f["message"],
                   f.get("hint") or "") for f in json.loads(out)["findings"])


def check_site(root: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str, str, str]]:
    """The findings `docverify check` reports on the tree at `root` (see findings_in)."""
    main(["check", str(root), "--format", "json"])
    return findings_in(capsys.readouterr().out, root)
