"""Pair every translated page with the source page it translates, and say on what evidence.

The site's i18n layout pairs pages by rel (site.counterpart). A translation may name its source
explicitly in front matter (`translation_of: providers/doubao.md`, a rel in the source language
or a path relative to the page). GitBook trees whose translated spaces keep an older structure
need evidence: the same path first, then links (if A ↔ A' and A's k-th page link goes to B while
A''s k-th goes to B', then B ↔ B'), then the importer's file-name rule for moved pages
(gitbook/spaces.py) and GitBook's pinyin file names (`kuai-jie-zhu-shou.md` is the page once
titled 快捷助手), then the SUMMARY.md table of contents (a language-neutral title such as
"OpenAI", then the position between pages already paired). Those GitBook rules live in
pairing_evidence.py. Last, a translation still alone may translate a renamed source page
(renames.py: git's rename detection, or the same language-neutral claims where there is no
history). This module orders the rules and keeps the result.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docverify.model import Claims
from docverify.translations.pairing_evidence import by_links, by_name, by_slug, by_summary, take, unlisted
from docverify.translations.renames import by_claims, by_git_rename, git_renames, site_repo

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["NAVIGATION", "Pair", "Pairing", "pairing_for"]

NAVIGATION = frozenset({"SUMMARY.md"})   # GitBook's table of contents: navigation, not a page


@dataclass(frozen=True, slots=True)
class Pair:
    source: str          # the source page's path (as findings show it)
    translation: str     # the translated page's path
    lang: str
    how: str    # layout, path, front-matter, links, name, slug, summary-title, summary-position, rename


@dataclass(frozen=True)
class Pairing:
    """Every pair made, and the pages no evidence could pair."""

    pairs: tuple[Pair, ...]
    unpaired_sources: Mapping[str, tuple[str, ...]]   # lang -> source paths with no page in lang
    unpaired_translations: tuple[str, ...]            # translated pages with no source page
    unlisted: frozenset[str]                          # GitBook pages no SUMMARY.md lists (not published)
    _source_of: Mapping[str, str]
    _translations: Mapping[str, Mapping[str, str]]
    _how: Mapping[str, str] = field(default_factory=dict)

    def source_of(self, path: str) -> str | None:
        return self._source_of.get(path)

    def how(self, translation: str) -> str:
        """The evidence that paired a translation ("" when unpaired)."""
        return self._how.get(translation, "")

    def translations(self, source_path: str) -> Mapping[str, str]:
        """lang -> translated path of a source page."""
        return self._translations.get(source_path, {})

    def counts(self) -> Counter[str]:
        return Counter(p.how for p in self.pairs)


def pairing_for(site: Site) -> Pairing:
    """The site's pairing, computed once per Site (checks ask for it page by page)."""
    return site.derived(_build)


def _is_page(claims: Claims, site: Site) -> bool:
    return not (site.config.syntax == "gitbook" and claims.page.rel in NAVIGATION)


def _build(site: Site) -> Pairing:
    default = site.config.default_language
    sources = {c.page.path: c for c in site.pages if c.page.lang == default and _is_page(c, site)}
    found: dict[str, tuple[str, str]] = {}          # translation path -> (source path, how)
    by_lang: dict[str, list[Claims]] = defaultdict(list)
    for claims in site.pages:
        if claims.page.lang and claims.page.lang != default and _is_page(claims, site):
            by_lang[claims.page.lang].append(claims)
    for lang, pages in by_lang.items():
        taken: dict[str, str] = {}                  # source path -> translation path, in lang
        _explicit(pages, site, sources, found, taken)
        for claims in pages:
            match = site.counterpart(claims.page, default)
            if claims.page.path not in found and match is not None and match.page.path in sources \
                    and match.page.path not in taken:
                how = "path" if site.config.syntax == "gitbook" else "layout"
                take(found, taken, claims.page.path, match.page.path, how)
        renames = site.derived(_renames) if any(c.page.path not in found for c in pages) else {}
        if renames:     # git saw the source renamed: stronger evidence than titles or positions
            by_git_rename(pages, site, sources, found, taken, renames)
        if site.config.syntax == "gitbook":
            by_links(pages, site, sources, found, taken)
            if by_name(lang, pages, site, sources, found, taken) | by_slug(pages, sources, found, taken):
                by_links(pages, site, sources, found, taken)
            by_summary(lang, pages, site, sources, found, taken)
        if renames is None and any(c.page.path not in found for c in pages):
            by_claims(pages, sources, found, taken)     # no history: the same neutral claims
    return _result(site, sources, by_lang, found)


def _renames(site: Site) -> dict[str, str] | None:
    top = site.derived(site_repo)
    return git_renames(site.config.docs_dir, top) if top is not None else None


def _explicit(pages: Iterable[Claims], site: Site, sources: Mapping[str, Claims],
              found: dict[str, tuple[str, str]], taken: dict[str, str]) -> None:
    for claims in pages:
        named = claims.page.front_matter.get("translation_of")
        if not isinstance(named, str) or not named.strip():
            continue
        beside = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(claims.page.path)), named))
        source = site.get(beside) or site.get(named.strip().lstrip("/"))
        if source is not None and source.page.path in sources:
            take(found, taken, claims.page.path, source.page.path, "front-matter")


def _result(site: Site, sources: Mapping[str, Claims], by_lang: Mapping[str, list[Claims]],
            found: Mapping[str, tuple[str, str]]) -> Pairing:
    pairs = tuple(Pair(s, t, site.get(t).page.lang, how)  # type: ignore[union-attr]
                  for t, (s, how) in sorted(found.items()))
    translations: dict[str, dict[str, str]] = defaultdict(dict)
    for p in pairs:
        translations[p.source][p.lang] = p.translation
    unpaired_sources = {lang: tuple(s for s in sources if lang not in translations.get(s, {}))
                        for lang in site.config.languages if lang != site.config.default_language}
    unpaired = tuple(c.page.path for pages in by_lang.values() for c in pages if c.page.path not in found)
    return Pairing(pairs, unpaired_sources, unpaired, unlisted(site, by_lang),
                   {p.translation: p.source for p in pairs}, {k: dict(v) for k, v in translations.items()},
                   {p.translation: p.how for p in pairs})
