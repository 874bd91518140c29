"""A page cut into sections at its headings, and two pages' sections aligned by position.

Translations keep the source's heading levels and order but not its heading text, so the
sections are aligned as a sequence (difflib over the level sequence), with the anchors both
pages share (explicit `{ #id }`, or a heading that needs no translation) pinning the alignment.
When the sequences differ, a scored alignment picks, among the ways they fit, the one whose
paired sections share the most language-neutral tokens (code spans, link and image names).
Results are cached per page object, since every check of a run asks again.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from docverify.page.anchors import github_anchor, gitbook_anchor, mkdocs_anchor
from docverify.model import Page

__all__ = ["Section", "align_pages", "align_sections", "ascii_alnum", "bucket", "is_neutral_span", "list_items",
           "pinned_anchors", "remember", "section_tokens", "sections_of", "token_similarity"]

T = TypeVar("T")
# A list item: its whole line (1) and its text (2), each line found after its line end, a
# literal the search jumps to (`[^\S\n]` is what `\s` is inside one line).
_ITEMS = re.compile(r"\n([^\S\n]{0,12}(?:[*+-]|\d{1,3}[.)])[^\S\n]+(\S[^\n]*))")
_RULE = re.compile(r"^\s*(?:[*_-]\s*){3,}$")


@dataclass(frozen=True, slots=True)
class Section:
    index: int
    level: int           # heading level; 0 for the text before the first heading
    title: str
    anchor: str
    line: int            # the heading's line (1 for the text before the first heading)

    def __str__(self) -> str:
        return f'"{self.title}"' if self.level else "the text before the first heading"


K = TypeVar("K")
V = TypeVar("V")
_LIMIT = 20_000     # entries per cache: a long `mkdocs serve` loads many sites; memory must not grow


def remember(cache: dict[K, V], key: K, value: V) -> None:
    """Store in a per-object cache (keyed by id(), checked with `is`), emptied when it grows large."""
    if len(cache) >= _LIMIT:
        cache.clear()
    cache[key] = value


_CACHE: dict[int, tuple[Page, tuple[Section, ...]]] = {}


def sections_of(page: Page) -> tuple[Section, ...]:
    """The page's sections in order: the text before the first heading, then one per heading."""
    hit = _CACHE.get(id(page))
    if hit is not None and hit[0] is page:
        return hit[1]
    out = [Section(0, 0, "", "", 1)]
    for n, h in enumerate(sorted(page.headings, key=lambda h: h.line), 1):
        out.append(Section(n, h.level, h.text, h.anchor, h.line))
    result = tuple(out)
    remember(_CACHE, id(page), (page, result))
    return result


def bucket(sections: Sequence[Section], items: Iterable[T], line: Callable[[T], int]) -> list[list[T]]:
    """Items grouped by the section their line falls in."""
    out: list[list[T]] = [[] for _ in sections]
    starts: list[int] = []      # worked out at the first item: most kinds have none on a page
    for item in items:
        if not starts:
            starts = [0] + [s.line for s in sections[1:]]
        out[max(bisect_right(starts, line(item)) - 1, 0)].append(item)
    return out


def list_items(page: Page) -> list[tuple[int, str]]:
    """(line, text) of every list item outside code blocks and front matter."""
    skip: set[int] = set()
    for block in page.code_blocks:
        skip.update(range(block.line, block.line + block.text.count("\n") + 2))
    source = page.source
    if source.split("\n", 1)[0].strip() == "---":
        lines = source.split("\n")
        end = next((i for i, text in enumerate(lines[1:], 2) if text.strip() in ("---", "...")), 0)
        skip.update(range(1, end + 1))
    text = "\n" + source      # every line after a line end: the pattern searches for that end
    out = []
    number, at = 1, 0
    for match in _ITEMS.finditer(text):
        number += text.count("\n", at, match.start())
        at = match.start()
        line = match.group(1)
        if number in skip or "* " not in line and "- " not in line and "+ " not in line \
                and ". " not in line and ") " not in line:
            continue
        if not _RULE.match(line):
            out.append((number, match.group(2).strip()))
    return out


