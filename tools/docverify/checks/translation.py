"""What machine translation breaks besides notes: prose in the wrong language, a page wrapped in a fence, cut tables and lists.

| id | severity | when |
|---|---|---|
| `translation.language` | error | a paragraph, heading, table cell or admonition title is in a language neither the page's nor plausible there (left in the source language: with the source line) |
| `translation.language` | warning | the same, where the text is short or the identification unsure |
| `translation.wrapped` | error | the page body, or most of it, is inside a ```` ```markdown ```` (or plain, or indented) code block the source does not have |
| `translation.truncated` | error | a table, list or code block has clearly fewer rows than its counterpart in the source |

Only translated pages are checked (a page of the site's default language is the source). Code,
URLs, link targets and markup are not prose (checks/prose.py strips them); a block mostly in
the page's own script is in its language, borrowed product names and terms included; a block in
another script needs enough letters to be prose, and a block in the page's own script is sent
to the language identifier (site/langid.py) only when that script is shared by several
languages and the block is long enough to tell.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from docverify.site.langid import SCRIPTS, Guess, identify, script_counts, script_of
from docverify.checks.leak import any_between, is_translation, leaks_of, source_page
from docverify.checks.prose import Block, blocks_of, code_lines
from docverify.checks.text import think_lines
from docverify.model import Claims, CodeBlock, Finding, Page, Severity
from docverify.page.sections import align_pages, bucket, remember, sections_of
from docverify.translations.facets import facets_of

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["TRANSLATION_IDS", "check_translation", "wrapped_in"]

TRANSLATION_IDS = ("translation.language", "translation.truncated", "translation.wrapped")

_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")
# Scripts several languages share: there the identifier tells which one.
_SHARED = frozenset({"latin", "cyrillic", "arabic", "devanagari"})
# Scripts that name one language, so the script alone says which.
# py3langid names Wu and Cantonese apart; in docs Han text is Chinese (zh) for the reader.
_CHINESE = {"wuu": "zh", "yue": "zh"}
_SCRIPT_LANG = {"greek": "el", "bengali": "bn", "hangul": "ko", "kana": "ja", "thai": "th", "hebrew": "he"}
_WORD_ASCII = re.compile(_WORD.pattern, re.ASCII)    # the same words in ASCII text, found faster


def _words(text: str) -> list[str]:
    """_WORD's matches in `text`."""
    return (_WORD_ASCII if text.isascii() else _WORD).findall(text)


def check_translation(claims: Claims, site: Site) -> Iterator[Finding]:
    """translation.leak (notes about the translation, checks/leak.py), .wrapped, .language and
    .truncated for a translated page. They judge a translation against its source, so they run
    with the parity group, which pairs the pages; each asks for the source only when it must."""
    page = claims.page
    if not is_translation(page, site):
        return
    for leak in leaks_of(page, site):
        lines = f"line {leak.line}" if leak.end <= leak.line else f"lines {leak.line}-{leak.end}"
        yield Finding("translation.leak", Severity.ERROR, page.path, leak.line,
                      f"expected translated text only, found a note about the translation "
                      f"({lines}: {leak.excerpt[:60]!r}): {leak.why}",
                      "delete the translator's note and re-check the translation around it")
    wrapped = wrapped_in(page, site)
    if wrapped is not None:
        yield Finding("translation.wrapped", Severity.ERROR, page.path, wrapped.line,
                      f"expected the page as markdown, found its body inside a "
                      f"```{wrapped.info or ''} code block (line {wrapped.line}, "
                      f"{wrapped.text.count(chr(10))} lines) that the source does not have: readers "
                      "see the page as one block of code",
                      "remove the fence lines around the page (the translation model added them)")
    yield from _language(page, site)
    source = source_page(page, site)
    origin = site.get(source.path) if source is not None else None
    if origin is not None:
        yield from _truncated(claims, origin)


# ---------------------------------------------------------------- wrapped

