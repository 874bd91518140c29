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
to the language identifier (checks/langid.py) only when that script is shared by several
languages and the block is long enough to tell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from docverify.checks.langid import Guess, identify, script_counts, script_of
from docverify.checks.leak import leaks_of, source_page
from docverify.checks.prose import Block, blocks_of
from docverify.model import Claims, CodeBlock, Finding, Page, Severity
from docverify.page.sections import align_pages, bucket, list_items, sections_of

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["TRANSLATION_IDS", "check_translation", "wrapping_block"]

TRANSLATION_IDS = ("translation.language", "translation.truncated", "translation.wrapped")

_WORD = re.compile(r"[^\W\d_]{2,}")
# Scripts that name one language, so the script alone says which.
# py3langid names Wu and Cantonese apart; in docs Han text is Chinese (zh) for the reader.
_CHINESE = {"wuu": "zh", "yue": "zh"}
_SCRIPT_LANG = {"greek": "el", "bengali": "bn", "hangul": "ko", "kana": "ja", "thai": "th", "hebrew": "he"}


def check_translation(claims: Claims, site: Site) -> Iterator[Finding]:
    """translation.wrapped, .language and .truncated for a translated page."""
    page = claims.page
    config = site.config
    if len(config.languages) < 2 or not page.lang or page.lang == config.default_language:
        return
    source = source_page(page, site)
    leaked = {n for leak in leaks_of(page, site) for n in range(leak.line, leak.end + 1)}
    wrapped = wrapping_block(page, source, leaked)
    if wrapped is not None:
        yield Finding("translation.wrapped", Severity.ERROR, page.path, wrapped.line,
                      f"expected the page as markdown, found its body inside a "
                      f"```{wrapped.info or ''} code block (line {wrapped.line}, "
                      f"{wrapped.text.count(chr(10))} lines) that the source does not have: readers "
                      "see the page as one block of code",
                      "remove the fence lines around the page (the translation model added them)")
    yield from _language(page, source, config.default_language, site)
    if source is not None:
        yield from _truncated(page, source)


# ---------------------------------------------------------------- wrapped

_MARKDOWNISH = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|\||!\[|\{%|<figure|<details)|\]\(", re.MULTILINE)
_WRAPPING = frozenset({"", "markdown", "md", "gfm", "text"})


def wrapping_block(page: Page, source: Page | None, leaked: frozenset[int] | set[int] = frozenset()
                   ) -> CodeBlock | None:
    """The code block that holds the page's body, if the translation wrapped it in one (a code
    block holding a leaked note, `leaked` lines, is the note's, not the page's)."""
    lines = page.source.split("\n")
    body = [n for n, text in enumerate(lines, 1) if text.strip()]
    if not body or not page.code_blocks:
        return None
    for block in page.code_blocks:
        if block.lang not in _WRAPPING or block.line in leaked:
            continue
        marks = len(_MARKDOWNISH.findall(block.text))
        has_heading = re.search(r"^\s{0,3}#{1,6}\s", block.text, re.MULTILINE) is not None
        if marks < 3 and not has_heading:
            continue
        inside = block.text.count("\n") + 2
        outside = len(body) - inside
        if source is not None and any(_same_wrapper(block, s) for s in source.code_blocks):
            continue
        # most of the page, or the page's only heading: the reader gets a code block for a page
        if inside >= outside or has_heading and not _headings_outside(page, block):
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


def _language(page: Page, source: Page | None, source_lang: str, site: Site) -> Iterator[Finding]:
    own = script_of(page.lang)
    base = page.lang.split("-")[0].lower()
    skip: set[int] = set()
    for leak in leaks_of(page, site):
        skip.update(range(leak.line, leak.end + 1))
    for block in blocks_of(page):
        if block.kind == "comment" or block.line in skip:
            continue
        found = _judge(block.text, base, own)
        if found is None:
            continue
        lang, sure = found
        at = _source_line(block, source)
        if at and lang != source_lang.split("-")[0].lower():
            continue    # the source has this text in that language too (a licence, a quote)
        severity = Severity.ERROR if sure else Severity.WARNING
        where = {"cell": "table cell", "title": "admonition title", "item": "list item"}.get(block.kind, block.kind)
        excerpt = block.text if len(block.text) <= 60 else block.text[:59] + "…"
        if lang == source_lang.split("-")[0].lower():
            yield Finding("translation.language", severity, page.path, block.line,
                          f"expected {page.lang}, found a {where} left in the source language ({lang}): "
                          f"{excerpt!r}" + (f" (source line {at})" if at else ""),
                          "translate it" + (f" from {source.path}:{at}" if source is not None and at else ""))
        else:
            yield Finding("translation.language", severity, page.path, block.line,
                          f"expected {page.lang}, found a {where} in {lang}: {excerpt!r}",
                          f"translate it into {page.lang} (the translation model answered in another language)")


def _judge(text: str, lang: str, own: str) -> tuple[str, bool] | None:
    """(language found, sure) when `text` is prose in a language other than `lang`; else None."""
    counts = script_counts(text)
    total = sum(counts.values())
    if total < 6:
        return None
    mine = counts.get(own, 0) + (counts.get("han", 0) if own == "kana" else 0)
    if own == "kana" and counts.get("kana", 0) == 0 and counts.get("han", 0) >= 8:
        mine = 0        # Han without any kana is Chinese, not Japanese
    if own == "kana" and counts.get("kana", 0) == 0 and counts.get("han", 0) < 15:
        return None     # a short kanji-only phrase ("画像処理", "天気検索") is Japanese too
    if mine >= max(3, total * 0.15):
        return _same_script(text, lang, own, mine)
    script = max(counts, key=lambda k: counts[k])
    n = counts[script]
    if script == "han" and counts.get("kana", 0):
        script = "kana"
    if n < _MIN_LETTERS.get(script, 20) or n < total * 0.6:
        return None
    words = _WORD.findall(text)
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
    """Prose in the page's own script, in another language that shares it (English in a French page)."""
    if own not in ("latin", "cyrillic", "arabic", "devanagari") or mine < _MIN_LETTERS[own] * 2:
        return None
    words = _WORD.findall(text)
    if len(words) < 8 or _names_only(words):
        return None
    ranked = identify(text)
    top = ranked[0]
    if top.lang == lang or any(g.lang == lang and g.probability >= 0.02 for g in ranked):
        return None
    if top.probability < 0.95:
        return None
    return top.lang, len(words) >= 12


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

def _truncated(page: Page, source: Page) -> Iterator[Finding]:
    sa, sb = sections_of(source), sections_of(page)
    tables_a = bucket(sa, source.tables, lambda t: t.line)
    tables_b = bucket(sb, page.tables, lambda t: t.line)
    items_a = bucket(sa, list_items(source), lambda i: i[0])
    items_b = bucket(sb, list_items(page), lambda i: i[0])
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


def _prefix(a: tuple[tuple[str, ...], ...], b: tuple[tuple[str, ...], ...]) -> bool:
    """The translation's rows are the source's first rows, told by what survives translation
    (their ASCII tokens: model IDs, numbers, code), not another version of the table."""
    def neutral(row: tuple[str, ...]) -> frozenset[str]:
        return frozenset(w for cell in row for w in re.findall(r"[A-Za-z0-9][\w.:/-]*", cell))
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
                   f"{have} {unit} (line {line}): the translation stops early",
                   f"translate the missing {want - have} {unit} from {source.path}:{source_line}")
