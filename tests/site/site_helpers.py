"""What the site tests share: the languages, the pages, and where a built page lives."""

from __future__ import annotations

from pathlib import Path

LANGS = ("zh", "en", "bn")
PAGES = ("index", "providers/doubao", "settings/providers")


def page_html(site: Path, lang: str, page: str) -> Path:
    """Where the built HTML of `page` in `lang` lives (zh, the default, is at the root)."""
    prefix = site if lang == "zh" else site / lang
    return prefix / "index.html" if page == "index" else prefix / page / "index.html"