_ALIGNED: dict[tuple[int, int], tuple[Page, Page, list[tuple[Section | None, Section | None]]]] = {}


def align_pages(source: Page, translation: Page) -> list[tuple[Section | None, Section | None]]:
    """The two pages' sections aligned (computed once per pair of pages)."""
    key = (id(source), id(translation))
    hit = _ALIGNED.get(key)
    if hit is None or hit[0] is not source or hit[1] is not translation:
        pairs = align_sections(sections_of(source), sections_of(translation),
                               pinned_anchors(source, translation), token_similarity(source, translation))
        hit = (source, translation, pairs)
        remember(_ALIGNED, key, hit)
    return hit[2]


def pinned_anchors(source: Page, translation: Page) -> frozenset[str]:
    """Anchors that name the same section in both pages: an explicit `{ #id }` both carry, or a
    heading both spell alike ("OpenAI"). Generated ids of translated text (`_1`, `api`) pin nothing."""
    same_text = {h.text for h in source.headings} & {h.text for h in translation.headings}
    alike = {h.anchor for h in source.headings if h.text in same_text}
    return frozenset((_explicit(source) & _explicit(translation)) | (alike & translation.anchors()))


_EXPLICIT: dict[int, tuple[Page, frozenset[str]]] = {}


def _explicit(page: Page) -> frozenset[str]:
    """The page's anchors that its heading text does not generate (computed once per page: a
    source page is paired with every translation of it)."""
    hit = _EXPLICIT.get(id(page))
    if hit is not None and hit[0] is page:
        return hit[1]
    slugs: dict[str, Callable[[str], str]] = {"gitbook": gitbook_anchor, "slugger": github_anchor}
    slug = slugs.get(page.syntax, mkdocs_anchor)
    repeat = "-" if page.syntax == "slugger" else "_"     # github-slugger's `x-1`, Python-Markdown's `x_1`
    out = set()
    for h in page.headings:
        natural = slug(h.text)
        if h.anchor and h.anchor != natural and not _numbered(h.anchor, natural, repeat):
            out.add(h.anchor)
    result = frozenset(out)
    remember(_EXPLICIT, id(page), (page, result))
    return result


def _numbered(anchor: str, natural: str, repeat: str = "_") -> bool:
    """`natural_2`: the id a repeated heading gets, generated like the natural one (no regex per heading)."""
    return anchor.startswith(natural + repeat) and anchor[len(natural) + 1:].isdecimal()


def align_sections(source: Sequence[Section], translation: Sequence[Section],
                   shared_anchors: frozenset[str] = frozenset(),
                   similarity: Callable[[Section, Section], float] | None = None
                   ) -> list[tuple[Section | None, Section | None]]:
    """Pairs of (source section, translation section); None where one side has no counterpart.

    difflib over the heading levels (pinned anchors included) first. If that leaves sections
    unpaired (or pairs two levels), the same level sequence fits several ways (which of three h2s was dropped?), so
    the sections are aligned again by score: same level, pinned anchor, and `similarity`."""
    def key(s: Section) -> str:
        return f"h{s.level}#{s.anchor}" if s.anchor in shared_anchors else f"h{s.level}"
    out: list[tuple[Section | None, Section | None]] = []
    _align(list(source), list(translation), key, out)
    if similarity is None or all(a is not None and b is not None and a.level == b.level for a, b in out):
        return out
    return _best(list(source), list(translation), shared_anchors, similarity)