_MARKDOWNISH = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|\||!\[|\{%|<figure|<details)|\]\(", re.MULTILINE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s", re.MULTILINE)
_WRAPPING = frozenset({"", "markdown", "md", "gfm", "text"})


# Checked against the site too: whether the source has such a block depends on the site's source page.
_WRAPPED: dict[int, tuple[Page, Site, CodeBlock | None]] = {}


def wrapped_in(page: Page, site: Site) -> CodeBlock | None:
    """The code block that holds a translated page's body, if the translation wrapped it in one
    (computed once per page object and site)."""
    hit = _WRAPPED.get(id(page))
    if hit is None or hit[0] is not page or hit[1] is not site:
        hit = (page, site, _wrapping_block(page, site))
        remember(_WRAPPED, id(page), hit)
    return hit[2]


def _wrapping_block(page: Page, site: Site) -> CodeBlock | None:
    body = -1       # the page's non-blank lines, counted once a block looks like markdown
    for block in page.code_blocks:
        if block.lang not in _WRAPPING:
            continue
        marks = len(_MARKDOWNISH.findall(block.text))
        has_heading = _HEADING.search(block.text) is not None
        if marks < 3 and not has_heading:
            continue
        if body < 0:
            body = sum(1 for text in page.source.split("\n") if text.strip())
        inside = block.text.count("\n") + 2
        # most of the page, or the page's only heading: the reader gets a code block for a page
        if not (inside >= body - inside or has_heading and not _headings_outside(page, block)):
            continue
        if any(leak.line <= block.line <= leak.end for leak in leaks_of(page, site)):
            continue    # a code block holding a leaked note is the note's, not the page's
        source = source_page(page, site)
        if source is not None and any(_same_wrapper(block, s) for s in source.code_blocks):
            continue    # the source shows markdown in a code block too
        return block
    return None


