"""Compare one source section with its translation, value kind by value kind; each gives a phrase.

Every function returns short phrases ("expected …, found …") for the parity check to put into
one finding per section and kind, so an old translation gets a few findings, not hundreds.
Inside a section, endpoints, model IDs, cURL examples and code blocks are compared in order;
code spans and links as counts, since word order (and so their order) changes with the language.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from docverify.curl import CurlRequest, parse_curl
from docverify.errors import DocverifyError
from docverify.translations.facets import Facets, Item, is_neutral_span, neutral_body
from docverify.model import Curl
from docverify.credentials import is_secret_name
from docverify.page.placeholders import CANONICAL, canonical, is_placeholder_credential
from docverify.page.sections import Section

__all__ = ["compare_counts", "compare_curl", "compare_sequence", "compare_structure", "shorten"]

_MAX = 3
_SPAN = re.compile(r"`([^`]+)`")


def shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _show(values: Sequence[str], code: bool = True) -> str:
    shown = [f"`{v}`" if code else f'"{shorten(v)}"' for v in values[:_MAX]]
    more = f" and {len(values) - _MAX} more" if len(values) > _MAX else ""
    return ", ".join(shown) + more


def compare_sequence(what: str, source: Sequence[Item], translation: Sequence[Item]) -> list[str]:
    """Values in order: replaced ones say which became which, the others missing or extra."""
    a, b = [i.value for i in source], [i.value for i in translation]
    if a == b:
        return []
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            out.extend(f"expected {what} `{x.value}` (source line {x.line}), found `{y.value}` "
                       f"(line {y.line})" for x, y in zip(source[i1:i2], translation[j1:j2]))
            continue
        if i2 > i1:
            out.append(f"missing {what} {_show(a[i1:i2])} (source line {source[i1].line})")
        if j2 > j1:
            out.append(f"extra {what} {_show(b[j1:j2])} (line {translation[j1].line}) "
                       "that the source does not have")
    return out


def compare_counts(what: str, source: Sequence[Item], translation: Sequence[Item],
                   code: bool = True) -> list[str]:
    """Values as counts: which the translation lacks and which only it has (shown as written)."""
    if len(source) == len(translation) and all(x.value == y.value for x, y in zip(source, translation)):
        return []     # the same values in the same order, as in most sections: nothing to count
    a, b = Counter(i.value for i in source), Counter(i.value for i in translation)
    if a == b:
        return []
    lacking = [i.text or i.value for i in _ordered_excess(source, a - b)]
    extra = [i.text or i.value for i in _ordered_excess(translation, b - a)]
    out = []
    if lacking:
        out.append(f"{what} only in the source: {_show(lacking, code)}")
    if extra:
        out.append(f"{what} only in the translation: {_show(extra, code)}")
    return out


def _ordered_excess(items: Sequence[Item], excess: Counter[str]) -> list[Item]:
    left, out = Counter(excess), []
    for item in items:
        if left[item.value] > 0:
            left[item.value] -= 1
            out.append(item)
    return out


def _request(curl: Curl) -> CurlRequest | None:
    try:
        return parse_curl(curl.text)
    except DocverifyError:
        return None     # curl.parse reports it on the page itself


def _json_diff(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in dict.fromkeys([*a, *b]):
            where = f"{path}.{k}" if path else str(k)
            if k not in b:
                out.append(f"body field `{where}` missing")
            elif k not in a:
                out.append(f"body field `{where}` that the source does not have")
            else:
                out.extend(_json_diff(a[k], b[k], where))
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _json_diff(x, y, f"{path}[{i}]")]
    if a != b:
        return [f"body `{path or '(raw)'}`: expected {shorten(json.dumps(a, ensure_ascii=False), 50)}, "
                f"found {shorten(json.dumps(b, ensure_ascii=False), 50)}"]
    return []


def _header(name: str, value: str) -> str:
    """A header as compared across languages: a placeholder key (`Bearer 你的令牌`) is one value."""
    scheme, _, credential = value.rpartition(" ")
    if is_secret_name(name) and is_placeholder_credential(credential):
        return f"{name.lower()}: {scheme + ' ' if scheme else ''}{CANONICAL}"
    return f"{name.lower()}: {value}"


def compare_curl(source: Curl, translation: Curl) -> list[str]:
    """What the translation's example would send differently, compared as parsed requests."""
    a, b = _request(source), _request(translation)
    if a is None or b is None:
        return []
    out = []
    if a.method != b.method:
        out.append(f"method: expected {a.method}, found {b.method}")
    if canonical(a.url) != canonical(b.url):   # a placeholder host is one value in every language
        out.append(f"URL: expected `{a.url}`, found `{b.url}`")
    ha = [Item(_header(k, v), 0, f"{k.lower()}: {v}") for k, v in a.headers]
    hb = [Item(_header(k, v), 0, f"{k.lower()}: {v}") for k, v in b.headers]
    out.extend(compare_counts("header", ha, hb))
    out.extend(_json_diff(neutral_body(a.body), neutral_body(b.body)))
    return out


