"""Heading anchors: GitBook's explicit `<a id>` and its pinyin anchors, kept as attr_list ids."""

from __future__ import annotations

import re

from docverify.page.anchors import gitbook_anchor, mkdocs_anchor
from docverify.gitbook.context import PageContext

HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
_EXPLICIT = re.compile(r'\s*<a\s+href="#(?P<id>[^"]+)"\s+id="(?P=id)"\s*>\s*</a>\s*$')
_LINK_FRAGMENT = re.compile(r'(?:\]\([^)\s#]*|href="[^"#]*)#(?P<frag>[^)\s"]+)')


def used_fragments(text: str) -> set[str]:
    """Every `#fragment` a page's links use (into itself or another page)."""
    return {m.group("frag") for m in _LINK_FRAGMENT.finditer(text)}


def convert_heading(line: str, ctx: PageContext, seen: set[str], number: int) -> str:
    """The heading with the id its existing links need, when the site would not produce it.

    In the source language the GitBook anchor is kept whenever a link uses it. A translated
    heading gets an id only when its own GitBook anchor is the one used: a translation whose
    heading no longer yields the anchor its links use stays broken, for `link.anchor` to show.
    """
    m = HEADING.match(line)
    if m is None:
        return line
    text = m.group("text")
    explicit = _EXPLICIT.search(text)
    if explicit:
        ctx.tally.convert("heading-anchor")
        anchor = explicit.group("id")
        seen.add(anchor)
        return f"{m.group('hashes')} {text[:explicit.start()].rstrip()} {{ #{anchor} }}"
    anchor = gitbook_anchor(text)
    if (anchor and anchor in ctx.used_anchors and anchor not in seen
            and anchor != mkdocs_anchor(text)):
        seen.add(anchor)
        ctx.tally.convert("pinyin-anchor")
        return f"{m.group('hashes')} {text} {{ #{anchor} }}"
    seen.add(anchor)
    return line