def _same_wrapper(block: CodeBlock, other: CodeBlock) -> bool:
    """The source has a markdown code block of about the same size (a page showing markdown)."""
    if other.lang not in _WRAPPING:
        return False
    a, b = block.text.count("\n"), other.text.count("\n")
    return abs(a - b) <= max(3, a // 3)


def _headings_outside(page: Page, block: CodeBlock) -> bool:
    end = block.line + block.text.count("\n") + 1
    return any(not block.line <= h.line <= end for h in page.headings)


# ---------------------------------------------------------------- language

_MIN_LETTERS = {"latin": 25, "cyrillic": 20, "greek": 20, "arabic": 15, "hebrew": 15, "devanagari": 12,
                "bengali": 12, "thai": 12, "han": 6, "kana": 6, "hangul": 6}


def _language(page: Page, site: Site) -> Iterator[Finding]:
    own = script_of(page.lang)
    candidates = _candidate_lines(page, own, site)
    if not candidates:
        return      # the common case: one or two regexes over the page found nothing to judge
    base = page.lang.split("-")[0].lower()
    source_lang = site.config.default_language.split("-")[0].lower()
    skip = think_lines(page) | {n for leak in leaks_of(page, site) for n in range(leak.line, leak.end + 1)}
    vocabulary = _vocabulary(site, page.lang)[0] if own in _SHARED else frozenset()
    source = source_page(page, site)
    said = _texts(source) if source is not None else frozenset()
    blocks = [b for b in blocks_of(page) if b.kind != "comment" and b.line not in skip
              and any_between(candidates, b.line, b.line + b.raw.count("\n"))]
    for block in blocks:
        if vocabulary and _mostly_known(block.text, vocabulary):
            continue    # its words are the site's: the page's language, however technical
        if block.text in said:
            # the source has this very text: left untranslated if it is in the source's script,
            # else in that language in the source too (a licence, a quote): no model needed
            sure = _untranslated(block.text, own, script_of(source_lang))
            if sure is None:
                continue
            found: tuple[str, bool] | None = (source_lang, sure)
        else:
            found = _judge(block.text, base, own)
        if found is None:
            continue
        lang, sure = found
        at = _source_line(block, source)
        if at and lang != source_lang:
            continue    # the source has this text in that language too
        severity = Severity.ERROR if sure else Severity.WARNING
        where = {"cell": "table cell", "title": "admonition title", "item": "list item"}.get(block.kind, block.kind)
        excerpt = block.text if len(block.text) <= 60 else block.text[:59] + "…"
        if lang == source_lang:
            yield Finding("translation.language", severity, page.path, block.line,
                          f"expected {page.lang}, found a {where} left in the source language ({lang}): "
                          f"{excerpt!r}" + (f" (source line {at})" if at else ""),
                          "translate it" + (f" from {source.path}:{at}" if source is not None and at else ""))
        else:
            yield Finding("translation.language", severity, page.path, block.line,
                          f"expected {page.lang}, found a {where} in {lang}: {excerpt!r}",
                          f"translate it into {page.lang} (the translation model answered in another language)")


def _texts(page: Page) -> frozenset[str]:
    return frozenset(b.text for b in blocks_of(page))


def _mostly_known(text: str, vocabulary: frozenset[str]) -> bool:
    prose = [w for w in _words(text) if w[0].islower()]
    return len(prose) >= 8 and sum(w in vocabulary for w in prose) >= 0.5 * len(prose)


def _untranslated(text: str, own: str, source_script: str) -> bool | None:
    """For text the source has too: whether it is prose in the source's script (and whether
    surely so), by the same measures as _judge; None when it is not."""
    counts = script_counts(text)
    if not counts:
        return None
    script = max(counts, key=lambda k: counts[k])
    n = counts[script]
    if script != source_script:
        return None
    if own == "kana" and not counts.get("kana") and n < 15:
        return None     # a short kanji phrase is Japanese as much as Chinese
    if n < _MIN_LETTERS.get(script, 20) or n < sum(counts.values()) * 0.6:
        return None
    words = _words(text)
    if script == "latin" and (len(words) < 5 or _names_only(words)):
        return None
    return n >= (30 if script in ("han", "kana", "hangul") else 40)


# A line with no letter of the page's own script (Japanese: no kana), long enough to hold prose.
_NOT_OWN = {name: re.compile(rf"^[^\n{pattern.pattern[1:-1]}]{{12,}}$", re.MULTILINE)
            for name, pattern in SCRIPTS.items() if name != "latin"}
# A letter of a script other than Latin, Han and kana (on a Japanese page: Hangul, Cyrillic, …).
_OTHER_THAN_HAN = re.compile("[" + "".join(p.pattern[1:-1] for n, p in SCRIPTS.items()
                                           if n not in ("latin", "han", "kana")) + "]")
# A run of letters of a script other than Latin.
_NON_LATIN = re.compile("[" + "".join(p.pattern[1:-1] for n, p in SCRIPTS.items() if n != "latin") + "]{4,}")


_MARKUP = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|\]\([^)\n]*\)|<[^>\n]*>|(?:https?|ftp)://\S+|`[^`\n]*`"
                     r"|\{%[^\n]*?%\}")
_EMAIL = re.compile(r"\S+@\S+\.\w+")


def _visible(text: str) -> str:
    """Text without what a reader does not read as prose (images, link targets, tags, URLs, code
    spans); none spans a line end, so the lines stay where they were."""
    return _MARKUP.sub(" ", text)


def _prose_like(found: str, own: str) -> bool:
    """Enough letters to be prose in _judge's eyes (Japanese: kanji without kana need 15)."""
    letters = len(_LETTER.findall(found))
    if letters < 6:
        return False
    if found.isascii():
        return letters >= 25 and len(_words(found)) >= 5 and _SENTENCE.search(found) is not None
    if own != "kana":
        return True
    han = len(SCRIPTS["han"].findall(found))
    return han >= 15 or letters - han >= 6


