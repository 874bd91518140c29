"""The doc Docusaurus serves at a URL (`/docs/guide/setup`, `/zh-Hans/docs/`, `/docs/1.0/intro`).

A doc's URL is the docs route (`routeBasePath`, `/docs` by default), its version's (the last
version at the route itself, the current docs at `next/` once versions.json names one, another
at `<version>/`), then its front matter's `slug:` (from the docs root when it starts with `/`,
else from its folder), else its folder and `id:` or file name, number prefixes dropped
(`01-guide/02-setup.md` is `guide/setup`); `index.md`, `README.md` and a file named as its
folder are the folder's URL. A locale serves every doc under `/<locale>/`, its translation's
file where it has one, else the source's. Files and folders whose name starts with `_` are no doc.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from docverify.model import PAGE_SUFFIXES
from docverify.site.config import load_yaml_mapping
from docverify.site.docusaurus_links import doc_place, localized_file

__all__ = ["DocsRoutes", "DocsUrls", "doc_urls", "docs_routes"]

_CONFIGS = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs")
# `docs: {…, routeBasePath: '/'}` and `blog: {…}` of the classic preset (or the plugins' options)
_ROUTE = re.compile(r"""\b(docs|blog)['"]?\s*:\s*\{[^{}]*?\brouteBasePath\s*:\s*['"`]([^'"`]*)['"`]""")
_BARE_ROUTE = re.compile(r"""\brouteBasePath\s*:\s*['"`]([^'"`]*)['"`]""")
_DATED = re.compile(r"^(\d{4})[-/](\d{2})[-/](\d{2})[-/]?(.*)$")
# pages the blog plugin makes: its list, pages of it, tags, archive and authors
_BLOG_PAGES = frozenset({"page", "tags", "archive", "authors"})
_LAST_VERSION = re.compile(r"""lastVersion\s*:\s*['"`]([^'"`]+)['"`]""")
_NUMBER = re.compile(r"^\d+\s*[-_.]\s*")
_CATEGORIES = ("_category_.json", "_category_.yml", "_category_.yaml")
_SLUG_DROP = re.compile(r"[^\w\- ]")      # github-slugger keeps letters, digits, `-`, `_` and spaces
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)


class DocsRoutes:
    """The docs route, where each version folder (`current`, `version-1.0`) is served, and the blog's route."""

    def __init__(self, base: str, versions: dict[str, str], blog: str = "/blog") -> None:
        self.base, self.versions, self.blog = base, versions, blog


