"""The language-neutral content of a page, section by section: what a translation must keep.

Prose is translated; endpoints, model IDs, cURL requests, code, code spans that are not words,
link targets, image files and the shape (list items, admonitions, tables) are not. Each value
keeps its line so a finding can name it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from docverify.model import Claims, Curl, Page
from docverify.page.placeholders import canonical
from docverify.page.sections import Section, bucket, is_neutral_span, list_items, remember, sections_of
from docverify.site.docusaurus_links import resolve_doc_link
from docverify.site.starlight_urls import starlight_page
from docverify.site.urls import source_for_url

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["PROSE_KEYS", "Facets", "Item", "LinkRef", "facets_of", "image_key", "is_neutral_span", "links_of",
           "neutral_body", "resolve_link"]

_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_FOLDER_PAGES = ("README.md", "index.md")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_COMMENT = ("#", "//", "<!--", "--", ";")


@dataclass(frozen=True, slots=True)
class Item:
    value: str           # what is compared
    line: int
    text: str = ""       # what a finding shows, when it is not the value


@dataclass(frozen=True, slots=True)
class LinkRef:
    line: int
    kind: str            # "url" | "page" | "self" | "other"
    target: str          # normalised URL, the target page's path, or the raw target
    fragment: str
    text: str
    raw: str             # the target as written


@dataclass(frozen=True, slots=True)
class Facets:
    section: Section
    endpoints: tuple[Item, ...]
    model_ids: tuple[Item, ...]
    curls: tuple[Curl, ...]
    code_blocks: tuple[Item, ...]
    spans: tuple[Item, ...]
    images: tuple[Item, ...]
    list_items: tuple[Item, ...]
    admonitions: tuple[Item, ...]
    tables: tuple[Item, ...]


# JSON keys whose string values are natural language a translation may render in its language
# (a chat message, a prompt); their presence counts, their text does not.
PROSE_KEYS = frozenset({"content", "text", "prompt", "input", "system", "instructions", "query",
                        "question", "description", "negative_prompt", "title"})


def neutral_body(body: str | None) -> Any:
    """A request body as compared across languages: JSON with prose values blanked, else the text."""
    if body is None:
        return None
    try:
        return _neutral(json.loads(body))
    except ValueError:
        return " ".join(body.split())


def _neutral(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _neutral(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_neutral(v, key) for v in value]
    if isinstance(value, str) and key in PROSE_KEYS:
        return "<text>"
    return value


_TRAILING_COMMENT = re.compile(r"\s+(?:#|//)\s.*$")


def _code(text: str) -> str:
    """Code without comments (translators translate them) and with non-ASCII runs blanked."""
    lines = (_TRAILING_COMMENT.sub("", line).strip() for line in text.split("\n"))
    kept = (_NON_ASCII.sub("…", line) for line in lines if line and not line.startswith(_COMMENT))
    return "\n".join(kept)


_CACHE: dict[int, tuple[Claims, tuple[Facets, ...]]] = {}


def facets_of(claims: Claims) -> tuple[Facets, ...]:
    """The page's language-neutral values, one Facets per section (computed once per page)."""
    hit = _CACHE.get(id(claims))
    if hit is not None and hit[0] is claims:
        return hit[1]
    page = claims.page
    sections = sections_of(page)
    curl_lines = {n for c in claims.curls for n in range(c.line, c.line + c.text.count("\n") + 1)}
    curl_starts = {c.line - 1 for c in claims.curls}
    # A placeholder host (`你的服务器地址`, `your-server-address`) is one value in every language.
    endpoints = [Item(canonical(e.url), e.line, e.url) for e in claims.endpoints if e.line not in curl_lines]
    models = [Item(m.id, m.line) for m in claims.model_ids if m.line not in curl_lines]
    blocks = [Item(_code(b.text), b.line, b.lang) for b in page.code_blocks if b.line not in curl_starts]
    claimed = {e.url for e in claims.endpoints} | {m.id for m in claims.model_ids}
    # endpoints and model IDs written as code spans are compared as what they are, once
    spans = [Item(s.text.strip(), s.line) for s in page.code_spans
             if is_neutral_span(s.text) and s.text.strip() not in claimed]
    # GitBook spaces upload their own copies of the screenshots under names of their own
    # ("image (15).png"), so there only the number of images is language-neutral.
    images = [Item("image" if page.syntax == "gitbook" else image_key(i.src), i.line, i.src) for i in page.images]
    items = [Item(_fingerprint(text), line, text) for line, text in list_items(page)]
    notes = [Item(a.kind, a.line, a.title) for a in page.admonitions if not a.machine_translated]
    tables = [Item(f"{len(t.header)} columns, {len(t.rows)} rows", t.line) for t in page.tables]

    def split(values: Sequence[Item]) -> list[list[Item]]:
        return bucket(sections, values, lambda i: i.line)
    e, m, b, sp, im, li, ad, tb = (split(v) for v in (endpoints, models, blocks, spans, images, items, notes, tables))
    cu = bucket(sections, claims.curls, lambda c: c.line)
    result = tuple(Facets(s, tuple(e[n]), tuple(m[n]), tuple(cu[n]), tuple(b[n]), tuple(sp[n]), tuple(im[n]),
                          tuple(li[n]), tuple(ad[n]), tuple(tb[n]))
                   for n, s in enumerate(sections))
    remember(_CACHE, id(claims), (claims, result))
    return result