def _candidate_lines(page: Page, own: str, site: Site) -> list[int]:
    """Lines that may hold prose in another language, found on the raw page text: lines without
    the page's own script (or, on a Latin page, with a run of another script), and on a page
    whose script several languages share, long lines whose words are mostly not the site's
    (_vocabulary). _judge decides on the blocks that hold them."""
    text = page.source
    found: set[int] = set()
    visible = ""
    if own == "latin":
        if _NON_LATIN.search(text):
            # not in a link target, file name or code span
            visible = _visible(text)
            found.update(_lines_of(visible, (m.start() for m in _NON_LATIN.finditer(visible))))
    else:
        starts = []
        for m in _NOT_OWN[own].finditer(text):
            row = m.group(0).strip()
            if row.isascii():
                if not _SENTENCE.search(row):
                    continue    # no three words in a row: markup, a path, a table of names
            elif own == "kana" and not _OTHER_THAN_HAN.search(row) and not _SENTENCE.search(row) \
                    and len(SCRIPTS["han"].findall(row)) < 15:
                continue        # a short line of kanji is Japanese as much as Chinese
            # a table row is judged cell by cell: model names side by side are not a sentence
            if any(_prose_like(_EMAIL.sub(" ", _visible(part)), own) for part in (row.strip("|").split("|") if row.startswith("|") else (row,))):
                starts.append(m.start())
        found.update(_lines_of(text, starts))
    if own in _SHARED:
        vocabulary, words = _vocabulary(site, page.lang)
        mine = words.get(page.path)
        unseen = {w for w in (mine if mine is not None else set(_words(text))) - vocabulary
                  if w[0].islower()}
        if len(unseen) >= 8:    # else no line can hold 8 words the site does not use elsewhere
            for number, raw in enumerate((visible or _visible(text)).split("\n"), 1):
                if len(raw) < 50:
                    continue
                words_here = _words(raw)
                if len(words_here) < 8 or unseen.isdisjoint(words_here):
                    continue    # most lines: too short, or every word is one the site uses
                prose = [w for w in words_here if w[0].islower()]
                if len(prose) >= 8 and sum(w in unseen for w in prose) > 0.5 * len(prose):
                    found.add(number)
    if not found:
        return []
    skip = code_lines(page)
    if text.startswith("---"):      # front matter: metadata, not prose on the page
        end = text.find("\n---", 3)
        skip.update(range(1, text.count("\n", 0, end) + 3 if end > 0 else 1))
    return sorted(found - skip)


def _lines_of(text: str, positions: Iterable[int]) -> list[int]:
    out, line, at = [], 1, 0
    for pos in positions:       # ascending
        line += text.count("\n", at, pos)
        at = pos
        out.append(line)
    return out


def _judge(text: str, lang: str, own: str) -> tuple[str, bool] | None:
    """(language found, sure) when `text` is prose in a language other than `lang`; else None."""
    if len(text) < 6:
        return None
    total = len(_LETTER.findall(text))
    if total < 6:
        return None
    # The common case costs one or two regexes: the block is mostly in the page's own script.
    if own == "kana":
        kana, han = len(SCRIPTS["kana"].findall(text)), len(SCRIPTS["han"].findall(text))
        if not kana and han < 15:
            return None     # a short kanji-only phrase ("画像処理", "天気検索") is Japanese too
        mine = kana + han if kana else 0     # Han without any kana is not Japanese prose
    else:
        mine = total if own == "latin" and text.isascii() else len(SCRIPTS[own].findall(text))
    if mine >= max(3, total * 0.15):
        return _same_script(text, lang, own, mine) if own in _SHARED else None
    counts = script_counts(text)
    script = max(counts, key=lambda k: counts[k])
    n = counts[script]
    if script == "han" and counts.get("kana", 0):
        script = "kana"
    if n < _MIN_LETTERS.get(script, 20) or n < total * 0.6:
        return None
    words = _words(text)
    if script == "latin" and (len(words) < 5 or _names_only(words)):
        return None     # product and model names, short mixed terms: not prose
    found = _SCRIPT_LANG.get(script)
    if found is None:
        guess = _merged(text)
        if guess.probability < 0.5:
            return None
        found = guess.lang
        sure = guess.probability >= 0.9 and (len(words) >= 8 or script == "han" and n >= 30)
        if script == "han" and guess.probability < 0.9:
            return None     # Japanese written in kanji alone reads like Chinese: be sure
    else:
        sure = n >= (30 if script in ("han", "kana", "hangul") else 40)
    return (found, sure) if found != lang else None


