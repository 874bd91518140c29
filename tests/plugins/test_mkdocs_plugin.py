"""The MkDocs plugin: badges and findings in built pages, strict mode, option errors, serve rebuilds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PLUGIN = "  - docverify:\n      clients: [cherry-studio@2, cherry-studio@1.6]\n"


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site"), *args],
                          cwd=root, env=ENV, capture_output=True, text=True, timeout=300)


def with_options(root: Path, options: str) -> None:
    config = root / "mkdocs.yml"
    text = re.sub(r"  - docverify:\n(      .*\n)*", "", config.read_text(encoding="utf-8"))
    config.write_text(text.rstrip("\n") + "\n  - docverify:\n" + options, encoding="utf-8")


@pytest.mark.parametrize(("strict", "code"), [("true", 1), ("false", 0)])
def test_strict_option_fails_a_strict_build_on_error_findings(fixture_site, strict: str, code: int) -> None:  # type: ignore[no-untyped-def]
    root = fixture_site("broken-link")
    with_options(root, f"      strict: {strict}\n      status_page: ''\n")
    proc = mkdocs_build(root, "--strict")
    assert proc.returncode == code, proc.stderr
    level = "WARNING" if strict == "true" else "INFO"
    assert re.search(rf"{level} +-  docverify: docs/guide\.md:3: error \[link\.broken\]", proc.stderr)


def test_a_clean_site_builds_strict_with_the_plugin(fixture_site) -> None:  # type: ignore[no-untyped-def]
    root = fixture_site("broken-link")
    (root / "docs" / "setup.md").write_text("# Setup\n\nDone.\n", encoding="utf-8")
    proc = mkdocs_build(root, "--strict")
    assert proc.returncode == 0, proc.stderr
    assert "0 errors, 0 warnings" in proc.stderr
    html = (root / "site" / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'data-status="verified"' in html


@pytest.mark.parametrize(("options", "expected"), [
    ("      clients: [cherry-studio@3]\n", "unknown client profile 'cherry-studio@3'; accepted: cherry-studio@1.6, cherry-studio@2"),
    ("      status_page: status.html\n", "status_page must be a .md path"),
    ("      strict: maybe\n", "Expected type: <class 'bool'>"),
])
def test_option_errors_show_what_is_accepted(fixture_site, options: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    root = fixture_site("broken-link")
    with_options(root, options)
    proc = mkdocs_build(root)
    assert proc.returncode == 1
    assert expected in proc.stderr
    if "strict" not in options:
        assert "clients: [cherry-studio@2, cherry-studio@1.6]" in proc.stderr    # a working example


def test_repo_site_with_the_plugin_and_i18n(repo_site: Path) -> None:
    """Every language gets its badges and the status page (added after static-i18n picked the files)."""
    if not re.search(r"^  - docverify:", (repo_site / "mkdocs.yml").read_text(encoding="utf-8"), re.M):
        with_options(repo_site, PLUGIN.split("\n", 1)[1])
    proc = mkdocs_build(repo_site)
    assert proc.returncode == 0, proc.stderr
    site = repo_site / "site"
    # Material ran jieba over the Chinese pages (their words joined by U+200B in the index), and
    # jieba's own progress lines ("Building prefix dict…", "Loading model…") stayed out of stderr.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("\u200b" in doc["text"] for doc in index["docs"])
    assert not re.search(r"prefix dict|Loading model|jieba", proc.stderr, re.I), proc.stderr
    for prefix, words in (("", "个问题|已验证|机器翻译"), ("en/", "problem|verified|machine"),
                          ("bn/", "সমস্যা|যাচাই|মেশিন")):
        html = (site / prefix / "providers" / "doubao" / "index.html").read_text(encoding="utf-8")
        badge = re.search(r'<span class="docverify-badge[^>]*>([^<]*)</span>', html)
        assert badge and re.search(words, badge.group(1)), prefix
        assert (site / prefix / "translation-status" / "index.html").is_file(), prefix
    bn = (site / "bn" / "providers" / "doubao" / "index.html").read_text(encoding="utf-8")
    assert "data-machine-translated" in bn
    # The styles come with the plugin (the docs hold no copy): linked from every page, served once.
    assert not (repo_site / "docs" / "assets" / "docverify" / "docverify.css").exists()
    assert '<link rel="stylesheet" href="../../../assets/docverify/docverify.css">' in bn
    assert ".docverify-cell--stale" in (site / "assets" / "docverify" / "docverify.css").read_text(encoding="utf-8")
    status = (site / "bn" / "translation-status" / "index.html").read_text(encoding="utf-8")
    matrix = status[status.index('<div class="docverify-status">'):]
    assert "<table>" in matrix and '<a href="../../bn/providers/doubao/">' in matrix
    assert '<a href="../../providers/doubao/">' in matrix          # zh, the default, at the root


@pytest.mark.parametrize("background", [True, False], ids=["worker", "in-process"])
def test_serve_rebuild_rechecks_only_the_saved_page(fixture_site, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                    background: bool) -> None:
    """What `mkdocs serve` does on a save: load the config again, build again, same plugin object.

    The site is strict (plugin and MkDocs): serve must still build, showing the errors on the page.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = fixture_site("broken-link")
    if not background:
        with_options(root, "      strict: true\n      status_page: ''\n      background: false\n")
    monkeypatch.chdir(root)

    def config():  # type: ignore[no-untyped-def]
        return load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        build(first, serve_url="http://127.0.0.1:8000/")
        plugin = first.plugins["docverify"]
        guide = root / "site" / "guide" / "index.html"
        assert 'data-errors="1"' in guide.read_text(encoding="utf-8")
        assert [Path(p).name for p in plugin.checker.result().reread] == ["guide.md", "index.md"]

        page = root / "docs" / "guide.md"
        page.write_text("# Guide\n\nSee [a](a.md) and [b](b.md#x).\n", encoding="utf-8")
        st = page.stat()
        os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        second = config()
        build(second, serve_url="http://127.0.0.1:8000/")
        assert second.plugins["docverify"] is plugin
        assert [Path(p).name for p in plugin.checker.result().reread] == ["guide.md"]
        html = guide.read_text(encoding="utf-8")
        assert 'data-errors="2"' in html and "line 3</span> <code>link.broken</code>" in html
    finally:
        first.plugins.on_shutdown()
