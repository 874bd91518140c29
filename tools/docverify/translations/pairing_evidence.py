"""GitBook evidence for pairing a translated page whose path differs from its source's.

Each rule adds the pairs it can prove to `found` (translation -> (source, how)) and `taken`
(source -> translation): links between pages already paired, the importer's file-name rule
for moved pages, GitBook's pinyin file names, and the two SUMMARY.md tables of contents.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from docverify.page.anchors import gitbook_anchor
from docverify.translations.facets import links_of
from docverify.gitbook.spaces import Space, pair_pages
from docverify.gitbook.summary import read_summary
from docverify.model import Claims
from docverify.page.sections import align_pages

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["by_links", "by_name", "by_slug", "by_summary", "take", "unlisted"]


def take(found: dict[str, tuple[str, str]], taken: dict[str, str], translation: str, source: str,
         how: str) -> None:
    """One pair made: the translation is found, its source taken (no rule pairs either again)."""
    found[translation] = (source, how)
    taken[source] = translation


def by_links(pages: list[Claims], site: Site, sources: Mapping[str, Claims],
             found: dict[str, tuple[str, str]], taken: dict[str, str]) -> None:
    """Propagate pairs along links until no new pair has unambiguous evidence."""
    mine = {c.page.path for c in pages}
    memo: dict[tuple[str, str], list[tuple[str, str]]] = {}
    while True:
        votes: dict[str, Counter[str]] = defaultdict(Counter)   # translation -> source votes
        for claims in pages:
            path = claims.page.path
            if path not in found:
                continue
            source = sources[found[path][0]]
            key = (source.page.path, path)
            if key not in memo:
                memo[key] = _linked_pairs(source, claims, site)
            for s, t in memo[key]:
                if t in mine and s in sources and t not in found and s not in taken:
                    votes[t][s] += 1
        fresh = False
        wanted: dict[str, Counter[str]] = defaultdict(Counter)
        for t, counter in votes.items():
            best, n = counter.most_common(1)[0]
            if list(counter.values()).count(n) == 1:
                wanted[best][t] = n
        for s, counter in sorted(wanted.items()):
            best, n = counter.most_common(1)[0]
            if list(counter.values()).count(n) == 1 and best not in found and s not in taken:
                take(found, taken, best, s, "links")
                fresh = True
        if not fresh:
            return


def _linked_pairs(source: Claims, translation: Claims, site: Site) -> list[tuple[str, str]]:
    """(source target, translation target) of page links at the same place in aligned sections."""
    theirs_by, ours_by = links_of(source.page, site), links_of(translation.page, site)
    out = []
    for a, b in align_pages(source.page, translation.page):
        if a is None or b is None:
            continue
        theirs = [r.target for r in theirs_by[a.index] if r.kind == "page"]
        ours = [r.target for r in ours_by[b.index] if r.kind == "page"]
        if theirs and ours:
            out.extend(_align_links(theirs, ours))
    return out


def _align_links(theirs: list[str], ours: list[str]) -> list[tuple[str, str]]:
    """Links of one section pair up by position when both sides link the same number of pages
    (repeated links to one page counted once)."""
    if len(theirs) == len(ours):
        return list(zip(theirs, ours))
    theirs, ours = list(dict.fromkeys(theirs)), list(dict.fromkeys(ours))
    return list(zip(theirs, ours)) if len(theirs) == len(ours) else []


def by_name(lang: str, pages: list[Claims], site: Site, sources: Mapping[str, Claims],
            found: dict[str, tuple[str, str]], taken: dict[str, str]) -> bool:
    """The importer's rule for moved pages: a file (or README folder) name one free source page has."""
    free_sources = {c.page.rel: path for path, c in sources.items() if path not in taken}
    free = {c.page.rel: c.page.path for c in pages if c.page.path not in found}
    root = site.config.path_for("SUMMARY.md", site.config.default_language).parent
    pairs = pair_pages(Space(root, "", site.config.default_language, tuple(sorted(free_sources))),
                       Space(site.config.path_for("SUMMARY.md", lang).parent, lang, lang, tuple(sorted(free))))
    made = [p for p in pairs if p.how == "name"]
    for p in made:
        take(found, taken, free[p.page], free_sources[p.target], "name")
    return bool(made)


def by_slug(pages: list[Claims], sources: Mapping[str, Claims], found: dict[str, tuple[str, str]],
            taken: dict[str, str]) -> bool:
    """GitBook names a page's file after the title it had when created, in pinyin for Chinese: a
    translated page still named `kuai-jie-zhu-shou.md` translates the one source titled 快捷助手."""
    titles: dict[str, list[str]] = defaultdict(list)
    for path, claims in sources.items():
        titles[gitbook_anchor(claims.page.title)].append(path)
    made = False
    for claims in pages:
        stem = PurePosixPath(claims.page.rel).stem
        match = [s for s in titles.get(stem, []) if s not in taken] if "-" in stem else []
        if claims.page.path not in found and len(match) == len(titles[stem]) == 1:
            take(found, taken, claims.page.path, match[0], "slug")
            made = True
    return made


def by_summary(lang: str, pages: list[Claims], site: Site, sources: Mapping[str, Claims],
               found: dict[str, tuple[str, str]], taken: dict[str, str]) -> None:
    """Pair what links could not from the two tables of contents: same title, then same slot."""
    root = site.config.path_for("SUMMARY.md", site.config.default_language).parent
    space = site.config.path_for("SUMMARY.md", lang).parent
    theirs_toc, ours_toc = read_summary(root), read_summary(space)
    if theirs_toc is None or ours_toc is None:
        return
    theirs = [(e.title, _summary_path(root, e.path, site)) for e in theirs_toc.pages()]
    ours = [(e.title, _summary_path(space, e.path, site)) for e in ours_toc.pages()]
    theirs = [(t, p) for t, p in theirs if p in sources]
    mine = {c.page.path for c in pages}
    ours = [(t, p) for t, p in ours if p in mine]
    free_titles: dict[str, list[str]] = defaultdict(list)
    for title, path in theirs:
        if path not in taken:
            free_titles[title.strip().lower()].append(path)
    for title, path in ours:
        candidates = [p for p in free_titles.get(title.strip().lower(), []) if p not in taken]
        if path not in found and len(candidates) == 1:
            take(found, taken, path, candidates[0], "summary-title")
    keys = [found[p][0] if p in found else f"?{p}" for _, p in ours]
    matcher = difflib.SequenceMatcher(None, [p for _, p in theirs], keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            for (_, s), (_, t) in zip(theirs[i1:i2], ours[j1:j2]):
                if t not in found and s not in taken:
                    take(found, taken, t, s, "summary-position")


def _summary_path(space: Path, entry: str, site: Site) -> str:
    claims = site.get(os.path.normpath(os.path.join(str(space), unquote(entry))))
    return claims.page.path if claims is not None else ""


def unlisted(site: Site, by_lang: Mapping[str, list[Claims]]) -> frozenset[str]:
    """Pages of a GitBook space its SUMMARY.md does not list: GitBook does not publish them
    (includes, leftovers), so nobody expects them translated."""
    if site.config.syntax != "gitbook":
        return frozenset()
    listed: set[str] = set()
    for lang in (site.config.default_language, *by_lang):
        space = site.config.path_for("SUMMARY.md", lang).parent
        toc = read_summary(space)
        if toc is None:
            return frozenset()
        listed.update(_summary_path(space, e.path, site) for e in toc.pages())
    return frozenset(c.page.path for c in site.pages if c.page.path not in listed)