_SPAN = re.compile(r"`([^`]+)`")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)")


def _fingerprint(text: str) -> str:
    """What a list item says that survives translation: its code spans and link targets."""
    spans = _SPAN.findall(text) if "`" in text else []     # most items hold neither
    links = _LINK_TARGET.findall(text) if "](" in text else []
    return " ".join([*(s for s in spans if is_neutral_span(s)), *links])


def image_key(src: str) -> str:
    """An image compared by its file name: each GitBook space keeps its own copy of the assets."""
    path = unquote(urlsplit(src.strip()).path)
    return path.rstrip("/").rsplit("/", 1)[-1] or src


def _link_cache(site: Site) -> dict[int, tuple[Page, list[list[LinkRef]]]]:
    return {}


def links_of(page: Page, site: Site) -> list[list[LinkRef]]:
    """The page's links, resolved, grouped by section (computed once per page and site)."""
    cache = site.derived(_link_cache)     # resolved against this site: it dies with it
    hit = cache.get(id(page))
    if hit is not None and hit[0] is page:
        return hit[1]
    refs = []
    for link in page.links:
        target = link.target.strip()
        raw, _, fragment = target.partition("#")
        if not target:
            continue
        if _EXTERNAL.match(target):
            parts = urlsplit(target)
            url = f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"
            refs.append(LinkRef(link.line, "url", url + (f"?{parts.query}" if parts.query else ""),
                                parts.fragment, link.text, target))
        elif not raw:
            refs.append(LinkRef(link.line, "self", page.path, unquote(fragment), link.text, target))
        else:
            found = resolve_link(page, target, site)
            if found is None:
                refs.append(LinkRef(link.line, "other", raw, unquote(fragment), link.text, target))
            else:
                refs.append(LinkRef(link.line, "page", found[0].page.path, unquote(found[1]), link.text, target))
    result = bucket(sections_of(page), refs, lambda r: r.line)
    remember(cache, id(page), (page, result))
    return result


def resolve_link(page: Page, target: str, site: Site) -> tuple[Claims, str] | None:
    """The site page a relative link lands on (folders give their README/index) and its fragment."""
    target = target.strip()
    if not target or _EXTERNAL.match(target) or target.startswith("#"):
        return None
    raw, _, fragment = target.partition("#")
    raw = unquote(raw.partition("?")[0])
    if not raw:
        return None
    if site.config.generator == "starlight":
        served, url = starlight_page(site.config, page.path, raw)
        if url:     # a URL Starlight serves a page at
            known = site.get(str(served)) if served is not None else None
            return (known, fragment) if known is not None else None
    if site.config.layout == "docusaurus":
        doc = resolve_doc_link(site.config.docs_dir, page.path, raw)
        if doc is not None:     # a markdown file link of a doc: found where Docusaurus looks
            known = site.get(doc.file) if doc.file else None
            return (known, fragment) if known is not None else None
    if site.config.generator == "hugo" and raw.startswith("/"):
        served = source_for_url(site.config, raw)     # a URL Hugo serves (`/zh-cn/docs/`)
        known = site.get(str(served)) if served is not None else None
        return (known, fragment) if known is not None else None
    full = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(page.path)), raw))
    found = site.get(full)
    if found is None and (raw.endswith("/") or os.path.isdir(full)):
        names = (*_FOLDER_PAGES, "_index.md") if site.config.generator == "hugo" else _FOLDER_PAGES
        found = next((c for c in (site.get(os.path.join(full, n)) for n in names) if c), None)
    if found is None and site.config.layout in ("suffix", "folder"):
        # MkDocs i18n: `providers.md` is the page in the reader's language (else the default one)
        rel, _ = site.config.locate(full)
        found = site.get(rel, page.lang) or site.get(rel)
    return (found, fragment) if found is not None else None
