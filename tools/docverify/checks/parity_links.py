"""Link targets made comparable across languages: each mapped to the source-language page and section.

A translation's link to its own language's page B' is the same claim as the source's link to B
when B ↔ B' are paired; `#anchor`s are the same when they land in aligned sections (or spell
the same anchor, as GitBook spaces keep the source's pinyin anchors), whatever their text.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from docverify.translations.facets import Item, LinkRef, links_of
from docverify.model import Claims, Page
from docverify.translations.pairing import pairing_for
from docverify.page.sections import align_pages, remember, sections_of

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["link_items"]

_ANCHORS: dict[int, tuple[Page, dict[str, int]]] = {}


def link_items(source: Claims, translation: Claims, site: Site) -> tuple[list[list[Item]], list[list[Item]]]:
    """Per section, the link targets of both pages as comparable Items (value: key, text: as written)."""
    src = [[Item(_source_key(r, source.page, site), r.line, r.raw) for r in refs]
           for refs in links_of(source.page, site)]
    tr = [[Item(_translation_key(r, source.page, translation.page, site), r.line, r.raw) for r in refs]
          for refs in links_of(translation.page, site)]
    return src, tr


def _section_of(page: Page, fragment: str) -> int | None:
    hit = _ANCHORS.get(id(page))
    if hit is None or hit[0] is not page:
        index: dict[str, int] = {}
        for s, h in zip(sections_of(page)[1:], sorted(page.headings, key=lambda h: h.line)):
            for anchor in (h.anchor, *h.aliases):
                index.setdefault(anchor, s.index)
        hit = (page, index)
        remember(_ANCHORS, id(page), hit)
    return hit[1].get(fragment)


def _aligned(source: Page, translation: Page) -> dict[int, int]:
    """Translation section index -> source section index."""
    return {b.index: a.index for a, b in align_pages(source, translation) if a is not None and b is not None}


def _anchor(page: Page, fragment: str) -> str:
    if not fragment:
        return ""
    index = _section_of(page, fragment)
    return f"§{index}" if index is not None else f"#{fragment}"


def _source_key(ref: LinkRef, page: Page, site: Site) -> str:
    if ref.kind == "url":
        return f"url {ref.target}#{ref.fragment}" if ref.fragment else f"url {ref.target}"
    if ref.kind == "other":
        return f"other {os.path.basename(ref.target)}"
    target = page if ref.kind == "self" else _page(ref.target, site)
    if not ref.fragment and target.lang != site.config.default_language:
        # a link to a translation (`[简体中文](README.zh-CN.md)` of a language switcher) is the
        # translation's link to its own version of that page, or the source's link to the source
        return f"page {_mapped(target, site) or target.path}"
    return f"page {target.path}{_anchor(target, ref.fragment)}"


def _translation_key(ref: LinkRef, source: Page, page: Page, site: Site) -> str:
    if ref.kind in ("url", "other"):
        return _source_key(ref, page, site)
    target = page if ref.kind == "self" else _page(ref.target, site)
    mapped_path = source.path if ref.kind == "self" else _mapped(target, site, page.lang)
    if mapped_path is None:
        return f"unpaired {target.path}#{ref.fragment}"
    mapped = _page(mapped_path, site)
    if not ref.fragment:
        return f"page {mapped.path}"
    index = _section_of(target, ref.fragment)
    if index is not None and mapped is not target:
        aligned = _aligned(mapped, target).get(index)
        if aligned is not None:
            return f"page {mapped.path}§{aligned}"
    # an anchor that does not land in the translated page may still be the source's own id
    return f"page {mapped.path}{_anchor(mapped, ref.fragment)}"


def _mapped(target: Page, site: Site, lang: str = "") -> str | None:
    if target.lang == site.config.default_language:
        if site.config.generator == "starlight" and lang and lang != target.lang \
                and site.counterpart(target, lang) is not None:
            # Starlight localizes no link: this one shows a reader of `lang` the source-language
            # page where their own language has it
            return None
        return target.path
    return pairing_for(site).source_of(target.path)


def _page(path: str, site: Site) -> Page:
    claims = site.get(path)
    assert claims is not None, path    # links_of only yields pages of the site
    return claims.page
