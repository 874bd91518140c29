"""The doc a Docusaurus markdown file link (`./x.md`, `x.mdx`, `/x.md`, `@site/docs/x.md`) leads to.

Docusaurus turns a link to a `.md`/`.mdx` file of the docs plugin into that doc's URL, looking
for the file in this order (docusaurus-utils `resolveMarkdownLinkPathname`, docs "Markdown links"):

| link          | looked for in                                                                |
|---------------|------------------------------------------------------------------------------|
| `@site/p.md`  | the site's folder                                                            |
| `/p.md`       | the content roots (the locale's translation first, then the source), the site |
| `./p.md`, `../p.md` | the page's own folder only                                              |
| `p.md`        | the page's own folder, then the content roots, then the site                 |

A file counts only if the build of the page's locale has it as a doc: in a locale, a translated
doc is its `i18n/<locale>/docusaurus-plugin-content-docs/<version>/` file (its `docs/` file is
then no doc there), an untranslated one its source file. So `./setup.md` in a translation links
nothing when the locale lacks setup.md (facebook/docusaurus#10907), while `/setup.md` is served
the source's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from docverify.model import PAGE_SUFFIXES

__all__ = ["DocLink", "doc_place", "hint_for", "localized_file", "resolve_doc_link"]

_PLUGIN = "docusaurus-plugin-content-docs"


@dataclass(frozen=True, slots=True)
class DocLink:
    """Where a file link leads: `file` when Docusaurus finds a doc, else the first place looked
    (`tried`) and why nothing is there (`why`)."""

    file: str | None
    tried: str
    why: str = ""


def doc_place(root: str, path: str) -> tuple[str, str, str] | None:
    """(locale or "" for the source, version folder (`current`, `version-1.0`), path in it) of a
    docs file under `root`, None for a file outside the docs plugin's folders."""
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    parts = rel.split("/")
    if len(parts) >= 5 and parts[0] == "i18n" and parts[2] == _PLUGIN:
        return parts[1], parts[3], "/".join(parts[4:])
    if len(parts) >= 2 and parts[0] == "docs":
        return "", "current", "/".join(parts[1:])
    if len(parts) >= 3 and parts[0] == "versioned_docs":
        return "", parts[1], "/".join(parts[2:])
    return None


def _source_root(root: str, version: str) -> str:
    return os.path.join(root, "docs") if version == "current" else os.path.join(root, "versioned_docs", version)


def localized_file(root: str, locale: str, version: str, rest: str) -> str:
    return os.path.join(root, "i18n", locale, _PLUGIN, version, rest)


def _why_not(root: str, locale: str, path: str) -> str:
    """Why `path` is no doc of the build of `locale` ("" when it is one)."""
    if not os.path.isfile(path):
        return "no such file"
    place = doc_place(root, path)
    if place is None:
        return "" if not path.endswith(PAGE_SUFFIXES) else "not a doc (the docs plugin links only its own files)"
    owner, version, rest = place
    if owner and owner != locale:
        return f"a doc of the {owner} locale, not of this page's"
    if not owner and locale and os.path.isfile(translated := localized_file(root, locale, version, rest)):
        return f"the source's file, which this locale builds from its translation {os.path.relpath(translated, root)}"
    return ""


def hint_for(link: DocLink) -> str:
    """What to write instead of a link that leads to no doc."""
    if link.why.startswith("the source's file"):
        return "link the page by a path inside the docs (./x.md, or /x.md from the docs root), " \
            "which each locale resolves to its own version of the page"
    return "Docusaurus looks for ./ and ../ links beside the page only: fix the path, or write it " \
        "from the docs root (/guide/setup.md), which a locale lacking the page is served from the source's"


def resolve_doc_link(root: str | Path, page_path: str, link: str) -> DocLink | None:
    """The doc the file link `link` (no #fragment) of the page at `page_path` leads to, None when
    it is not a markdown file link of a docs page (left to the other rules)."""
    root = os.path.abspath(root)
    page = os.path.abspath(page_path)
    decoded = unquote(link)
    place = doc_place(root, page)
    if place is None or not decoded.lower().endswith(PAGE_SUFFIXES):
        return None
    locale, version, _ = place
    roots = [_source_root(root, version)]
    if locale:
        roots.insert(0, os.path.join(root, "i18n", locale, _PLUGIN, version))
    here = os.path.dirname(page)
    if decoded.startswith("@site/"):
        decoded, folders = decoded[len("@site/"):], [root]
    elif decoded.startswith("/"):
        folders = [*roots, root]
    elif decoded.startswith(("./", "../")):
        folders = [here]
    else:
        folders = [here, *roots, root]
    tried = [os.path.normpath(os.path.join(folder, decoded.lstrip("/"))) for folder in folders]
    reasons = []
    for candidate in tried:
        why = _why_not(root, locale, candidate)
        if not why:
            return DocLink(candidate, candidate)
        reasons.append(why)
    return DocLink(None, tried[0], reasons[0])
