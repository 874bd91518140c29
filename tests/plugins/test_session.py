"""CheckSession: pages re-read only when their file changed, findings re-checked only where a change reaches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.suffix_site import suffix_config, write_site

import docverify.checks.session as session_module
from docverify.checks.session import CheckSession
from docverify.site.config import load_config


@pytest.fixture
def site(tmp_path: Path) -> Path:
    pages = {f"{name}.{lang}.md": f"# {name} {lang}\n\nText.\n" for name in "abc" for lang in ("zh", "en")}
    pages["c.en.md"] = "# c en\n\nSee [b](b.en.md).\n"
    return write_site(tmp_path, pages)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names of the pages parsed and checked, in order."""
    calls: dict[str, list[str]] = {"parsed": [], "checked": []}
    parse, check = session_module.parse_page, session_module._check

    def parse_page(path, config):  # type: ignore[no-untyped-def]
        calls["parsed"].append(Path(path).name)
        return parse(path, config)

    def _check(site, claims, groups):  # type: ignore[no-untyped-def]
        calls["checked"].append(Path(claims.page.path).name)
        return check(site, claims, groups)

    monkeypatch.setattr(session_module, "parse_page", parse_page)
    monkeypatch.setattr(session_module, "_check", _check)
    return calls


def touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))   # a save one second later


def test_unchanged_site_is_neither_reread_nor_rechecked(site: Path, counted: dict[str, list[str]]) -> None:
    session = CheckSession(load_config(site / "mkdocs.yml"))
    session.results()
    assert len(counted["parsed"]) == 6 and len(counted["checked"]) == 6
    assert session.refresh() == set()
    session.reconfigure(load_config(site / "mkdocs.yml"))   # what each `mkdocs serve` rebuild does
    session.results()
    assert len(counted["parsed"]) == 6 and len(counted["checked"]) == 6


def test_a_save_rechecks_the_page_its_translations_and_pages_linking_to_it(
        site: Path, counted: dict[str, list[str]]) -> None:
    session = CheckSession(load_config(site / "mkdocs.yml"))
    session.results()
    counted["parsed"].clear()
    counted["checked"].clear()
    touch(site / "docs" / "b.en.md", "# b en\n\nSee [nowhere](missing.md).\n")
    assert session.refresh() == {site / "docs" / "b.en.md"}
    results = {Path(r.claims.page.path).name: r for r in session.results()}
    assert counted["parsed"] == ["b.en.md"]
    assert sorted(counted["checked"]) == ["b.en.md", "b.zh.md", "c.en.md"]
    assert "link.broken" in [f.check for f in results["b.en.md"].findings]


def test_a_new_page_rechecks_everything(site: Path, counted: dict[str, list[str]]) -> None:
    session = CheckSession(load_config(site / "mkdocs.yml"))
    session.results()
    counted["checked"].clear()
    (site / "docs" / "d.zh.md").write_text("# d\n", encoding="utf-8")
    session.refresh()
    session.results()
    assert len(counted["checked"]) == 7


def test_a_changed_config_starts_over(site: Path, counted: dict[str, list[str]]) -> None:
    session = CheckSession(load_config(site / "mkdocs.yml"))
    config = suffix_config(("zh", "en")) + "  - docverify:\n      clients: [cherry-studio@1.6]\n"
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    session.reconfigure(load_config(site / "mkdocs.yml"))
    assert session.config.clients == ("cherry-studio@1.6",)
    assert len(counted["parsed"]) == 12