def compare_structure(a: Section, b: Section, fa: Facets, fb: Facets) -> list[str]:
    """What a reader of the translation loses against the source section: steps, admonitions,
    tables and code blocks that are missing, code that differs, list items that say something
    the source does not. A notice or banner that was added, moved or restyled (another admonition
    kind), or a paragraph turned into a list, loses nothing and is not reported."""
    out = []
    if a.level != b.level:
        out.append(f"expected a level-{a.level} heading, found level {b.level}")
    news = _news(fa, fb)
    fewer = len(fb.list_items) < len(fa.list_items)
    if fewer or news:
        out.append(f"expected {len(fa.list_items)} list items as in the source, found {len(fb.list_items)}")
        out.extend(p for p in compare_counts("list items", _items(fa, fb), _items(fb, fa), code=False)
                   if fewer and "only in the source" in p)
        if news:
            out.append(f"list items only in the translation: {_show([i.text for i in news], code=False)}")
    kinds_a, kinds_b = [i.value for i in fa.admonitions], [i.value for i in fb.admonitions]
    if len(kinds_b) < len(kinds_a):
        out.append(f"expected admonitions [{', '.join(kinds_a)}], found [{', '.join(kinds_b)}]")
    if _fewer_tables(fa, fb):
        out.append(f"expected tables [{'; '.join(i.value for i in fa.tables)}], "
                   f"found [{'; '.join(i.value for i in fb.tables)}]")
    for n, (x, y) in enumerate(zip(fa.code_blocks, fb.code_blocks), 1):
        if x.value != y.value:
            first = next((p for p in zip(x.value.split("\n"), y.value.split("\n")) if p[0] != p[1]),
                         (x.value.split("\n")[-1], "(end of block)"))
            out.append(f"code block {n} (line {y.line}) differs from the source's (line {x.line}): "
                       f"expected `{shorten(first[0], 50)}`, found `{shorten(first[1], 50)}`")
    if len(fa.code_blocks) != len(fb.code_blocks):
        out.append(f"expected {len(fa.code_blocks)} code block(s), found {len(fb.code_blocks)}")
    out.extend(compare_counts("code spans", fa.spans, fb.spans))
    return out


def _news(source: Facets, translation: Facets) -> list[Item]:
    """Translated list items holding a code span the source section has nowhere (a new step or
    rule); items that only restate the source's text are a paragraph made a list. (Link targets
    differ by language and are compared, mapped through the pairing, by parity.link.)"""
    known = {i.value for i in source.spans} | {v for i in source.list_items for v in i.value.split()}
    known |= {i.value for group in (source.endpoints, source.model_ids) for i in group}
    return [i for i in translation.list_items 
            if not {x.strip() for x in _SPAN.findall(i.text) if is_neutral_span(x)} <= known]


def _fewer_tables(source: Facets, translation: Facets) -> bool:
    """A table missing, or one with fewer columns or rows than the source's in the same place."""
    if len(translation.tables) < len(source.tables):
        return True
    return any(_shape(y) < _shape(x) for x, y in zip(source.tables, translation.tables))


def _shape(table: Item) -> tuple[int, int]:
    cols, _, rows = table.value.partition(" columns, ")
    return int(cols), int(rows.split()[0])


def _items(side: Facets, other: Facets) -> list[Item]:
    """List items keyed by what they say language-neutrally (code spans, link targets). Items
    with nothing neutral cannot be matched across languages, so they are only counted, unless
    the other side has no list at all: then each one is news and is shown."""
    if not other.list_items:
        return [Item(f"{i.line}", i.line, i.text) for i in side.list_items]
    return [i for i in side.list_items if i.value]
