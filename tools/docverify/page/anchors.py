"""Heading anchors exactly as each site generator computes them (MkDocs toc, GitBook pinyin, GitHub)."""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, MutableMapping, MutableSet
from functools import lru_cache

__all__ = ["ATTR_LIST_RE", "github_anchor", "gitbook_anchor", "mkdocs_anchor", "slugger_anchor", "split_attr_list",
           "unicode_anchor", "unique_anchor"]

# Python-Markdown's attr_list on a heading: `## Title { #id .class key=value }` at the end.
ATTR_LIST_RE = re.compile(r"\s*\{:?\s*([^{}]*?)\s*\}\s*$")
_IDCOUNT_RE = re.compile(r"^(.*)_([0-9]+)$")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN_RE = re.compile(_CJK_RE.pattern + "+")
# Python-Markdown's slugify: what it drops, and the runs it turns into one hyphen.
_NOT_SLUG_RE = re.compile(r"[^\w\s-]")
_HYPHENS_RE = re.compile(r"[-\s]+")
_GITBOOK_HYPHENS_RE = re.compile(r"[-\s_]+")


def mkdocs_anchor(text: str) -> str:
    """The slug Python-Markdown's default `toc` slugify gives `text` (before de-duplication).

    It NFKD-normalises and drops every non-ASCII character, so a heading written only in
    Chinese or Bengali gets "" and, on the page, `_1`, `_2`… (see `unique_anchor`).
    """
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _NOT_SLUG_RE.sub("", value).strip().lower()
    return _HYPHENS_RE.sub("-", value)


def unicode_anchor(text: str) -> str:
    """Python-Markdown's `slugify_unicode`: the same rules, non-ASCII letters kept."""
    value = _NOT_SLUG_RE.sub("", text).strip().lower()
    return _HYPHENS_RE.sub("-", value)


def github_anchor(text: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, each space a hyphen,
    letters of every script kept ("API 地址" -> "api-地址")."""
    value = "".join(c for c in text.strip().lower()
                    if c.isalnum() or c in " -_" or unicodedata.category(c).startswith("M"))
    return value.replace(" ", "-")


def slugger_anchor(slug: str, occurrences: MutableMapping[str, int]) -> str:
    """github-slugger's `slug()` de-duplication (GitHub, Docusaurus, Starlight): a repeated slug
    gets `-1`, `-2`… counted per original slug, skipping one already taken; records the result."""
    unique = slug
    while unique in occurrences:
        occurrences[slug] += 1
        unique = f"{slug}-{occurrences[slug]}"
    occurrences[unique] = 0
    return unique


def unique_anchor(anchor: str, used: MutableSet[str],
                  ends: MutableMapping[tuple[str, int], int] | None = None) -> str:
    """Python-Markdown's `unique`: an empty or taken id gets `_1`, `_2`…; records the result.

    Python-Markdown counts up from the same number on every call, which is quadratic for a
    page of identical headings. Give `ends` (one dict per `used`) to resume where the last
    search from that (base, number) ended: `used` only grows, so every id counted past then
    is still taken and the result is the same.
    """
    if anchor in used or not anchor:
        match = _IDCOUNT_RE.match(anchor)
        base, start = (match.group(1), int(match.group(2))) if match else (anchor, 0)
        count = (start if ends is None else ends.get((base, start), start)) + 1
        while f"{base}_{count}" in used:
            count += 1
        if ends is not None:
            ends[(base, start)] = count
        anchor = f"{base}_{count}"
    used.add(anchor)
    return anchor


@lru_cache(maxsize=4096)
def gitbook_anchor(text: str) -> str:
    """GitBook's heading id: Chinese characters become toneless pinyin words.

    "API 地址" -> "api-di-zhi"; punctuation vanishes without leaving a separator, so
    "什么是 MCP（Model Context Protocol）" -> "shen-me-shi-mcpmodel-context-protocol", the id the
    corpus links to.
    """
    if _CJK_RE.search(text):
        text = _pinyin_words(text)
    value = _NOT_SLUG_RE.sub("", text.lower())
    return _GITBOOK_HYPHENS_RE.sub("-", value).strip("-")


def split_attr_list(text: str) -> tuple[str, str]:
    """(heading text without a trailing attr_list, the explicit `#id` in it or "")."""
    match = ATTR_LIST_RE.search(text)
    if not match:
        return text, ""
    ids = [part[1:] for part in match.group(1).split() if part.startswith("#") and len(part) > 1]
    if not ids and not match.group(1).strip():
        return text, ""
    return text[:match.start()].rstrip(), ids[-1] if ids else ""


def _pinyin_words(text: str) -> str:
    lazy_pinyin = _lazy_pinyin()
    # Each run of Chinese goes to pypinyin whole, so phrases pick the right reading (行 in 银行).
    return _CJK_RUN_RE.sub(lambda m: " " + " ".join(lazy_pinyin(m.group(0))) + " ", text)


@lru_cache(maxsize=1)
def _lazy_pinyin() -> Callable[..., list[str]]:
    """pypinyin's converter, imported on first use: its dictionaries take a while to load.

    The import builds ~200k lists and dicts that live as long as the process; with the
    cyclic collector running, the collections it triggers walk them again and again,
    nearly doubling the import time, so the collector waits until it is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        from pypinyin import lazy_pinyin
    finally:
        if enabled:
            gc.enable()
    return lazy_pinyin