def _merged(text: str) -> Guess:
    """The likeliest language, Chinese varieties counted as one (the model splits them)."""
    totals: dict[str, float] = {}
    for g in identify(text):
        lang = _CHINESE.get(g.lang, g.lang)
        totals[lang] = totals.get(lang, 0.0) + g.probability
    lang = max(totals, key=lambda k: totals[k])
    return Guess(lang, totals[lang])


def _names_only(words: list[str]) -> bool:
    """Mostly Capitalised or ALL-CAPS words: names of products, models, buttons."""
    capital = sum(w[0].isupper() for w in words)
    return capital >= len(words) * 0.7


def _same_script(text: str, lang: str, own: str, mine: int) -> tuple[str, bool] | None:
    """Prose in the page's own script, in another language that shares it (Spanish in an English
    page), told by py3langid: only long blocks whose words the site's other pages do not use come
    here (_candidate_lines); a notice repeated on every page is one text, identified once."""
    if mine < _MIN_LETTERS[own] * 2:
        return None
    words = _words(text)
    if len(words) < 8 or _names_only(words) or sum(w[0].islower() for w in words) < 8:
        return None
    ranked = identify(text)
    top = ranked[0]
    if top.lang == lang or any(g.lang == lang and g.probability >= 0.02 for g in ranked):
        return None
    if top.probability < 0.95:
        return None
    return top.lang, len(words) >= 12


def _vocabularies(site: Site) -> dict[str, tuple[frozenset[str], dict[str, set[str]]]]:
    return {}


def _vocabulary(site: Site, lang: str) -> tuple[frozenset[str], dict[str, set[str]]]:
    """The words the site's pages in `lang` use: found on two pages at least, outside boilerplate
    (a long line found identical on three pages or more: a notice, a footer). So neither one
    page's foreign paragraph nor a foreign notice repeated on every page makes its own words
    the site's. With it, each page's own words (by path). Computed once per site and language."""
    cache = site.derived(_vocabularies)
    if lang not in cache:
        texts = {c.page.path: c.page.source for c in site.pages if c.page.lang == lang}
        lines: Counter[str] = Counter()
        for text in texts.values():
            lines.update({raw for raw in text.split("\n") if len(raw) >= 50})
        boilerplate = {raw for raw, n in lines.items() if n >= 3}
        repeated = {raw: set(_words(raw)) for raw in boilerplate}
        own: dict[str, set[str]] = {}
        words: Counter[str] = Counter()
        for path, text in texts.items():
            # The page's own long lines that are boilerplate (a set lookup each: searching the
            # page for every boilerplate line grows with the square of the site).
            here = [raw for raw in dict.fromkeys(text.split("\n")) if raw in boilerplate]
            for raw in here:
                text = text.replace(raw, "")
            found = set(_words(text))
            words.update(found)
            own[path] = found.union(*(repeated[raw] for raw in here))
        cache[lang] = (frozenset(w for w, n in words.items() if n >= 2), own)
    return cache[lang]


def _source_line(block: Block, source: Page | None) -> int:
    """Where the untranslated text stands in the source (the same text), or 0."""
    if source is None:
        return 0
    for other in blocks_of(source):
        if other.text == block.text:
            return other.line
    key = block.text[:30]
    for other in blocks_of(source):
        if key and key in other.text:
            return other.line
    return 0