def docs_routes(root: str) -> DocsRoutes:
    """Read from docusaurus.config.* and versions.json (the docs preset's first routeBasePath)."""
    text = ""
    for name in _CONFIGS:
        try:
            text = Path(root, name).read_text(encoding="utf-8", errors="replace")
            break
        except OSError:
            continue
    said_routes = {m.group(1): m.group(2) for m in _ROUTE.finditer(text)}
    # a docs plugin configured on its own (`['@docusaurus/plugin-content-docs', {routeBasePath}]`)
    bare = [m.group(1) for m in _BARE_ROUTE.finditer(text) if m.group(1) != said_routes.get("blog")]
    base = "/" + said_routes.get("docs", bare[0] if bare else "docs").strip("/")
    blog = "/" + said_routes.get("blog", "blog").strip("/")
    try:
        names = [str(v) for v in json.loads(Path(root, "versions.json").read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        names = []
    said = _LAST_VERSION.search(text)
    last = said.group(1) if said else names[0] if names else "current"
    versions = {"current": "" if last == "current" else "next"}
    versions.update({f"version-{v}": "" if v == last else v for v in names})
    return DocsRoutes(base.rstrip("/"), versions, blog.rstrip("/") or "/")


def _front(path: str) -> dict[str, object]:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
    except OSError:
        return {}
    found = _FRONT.match(head.replace("\r\n", "\n"))
    return load_yaml_mapping(found.group(1)) if found else {}


def _post_url(blog: str, rest: str, front: dict[str, object]) -> str:
    """A blog post's URL: its `slug:`, else its dated name (`2024-05-01-launch.md` or
    `2024-05-01-launch/index.md` is `<blog>/2024/05/01/launch`), else its path."""
    slug = front.get("slug")
    if isinstance(slug, str):
        return "/" + "/".join(part for part in f"{blog}/{slug}".split("/") if part)
    stem = posixpath.splitext(rest)[0]
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    dated = _DATED.match(stem)
    path = "/".join(dated.groups()) if dated else stem
    return "/" + "/".join(part for part in f"{blog}/{path}".split("/") if part)


def _category_url(routes: DocsRoutes, version: str, rest: str, file: str) -> str | None:
    """The URL of a category's generated index page (`link: {type: generated-index}` in its
    `_category_.json`): its `slug`, else `/category/<its label, slugged>`; None without one."""
    try:
        text = Path(file).read_text(encoding="utf-8", errors="replace")
        data = json.loads(text) if file.endswith(".json") else load_yaml_mapping(text)
    except (OSError, ValueError):
        return None
    link = data.get("link") if isinstance(data, dict) else None
    if not isinstance(link, dict) or link.get("type") != "generated-index":
        return None
    folder = posixpath.dirname(rest)
    label = data.get("label") if isinstance(data.get("label"), str) else posixpath.basename(folder)
    slug = link.get("slug")
    if not isinstance(slug, str):
        slug = "/category/" + _SLUG_DROP.sub("", str(label).strip().lower()).replace(" ", "-")
    return _doc_url(routes, version, posixpath.join(folder, "x.md"), {"slug": slug})


def _doc_url(routes: DocsRoutes, version: str, rest: str, front: dict[str, object]) -> str | None:
    seg = routes.versions.get(version)
    if seg is None:
        return None
    folder, name = posixpath.split(rest)
    stem = posixpath.splitext(name)[0]
    folder_url = "/".join(_NUMBER.sub("", part) for part in folder.split("/") if part)
    slug, doc_id = front.get("slug"), front.get("id")
    if isinstance(slug, str):
        url = slug if slug.startswith("/") else posixpath.join("/" + folder_url, slug)
    elif not isinstance(doc_id, str) and (stem.lower() in ("index", "readme")
                                           or (folder and stem.lower() == folder.rsplit("/", 1)[-1].lower())):
        url = "/" + folder_url
    else:
        url = "/" + posixpath.join(folder_url, doc_id if isinstance(doc_id, str) else _NUMBER.sub("", stem))
    return "/" + "/".join(part for part in f"{routes.base}/{seg}/{url}".split("/") if part)


@dataclass(frozen=True, slots=True)
class DocsUrls:
    """Every URL the docs are served at in each locale, and each version's root URL."""

    root: str
    locales: tuple[str, ...]
    files: Mapping[str, str]        # URL (no trailing slash) -> the file served there
    version_roots: frozenset[str]   # `/docs`, `/docs/next`, `/zh-Hans/docs`…: served as `…/`
    blog_roots: frozenset[str] = frozenset()    # `/blog`, `/zh-Hans/blog` (when there are posts)

    def in_blog(self, url: str) -> bool:
        return any(url == blog or url.startswith(blog.rstrip("/") + "/") for blog in self.blog_roots)

    def generated(self, url: str) -> bool:
        """Whether the blog plugin makes a page at `url` (its list, tags, archive, authors)."""
        for blog in self.blog_roots:
            if url == blog or url.startswith(blog.rstrip("/") + "/") and \
                    url[len(blog.rstrip("/")) + 1:].split("/", 1)[0] in _BLOG_PAGES:
                return True
        return False

    def page_url(self, page_path: str, locale: str) -> str | None:
        page = os.path.abspath(page_path)
        prefix = f"/{locale}/" if locale else "/"
        for url, file in self.files.items():
            if file == page and (url + "/").startswith(prefix) and (locale or url.split("/")[1] not in self.locales):
                return url
        return None

    def link_url(self, page_path: str, link: str) -> str | None:
        """The URL (with its locale) a link without a file extension leads to from the page;
        None when the page is no doc and the link is relative (its URL is unknown here)."""
        page = os.path.abspath(page_path)
        place = doc_place(self.root, page)
        locale = place[0] if place else _locale_of(self.root, page, self.locales)
        if link.startswith("/"):
            # Docusaurus' <Link> puts the locale's baseUrl before a URL that lacks it
            url = link if link.strip("/").split("/", 1)[0] in self.locales else (f"/{locale}" if locale else "") + link
        else:
            here = self.page_url(page, locale)
            if here is None:
                return None
            folder = here if here in self.version_roots or here == "/" else posixpath.dirname(here)
            url = posixpath.join(folder.rstrip("/") + "/", link)
        # (normpath keeps a leading `//`, which a URL path never means here)
        return "/" + posixpath.normpath(url).strip("/") if url.strip("/") else "/"


def doc_urls(root: str | Path, locales: Sequence[str]) -> DocsUrls:
    """The URLs of the docs of the default locale and of each of `locales`."""
    root = os.path.abspath(root)
    routes = docs_routes(root)
    sources: list[tuple[str, str]] = []     # (version folder, path in it)
    for version in routes.versions:
        top = os.path.join(root, "docs") if version == "current" else os.path.join(root, "versioned_docs", version)
        for here, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
            rel = os.path.relpath(here, top).replace(os.sep, "/")
            sources += [(version, posixpath.normpath(f"{rel}/{name}")) for name in sorted(files)
                        if name.endswith(PAGE_SUFFIXES) and not name.startswith("_")]
            sources += [(version, posixpath.normpath(f"{rel}/{name}")) for name in files if name in _CATEGORIES]
    urls: dict[str, str] = {}
    roots: set[str] = set()
    for locale in ["", *locales]:
        prefix = f"/{locale}" if locale else ""
        roots.update("/" + "/".join(part for part in f"{prefix}{routes.base}/{seg}".split("/") if part)
                     for seg in routes.versions.values())
        for version, rest in sources:
            source = os.path.join(root, "docs" if version == "current" else f"versioned_docs/{version}", rest)
            translated = localized_file(root, locale, version, rest) if locale else ""
            file = translated if translated and os.path.isfile(translated) else source
            url = _category_url(routes, version, rest, file) if rest.rsplit("/", 1)[-1] in _CATEGORIES \
                else _doc_url(routes, version, rest, _front(file))
            if url is not None:
                urls.setdefault((prefix + url).rstrip("/") or "/", file)
    blog = os.path.join(root, "blog")
    posts = []
    for here, dirs, files in os.walk(blog):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        rel = os.path.relpath(here, blog).replace(os.sep, "/")
        posts += [posixpath.normpath(f"{rel}/{name}") for name in sorted(files)
                  if name.endswith(PAGE_SUFFIXES) and not name.startswith("_")]
    blogs = set()
    for locale in ["", *locales] if posts else []:
        prefix = f"/{locale}" if locale else ""
        blogs.add("/" + "/".join(part for part in f"{prefix}{routes.blog}".split("/") if part))
        for rest in posts:
            translated = os.path.join(root, "i18n", locale, "docusaurus-plugin-content-blog", rest) if locale else ""
            file = translated if translated and os.path.isfile(translated) else os.path.join(blog, rest)
            urls.setdefault((prefix + _post_url(routes.blog, rest, _front(file))).rstrip("/") or "/", file)
    return DocsUrls(root, tuple(locales), urls, frozenset(roots), frozenset(blogs))


def _locale_of(root: str, page: str, locales: Sequence[str]) -> str:
    parts = os.path.relpath(page, root).replace(os.sep, "/").split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "i18n" and parts[1] in locales else ""
