"""A folder's language: its name read as a code or a language name, or as a country its pages confirm.

Real trees name language folders after countries as often as after languages (`jp/`, `cn/`,
`kr/`, `br/`), and some country codes are also codes of other languages: `kr` is Kanuri, `se`
Northern Sami, `tw` Twi. Only where the name's readings disagree are the folder's pages read
(a few of them, prose only) to see which language they are written in; a name with one reading
costs nothing. A country's language is never taken when it is a language the site already has
(`ca/` of a Catalan translation still in English stays Catalan: that is drift to report, not a
second English folder).
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path

from docverify.model import PAGE_SUFFIXES
from docverify.site.langid import prose_fits
from docverify.site.languages import language_code, looks_like_language_folder, region_language

__all__ = ["folder_language", "name_language", "sample_prose"]

_SAMPLE_PAGES = 8
_SAMPLE_CHARS = 6000
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)\n.*?\n\1\n", re.DOTALL)     # YAML, or Hugo's TOML
_NOT_PROSE = re.compile(r"`[^`\n]*`|<[^>\n]*>|\]\([^)\n]*\)|https?://\S+|\{%.*?%\}")


def folder_language(name: str, folder: Path | None, overrides: Mapping[str, str] = {}, *,
                    title: str = "", loose: bool = False, taken: Collection[str] = ()) -> str:
    """The language of the folder `name` (at `folder`), or "" when nothing tells.

    `overrides` (folder name -> code) come first; then the name as a code (`loose`: only
    two-letter languages, for folders nobody declared), its `title` in a language list, and
    the country it may code, judged by the folder's pages. `taken`: languages the site already
    has, which a country reading may not repeat.
    """
    if name in overrides:
        return overrides[name]
    said = _said(name, title, loose)
    country = region_language(name)
    if not country or any(_same(country, code) for code in (*said, *taken)):
        return said[0] if said else ""
    prose = sample_prose(folder) if folder is not None else ""
    for code in (*said, country):
        if prose_fits(code, prose):
            return code
    return said[0] if said else ""


def name_language(name: str, title: str = "", loose: bool = False) -> str:
    """What the name (or its title) says without reading any page: a sibling's `taken` language."""
    said = _said(name, title, loose)
    return said[0] if said else ""


def _said(name: str, title: str, loose: bool) -> list[str]:
    named = looks_like_language_folder(name) if loose else language_code(name)
    return [code for code in dict.fromkeys((named, language_code(title) if title else "")) if code]


def sample_prose(folder: Path, only: Sequence[str] | None = None) -> str:
    """The prose of a few of the folder's pages (`only`: of these, posix paths from the folder):
    no code, markup, links or front matter."""
    texts: list[str] = []
    size = 0
    for path in _pages(folder) if only is None else (folder / rel for rel in only):
        if path.name == "SUMMARY.md":
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        text = _NOT_PROSE.sub(" ", _FENCE.sub(" ", _FRONT_MATTER.sub("", text)))
        texts.append(text)
        size += len(text)
        if len(texts) >= _SAMPLE_PAGES or size >= _SAMPLE_CHARS:
            break
    return "\n".join(texts)[:_SAMPLE_CHARS]


def _pages(folder: Path) -> Iterator[Path]:
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(PAGE_SUFFIXES):
                yield Path(here) / name


def _same(a: str, b: str) -> bool:
    return a.split("-")[0].lower() == b.split("-")[0].lower()