# ---------------------------------------------------------------- truncated

def _truncated(claims: Claims, origin: Claims) -> Iterator[Finding]:
    page, source = claims.page, origin.page
    sa, sb = sections_of(source), sections_of(page)
    tables_a = bucket(sa, source.tables, lambda t: t.line)
    tables_b = bucket(sb, page.tables, lambda t: t.line)
    # list items as the parity check read them (facets are cached per page)
    items_a = [[(i.line, i.text) for i in f.list_items] for f in facets_of(origin)]
    items_b = [[(i.line, i.text) for i in f.list_items] for f in facets_of(claims)]
    code_a = bucket(sa, source.code_blocks, lambda c: c.line)
    code_b = bucket(sb, page.code_blocks, lambda c: c.line)
    for a, b in align_pages(source, page):
        if a is None or b is None:
            continue
        more_after = a.index + 1 < len(sa)
        for x, y in zip(tables_a[a.index], tables_b[b.index]):
            last = y.row_lines[-1] if y.row_lines else y.line
            if _cut(len(x.rows), len(y.rows)) and (
                    _prefix(x.raw_rows or x.rows, y.raw_rows or y.rows) or more_after and _ends(page, last)):
                yield _finding(page, source, "table", y.line, x.line, len(y.rows), len(x.rows), "rows")
        xa, xb = items_a[a.index], items_b[b.index]
        if xb and _cut(len(xa), len(xb)) and (
                _prefix(tuple((t,) for _, t in xa), tuple((t,) for _, t in xb))
                or more_after and _ends(page, xb[-1][0])):
            yield _finding(page, source, "list", xb[0][0], xa[0][0], len(xb), len(xa), "items")
        for cx, cy in zip(code_a[a.index], code_b[b.index]):
            la, lb = cx.text.count("\n"), cy.text.count("\n")
            if cx.lang == cy.lang and _cut(la, lb) and la - lb >= 5 and \
                    cx.text.split("\n", 1)[0].strip() == cy.text.split("\n", 1)[0].strip():
                yield _finding(page, source, "code block", cy.line, cx.line, lb, la, "lines")


def _cut(source: int, translation: int) -> bool:
    """Clearly fewer: at most half of the source's, and at least three fewer."""
    return translation * 2 <= source and source - translation >= 3


_TOKEN = re.compile(r"[A-Za-z0-9][\w.:/-]*")


def _prefix(a: tuple[tuple[str, ...], ...], b: tuple[tuple[str, ...], ...]) -> bool:
    """The translation's rows are the source's first rows, told by what survives translation
    (their ASCII tokens: model IDs, numbers, code), not another version of the table."""
    def neutral(row: tuple[str, ...]) -> frozenset[str]:
        return frozenset(w for cell in row for w in _TOKEN.findall(cell))
    pairs = [(neutral(x), neutral(y)) for x, y in zip(a, b)]
    compared = [(x, y) for x, y in pairs if x and y]
    return len(compared) >= min(2, len(b)) and len(compared) > 0 \
        and sum(bool(x & y) for x, y in compared) >= 0.8 * len(compared)


def _ends(page: Page, line: int) -> bool:
    """Nothing but blank lines, fence or tag lines after `line`: the translation stopped there."""
    rest = page.source.split("\n")[line:]
    return all(not t.strip() or t.strip().startswith(("```", "~~~", "{%", "<!--")) for t in rest)


def _finding(page: Page, source: Page, what: str, line: int, source_line: int, have: int, want: int,
             unit: str) -> Finding:
    return Finding("translation.truncated", Severity.ERROR, page.path, line,
                   f"expected the {what} of {source.path}:{source_line} with its {want} {unit}, found "
                   f"{have} {unit if have != 1 else unit[:-1]} (line {line}): the translation stops early",
                   f"translate the missing {want - have} {unit} from {source.path}:{source_line}")
