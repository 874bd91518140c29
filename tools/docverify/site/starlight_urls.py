"""The page Starlight serves at a link's URL (`/zh-cn/guides/setup/`, `../config/`), or None.

Starlight (Astro) serves `src/content/docs/guides/setup.md` at `/guides/setup/` (an `index.md`
at its folder's URL), a locale's copy at `/zh-cn/guides/setup/`, and, where a locale lacks a
page, the default locale's page at the locale's URL (with a notice). Markdown links are not
rewritten: a relative link is read from the page's URL, which ends in a slash (`../config/` from
`/guides/setup/` is `/guides/config/`), and a link to `config.md` asks for a file named so,
which the site does not serve (unless the Astro config adds astro-rehype-relative-markdown-links,
which rewrites it to the file's URL). Files in `public/` are served from the site's root.
"""

from __future__ import annotations

import os
import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from docverify.site.config import SiteConfig
from docverify.site.layouts import ASTRO_CONFIGS, STARLIGHT_DOCS

__all__ = ["page_url", "starlight_page"]

_PAGES = (".md", ".mdx", ".mdoc")
_REWRITER = "relative-markdown-links"


def page_url(config: SiteConfig, page_path: str) -> str | None:
    """The URL Starlight serves the page at (`/zh-cn/guides/setup/`), None outside its docs."""
    content = os.path.join(os.path.abspath(config.root), STARLIGHT_DOCS)
    rel = os.path.relpath(os.path.abspath(page_path), content).replace(os.sep, "/")
    if rel.startswith("../"):
        return None
    stem = posixpath.splitext(rel)[0]
    stem = "" if stem == "index" else stem[:-len("/index")] if stem.endswith("/index") else stem
    return f"/{stem.lower()}/" if stem else "/"


def _rewrites_file_links(root: str) -> bool:
    """Whether the Astro config adds a plugin that rewrites links to .md files into their URLs
    (astro-rehype-relative-markdown-links): then such a link is read as a file path."""
    return any(_mentions(os.path.join(root, name), _REWRITER) for name in ASTRO_CONFIGS)


@lru_cache(maxsize=64)
def _mentions_at(path: str, mtime: float, word: str) -> bool:
    try:
        return word in Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _mentions(path: str, word: str) -> bool:
    try:
        return _mentions_at(path, os.path.getmtime(path), word)
    except OSError:
        return False


def _page_at(folder: Path, rest: str) -> Path | None:
    names = [f"{rest}{ext}" for ext in _PAGES] if rest else []
    names += [f"{rest}/index{ext}" if rest else f"index{ext}" for ext in _PAGES]
    return next((folder / name for name in names if (folder / name).is_file()), None)


def starlight_page(config: SiteConfig, page_path: str, link: str) -> tuple[Path | None, str]:
    """(the file Starlight serves at the URL `link` leads to from the page, the URL), the file
    None when nothing is served there; a link that is no URL of the docs (an image's file path,
    a page outside src/content/docs/) gives (None, "")."""
    here = page_url(config, page_path)
    decoded = unquote(link)
    ext = posixpath.splitext(decoded.rstrip("/"))[1].lower()
    if here is None or ext not in ("", *_PAGES) or (ext and _rewrites_file_links(str(config.root))):
        return None, ""
    url = decoded if decoded.startswith("/") else posixpath.normpath(posixpath.join(here, decoded)) \
        + ("/" if decoded.endswith("/") else "")
    rest = url.strip("/")
    content = Path(os.path.abspath(config.root)) / STARLIGHT_DOCS
    # a locale's pages are served under its folder's name; the root locale's from the top
    locales = {folder[len(STARLIGHT_DOCS) + 1:].lower(): folder for folder in config.folders
               if folder.startswith(STARLIGHT_DOCS + "/")}
    head, _, tail = rest.partition("/")
    default = config.folder_of(config.default_language) or STARLIGHT_DOCS
    if head.lower() in locales:
        found = _page_at(config.root / locales[head.lower()], tail) or _page_at(config.root / default, tail)
    else:
        found = _page_at(content, rest) if STARLIGHT_DOCS in config.folders else None
    for static in config.static_dirs:
        if found is None and rest and (static / rest).is_file():
            found = static / rest
    return found, url