def _best(a: list[Section], b: list[Section], pins: frozenset[str],
          similarity: Callable[[Section, Section], float]) -> list[tuple[Section | None, Section | None]]:
    """Needleman-Wunsch with free gaps: the pairing with the highest total score."""
    def score(x: Section, y: Section) -> float | None:
        if not x.level or not y.level:
            return 3.0 if x.level == y.level else None
        if x.anchor in pins or y.anchor in pins:
            return 5.0 if x.anchor == y.anchor else None
        alike = similarity(x, y)
        if x.level != y.level:     # a changed heading level needs content in common
            return 2.0 * alike if alike else None
        return 1.0 + 2.0 * alike
    n, m = len(a), len(b)
    scores = [[score(x, y) for y in b] for x in a]     # each pair scored once, for both passes
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below, pair = best[i], best[i + 1], scores[i]
        for j in range(m - 1, -1, -1):
            s = pair[j]
            here = max(below[j], row[j + 1])
            row[j] = max(here, below[j + 1] + s) if s is not None else here
    out: list[tuple[Section | None, Section | None]] = []
    i = j = 0
    while i < n and j < m:
        s = scores[i][j]
        if s is not None and best[i][j] == best[i + 1][j + 1] + s:
            out.append((a[i], b[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((a[i], None))
            i += 1
        else:
            out.append((None, b[j]))
            j += 1
    out.extend((x, None) for x in a[i:])
    out.extend((None, y) for y in b[j:])
    return out


def _align(a: list[Section], b: list[Section], key: Callable[[Section], str],
           out: list[tuple[Section | None, Section | None]]) -> None:
    matcher = difflib.SequenceMatcher(None, [key(s) for s in a], [key(s) for s in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(zip(a[i1:i2], b[j1:j2]))
        elif op == "replace" and key is not _level:
            # Anchors disagree here (translated ids): fall back to the levels alone.
            _align(a[i1:i2], b[j1:j2], _level, out)
        elif op == "replace" and i2 - i1 == j2 - j1:
            out.extend(zip(a[i1:i2], b[j1:j2]))    # same slots, a heading level changed
        else:
            out.extend((s, None) for s in a[i1:i2])
            out.extend((None, s) for s in b[j1:j2])


def _level(s: Section) -> str:
    return f"h{s.level}"


_TOKENS: dict[int, tuple[Page, list[frozenset[str]]]] = {}


def section_tokens(page: Page) -> list[frozenset[str]]:
    """Per section, what survives translation: neutral code spans, link and image file names,
    and the heading's Latin letters and digits."""
    hit = _TOKENS.get(id(page))
    if hit is not None and hit[0] is page:
        return hit[1]
    sections = sections_of(page)
    spans = bucket(sections, (s for s in page.code_spans if is_neutral_span(s.text)), lambda s: s.line)
    links = bucket(sections, page.links, lambda x: x.line)
    images = bucket(sections, page.images, lambda x: x.line)
    out = []
    for n, section in enumerate(sections):
        words = {f"`{s.text.strip()}`" for s in spans[n]}
        words.update(_name(x.target) for x in links[n])
        words.update(_name(x.src) for x in images[n])
        heading = ascii_alnum(section.title)
        if len(heading) > 2:
            words.add("#" + heading)
        out.append(frozenset(words - {""}))
    remember(_TOKENS, id(page), (page, out))
    return out


def _name(target: str) -> str:
    path = target.split("?", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1]


_NOT_ASCII_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def ascii_alnum(title: str) -> str:
    """What a heading keeps through translation: its Latin letters and digits, lower-cased
    ("API 地址" -> "api")."""
    return _NOT_ASCII_ALNUM.sub("", title.lower())


def is_neutral_span(text: str) -> bool:
    """A code span a translator must not touch: ASCII with a symbol or digit (`/`, `#`, `sk-…`),
    not a plain word, which may be a UI label the translation legitimately renders in its language."""
    text = text.strip()
    return bool(text) and text.isascii() and "://" not in text \
        and any(not (c.isalpha() or c.isspace()) for c in text)


def token_similarity(source: Page, translation: Page) -> Callable[[Section, Section], float]:
    ta, tb = section_tokens(source), section_tokens(translation)

    def similarity(a: Section, b: Section) -> float:
        x, y = ta[a.index], tb[b.index]
        return len(x & y) / len(x | y) if x and y else 0.0
    return similarity
