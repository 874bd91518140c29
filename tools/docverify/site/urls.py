"""A site URL (`/context-length`, `/en/guide/`, `sitemap.xml`) -> the file MkDocs (or Hugo) builds it from."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from docverify.site.config import SiteConfig

__all__ = ["GENERATED", "is_generated", "source_for_url", "url_prefix"]

# Files MkDocs and its search plugin write into every build: no page makes them, links to them work.
GENERATED = frozenset({"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "404.html"})
_GENERATED_NAMES = frozenset(os.path.basename(name) for name in GENERATED)


def url_prefix(config: SiteConfig) -> str:
    """The path the site is served under (`/docs/` for site_url https://host/docs/), "/" by default."""
    path = urlsplit(config.site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def _language_split(config: SiteConfig, rest: str) -> tuple[str, str]:
    """(lang, rest): static-i18n serves a translation under /<lang>/, the default at the root."""
    head, _, tail = rest.partition("/")
    if config.url_languages:
        # Hugo: each other language under /<its key>/ (`content/zh-cn/` at /zh-cn/)
        code = config.url_languages.get(head.lower())
        return (code, tail) if code else (config.default_language, rest)
    if head in config.languages and head != config.default_language and config.layout in ("suffix", "folder"):
        return head, tail
    return config.default_language, rest


def is_generated(config: SiteConfig, path: str | os.PathLike[str]) -> bool:
    """Whether `path` (absolute, under docs_dir) is where a generated file lands."""
    if os.path.basename(path) not in _GENERATED_NAMES:
        return False    # most paths asked about are missing images: answered without a Path
    try:
        rel = Path(os.path.abspath(path)).relative_to(config.docs_dir).as_posix()
    except ValueError:
        return False
    return rel in GENERATED or config.locate(os.fspath(path))[0] in GENERATED


def source_for_url(config: SiteConfig, url_path: str) -> Path | None:
    """The file behind a site-root link, as MkDocs builds URLs (`page.md` -> `page/`, `README.md`
    -> the folder), under `site_url`'s path; a generated file gives its own place; None when
    the URL is not this site's or no file makes it."""
    prefix = url_prefix(config)
    if not (url_path + ("/" if not url_path.endswith("/") else "")).startswith(prefix):
        return None
    rest = url_path[len(prefix):] if len(url_path) >= len(prefix) else ""
    if rest in GENERATED:
        return config.docs_dir / rest
    lang, rest = _language_split(config, rest)
    rest = rest.strip("/")
    if rest.endswith(".html"):
        rest = rest[:-5] if not rest.endswith("index.html") else rest[:-10].rstrip("/")
        names = [f"{rest}.md"] if rest else []
    else:
        names = [rest] if PurePosixPath(rest).suffix else [f"{rest}.md"] if rest else []
    # Hugo builds a section's URL from its _index.md (and a page bundle's from index.md)
    folder_pages = ("index.md", "_index.md") if config.generator == "hugo" else ("index.md", "README.md")
    names += [f"{rest}/{n}" if rest else n for n in folder_pages]
    if config.generator == "hugo" and config.layout in ("suffixed", "plain"):
        names = [f"content/{name}" for name in names]     # Hugo's pages are content/'s files
    for name in names:
        for candidate in (config.path_for(name, lang), config.served(config.path_for(name, lang), lang)):
            if candidate is not None and candidate.is_file():
                return candidate
        if lang == config.default_language and (config.docs_dir / name).is_file():
            return config.docs_dir / name   # a file no language owns (an image at the root)
    for static in config.static_dirs:       # served as it is from the site's root
        if rest and (static / rest).is_file():
            return static / rest
    return None
