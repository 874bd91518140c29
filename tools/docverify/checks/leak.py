"""Notes a translation model left about its own work, found in any language by what they talk about and where they stand.

A leaked note talks about translating (a lexicon of that word in many languages) together
with the words such notes use (note, rule, original, terminology, kept, as requested, …), often
citing the numbered rules of its prompt or explaining a term with an arrow ("「功能」→「機能」").
And it is text the source does not have: the aligned source section says nothing about
translating (a page about a translation feature talks about it in both languages). Notes are
judged as units: a heading with what stands under it, an intro line with its list, a paragraph,
an HTML comment, a plain or markdown code block. The reader-facing "translated by AI" notice
(document + translated) is not a leak. Computed once per page object.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from collections.abc import Iterator
from typing import TYPE_CHECKING

from docverify.checks.prose import Block, blocks_of, plain
from docverify.checks.text import think_lines
from docverify.model import Page
from docverify.page.sections import align_pages, remember, sections_of
from docverify.translations.pairing import pairing_for

if TYPE_CHECKING:
    from docverify.pageset.site import Site

__all__ = ["Leak", "any_between", "is_translation", "leaks_of", "source_page"]


class _Stems:
    """Many stems as one case-insensitive pattern that stays fast on whole pages: a trie (Python's
    re tries alternatives one by one), matched on lower-cased text (re's IGNORECASE is slow
    outside ASCII)."""

    def __init__(self, *stems: str) -> None:
        self.pattern = re.compile(_trie(sorted({s.lower() for s in stems})))
        self.ascii = tuple(sorted({s.lower() for s in stems if s.isascii()}))

    def search(self, text: str, pos: int = 0, endpos: int = 1 << 62) -> re.Match[str] | None:
        return self.pattern.search(text.lower(), pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text.lower())


def _words(*stems: str) -> _Stems:
    return _Stems(*stems)


def _trie(stems: list[str]) -> str:
    if stems == [""]:
        return ""
    groups: dict[str, list[str]] = {}
    for s in stems:
        groups.setdefault(s[:1], []).append(s[1:])
    parts = []
    for head, tails in groups.items():
        if not head:
            continue
        rest = _trie(tails) if tails != [""] else ""
        optional = "" in tails and tails != [""]
        parts.append(re.escape(head) + (f"(?:{rest})?" if optional else f"(?:{rest})" if len(tails) > 1 else rest))
    return "|".join(parts) if len(parts) > 1 else parts[0]


# The lexicon is data: stems, most-used languages of translated docs first. A stem matches
# inside a word ("translat" in "translated", "перевод" in "перевода").
TRANSLATING = _words(
    "translat", "traduc", "tradu", "übersetz", "uebersetz", "tradott", "tłumacz", "přelož", "preklad",
    "vertaal", "vertal", "översätt", "oversæt", "oversett", "käänn", "fordít", "çevir", "terjemah",
    # Vietnamese "dịch" alone is also "dịch vụ" (service): only its translating compounds
    "překlad", "kääntä", "penerjemah", "מתרגם", "תורגם",
    "bản dịch", "người dịch", "được dịch", "đã dịch", "dịch sang", "dịch từ", "dịch thuật", "dịch máy",
    "แปล", "μετάφρασ", "μεταφρασ", "μεταφράζ", "μεταφρ", "перевод", "перевед", "переве", "перево",
    "переклад", "превод", "翻译", "翻譯", "翻訳", "訳文", "訳語", "意訳", "直訳", "訳し", "译文",
    "译为", "譯為", "번역", "অনুবাদ", "अनुवाद", "ترجم", "תרגום",
    # the translator named in a note's label: 译者注, 訳注, 역주, N.d.T., Anm. d. Übers., прим. перев.
    # (the short CJK labels with their colon: 《论语译注》 is a book, "translation and notes")
    "译者", "譯者", "訳者", "译注：", "译注:", "譯註：", "譯註:", "譯注：", "譯注:", "訳注：", "訳注:",
    "역주:", "역주：", "역자 주", "n.d.t", "n. d. t", "n. del t", "n. do t", "anm. d. übers",
    "anm. des übers", "прим. перев", "прим. пер.", "przyp. tłum", "pozn. překl")
# What notes about a translation talk about besides translating.
META = _words(
    "note", "rule", "original", "source text", "terminolog", "term ", "terms", "preserv", "retain",
    "kept", "keep ", "requested", "instruction", "prompt", "markdown", "literal", "explanation",
    "nota", "regla", "règle", "regra", "regola", "texto fuente", "texto original", "término", "termo",
    "terme", "conserv", "manten", "mantid", "solicit", "instrucci", "instruç", "consigne", "explica",
    "hinweis", "anmerkung", "regel", "begriff", "beibehalten", "gewünscht",
    "σημείωσ", "σημειώσ", "σημειωσ", "κανόν", "πρωτότυπ", "όρο", "διατηρ", "ζητήθηκε", "οδηγί", "επεξήγησ",
    "примечан", "правил", "оригинал", "исходн", "термин", "сохран", "запрос", "инструкц", "пояснен",
    "注：", "注:", "注意", "说明", "說明", "规则", "規則", "原文", "术语", "術語", "保留", "保持", "按要求",
    "指令", "意译", "直译", "説明", "ルール", "用語", "維持", "指示", "補足", "要点", "マークダウン",
    "참고", "규칙", "원문", "용어", "유지", "요청", "지시",
    "নোট", "নিয়ম", "নিয়ম", "মূল", "পরিভাষা", "বজায়", "বজায়", "অনুরোধ", "নির্দেশ", "ব্যাখ্যা",
    "नोट", "नियम", "मूल", "शब्दावली", "अनुरोध", "निर्देश", "ملاحظة", "قاعدة", "الأصل", "مصطلح",
    "remarque", "termine", "mantenut", "istruzion", "spiegazion",                  # fr, it
    "opmerking", "origineel", "oorspronkelijk", "behouden", "instructie", "uitleg",  # nl
    "anmärkning", "behåll", "bevar", "beholdt", "bemærk", "instruktion", "förklaring",  # sv, da, no
    "huomautus", "sääntö", "alkuperäi", "termi", "säilyt", "selitys",              # fi
    "uwaga", "zasad", "reguł", "oryginał", "oryginaln", "zachow", "instrukcj", "wyjaśnien",      # pl
    "poznámk", "pravidl", "originál", "původní", "termín", "zachov", "ponech", "pokyn", "vysvětl",  # cs, sk
    "megjegyzés", "szabály", "eredeti", "kifejezés", "megtart", "utasítás", "magyarázat",  # hu
    "kural", "orijinal", "terim", "korun", "olduğu gibi", "talimat", "açıklama",    # tr
    "catatan", "aturan", "istilah", "dipertahankan", "instruksi", "penjelasan",     # id, ms
    "ghi chú", "lưu ý", "quy tắc", "bản gốc", "nguyên văn", "thuật ngữ", "giữ nguyên", "giải thích",  # vi
    "примітк", "оригінал", "термін", "збереж", "інструкці", "поясненн",           # uk
    "หมายเหตุ", "กฎ", "ต้นฉบับ", "คำศัพท์", "คงไว้",                                   # th
    "הערה", "כלל", "מקור", "מונח", "נשמר",                                          # he
    "یادداشت", "قانون", "اصطلاح", "حفظ")                                            # fa
# A prompt echo: the model answering its instructions, not the reader.
REQUESTED = _words(
    "as requested", "as you requested", "as instructed", "per your request", "as per the rules",
    "según lo solicitado", "como se solicitó", "como solicitado", "comme demandé", "wie gewünscht",
    "όπως ζητήθηκε", "по вашему запросу", "как вы просили", "按要求", "按照要求", "根据要求", "要求通り",
    "ご要望", "ご指示", "অনুরোধ অনুযায়ী", "নির্দেশ অনুযায়ী", "अनुरोध के अनुसार", "let me know", "お知らせください",
    "请告诉我", "告诉我", "come richiesto", "zoals gevraagd", "som begärt", "som ønsket", "pyydetysti",
    "zgodnie z prośbą", "zgodnie z instrukcj", "jak bylo požadováno", "kérésnek megfelelően", "istendiği gibi",
    "sesuai permintaan", "theo yêu cầu", "як ви просили", "на ваш запит", "ตามที่ขอ", "כפי שהתבקש",
    "طبق درخواست", "كما طلبت")
# "rule 3", "regla n.º 2", "правило 4", "规则3", "第3条规则", "ルール2".
_RULE_WORD = (r"(?:rules?|reglas?|règles?|regras?|regole?|regeln?|κανόνα[ς]?|κανόνες|правил[оаеу]?|"
              r"规则|規則|ルール|규칙|নিয়ম|নিয়ম|नियम|قاعدة)")
RULE_CITED = re.compile(_RULE_WORD + r"\s*(?:#|№|no\.?|n\.?º|nr\.?|号|番)?\s*\d+|第\s*\d+\s*[条條]|"
                        r"\d+\s*(?:번|番目の)?\s*" + _RULE_WORD, re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def _rule_cited(text: str) -> re.Match[str] | None:
    """RULE_CITED's first match in `text`. Every citation holds a digit (`\\d`, as in the pattern),
    so a text without one is passed over: re cannot narrow a case-blind pattern to the characters
    a match may start with, and tries it at every position."""
    return RULE_CITED.search(text) if _DIGIT.search(text) else None


# A note labelled as the translator's, with its colon or closing bracket: "（译者注：…）", "(訳注：…)",
# "(역주: …)", "(N. del T.: …)", "[N.d.T.]", "(Anm. d. Übers.: …)", "Translator's note:". A book
# title such as 《论语译注》 (translation and notes) has neither, so is none.
TRANSLATOR_NOTE = re.compile(
    r"(?:译者注|譯者註|譯者注|译注|譯註|譯注|訳注|訳者注|역주|역자\s*주|"
    r"N\.\s*(?:d(?:el?)?|do|da)\.?\s*T\.?|Anm\.\s*d(?:es)?\.?\s*Übers\.?|прим\.\s*пер(?:ев)?\.?|"
    r"przyp\.\s*tłum\.?|pozn\.\s*překl\.?|translator'?s\s+note|nota\s+del\s+tradu(?:ctor|ttore)|"
    r"note\s+du\s+traducteur|nota\s+do\s+tradutor|anmerkung\s+des\s+übersetzers|"
    r"примечание\s+переводчика)\s*(?:[:：]|[)）\]】])", re.IGNORECASE)
# A term explained with an arrow: 「功能」→「機能」, "Einstellungen" -> "Settings".
ARROW = re.compile(r"[「『\"“'‘«][^」』\"”'’»]{1,40}[」』\"”'’»]\s*(?:[(（][^)）]{0,30}[)）]\s*)?(?:→|->|=>|⇒)")
# The reader-facing notice: the document/page + translated (by AI, from Chinese, not reviewed).
DOCUMENT = _words(
    "document", "this page", "this article", "documento", "página", "dokument", "seite", "έγγραφο",
    "σελίδα", "документ", "страниц", "文档", "文檔", "本页", "本頁", "ドキュメント", "ページ", "文書", "문서",
    "페이지", "নথি", "পৃষ্ঠা", "দস্তাবেজ", "दस्तावेज़", "पृष्ठ")
_FRAMES = ("(", "（", "[", "【", "※", ">")
_CODE_PROSE = frozenset({"", "text", "txt", "plaintext", "markdown", "md"})


@dataclass(frozen=True, slots=True)
class Leak:
    line: int
    end: int
    excerpt: str
    why: str             # the evidence, for the message


def source_page(page: Page, site: Site) -> Page | None:
    """The page this translation translates, or None (a source page, or no pair found)."""
    if not is_translation(page, site):
        return None
    path = pairing_for(site).source_of(page.path)
    found = site.get(path) if path else None
    return found.page if found is not None else None


def is_translation(page: Page, site: Site) -> bool:
    """A page in a language other than the default, on a site with more than one."""
    config = site.config
    return len(config.languages) > 1 and bool(page.lang) and page.lang != config.default_language


# Keyed by page, checked against the site too: the notes depend on the source page, which a later
# site (the MkDocs plugin's next build) may hold in a new version beside the same translation.
_CACHE: dict[int, tuple[Page, Site, tuple[Leak, ...]]] = {}


def leaks_of(page: Page, site: Site) -> tuple[Leak, ...]:
    """The leaked notes of a translated page (none on a source page)."""
    hit = _CACHE.get(id(page))
    if hit is not None and hit[0] is page and hit[1] is site:
        return hit[2]
    result: tuple[Leak, ...] = ()
    if is_translation(page, site):
        here = _talking_lines(page.source)
        if here and _signalled(page.source, here):
            result = tuple(_find(page, source_page(page, site), here))
    remember(_CACHE, id(page), (page, site, result))
    return result


@dataclass(frozen=True, slots=True)
class _Unit:
    kind: str            # heading | list | paragraph | comment | code
    line: int
    end: int
    level: int
    text: str
    framed: bool = False     # set apart: a heading, comment, code, list, italic or bracketed line


def _units(page: Page) -> list[_Unit]:
    """Blocks grouped as notes are written: an intro line with its list, consecutive list items."""
    out: list[_Unit] = []
    for b in blocks_of(page):
        if b.kind == "cell" or b.kind == "title":
            continue
        last = out[-1] if out else None
        if b.kind == "item" and last is not None and last.kind in ("list", "paragraph") \
                and (last.kind == "list" or last.text.rstrip().endswith((":", "：")) or b.line - last.end <= 1):
            out[-1] = _Unit("list", last.line, _end(b), 0, f"{last.text}\n{b.text}", True)
            continue
        level = len(b.raw) - len(b.raw.lstrip("#")) if b.kind == "heading" else 0
        kind = {"item": "list", "heading": "heading", "comment": "comment"}.get(b.kind, "paragraph")
        opening = b.raw.lstrip()
        framed = kind != "paragraph" or opening.startswith(_FRAMES) \
            or opening[:1] in "*_" and opening[:2] not in ("**", "__")     # italic, not a bold label
        out.append(_Unit(kind, b.line, _end(b), level, b.text, framed))
    for c in page.code_blocks:
        if c.lang in _CODE_PROSE and TRANSLATING.search(c.text):
            out.append(_Unit("code", c.line, c.line + c.text.count("\n") + 1, 0, plain(c.text), True))
    return sorted(out, key=lambda u: u.line)


def _end(b: Block) -> int:
    return b.line + b.raw.count("\n")


def _is_notice(text: str) -> bool:
    """"This document was translated by AI …": the document named first, translating soon after."""
    return any(TRANSLATING.search(text, d.end(), d.end() + 80) for d in DOCUMENT.finditer(text)) \
        and len(text) < 400 and not _rule_cited(text) and not ARROW.search(text) \
        and not REQUESTED.search(text)


def _signalled(text: str, here: list[int]) -> bool:
    """Whether any line that talks about translating has a note's other words near it (a cheap
    look at the raw text before the page is cut into blocks: most pages stop here)."""
    lines = text.split("\n")
    for n in here:
        window = "\n".join(lines[max(n - 2, 0):n + 1])
        if "<!--" in window or META.search(window) or _rule_cited(window) or ARROW.search(window) \
                or REQUESTED.search(window) or TRANSLATOR_NOTE.search(window):
            return True
    return False


def _talking_lines(text: str) -> list[int]:
    """The lines (sorted, 1-based) on which `text` talks about translating: one pass over the page."""
    lowered = text.lower()
    if lowered.isascii():
        # only the ASCII stems can be there, and str.find finds each far faster than the trie's
        # pattern, which re tries at every letter a stem of some language starts with
        starts = sorted(_occurrences(lowered, TRANSLATING.ascii))
    else:
        starts = [m.start() for m in TRANSLATING.pattern.finditer(lowered)]
    out: list[int] = []
    line, pos = 1, 0
    for start in starts:
        line += lowered.count("\n", pos, start)
        pos = start
        if not out or out[-1] != line:
            out.append(line)
    return out


def _occurrences(text: str, words: tuple[str, ...]) -> Iterator[int]:
    """Where each of `words` starts in `text` (overlaps included: a stem cannot span a line end,
    so they fall on the lines the trie's matches fall on)."""
    for word in words:
        at = text.find(word)
        while at >= 0:
            yield at
            at = text.find(word, at + 1)


def any_between(lines: list[int], first: int, last: int) -> bool:
    """Whether the sorted `lines` hold one from `first` to `last`."""
    i = bisect_left(lines, first)
    return i < len(lines) and lines[i] <= last


def _find(page: Page, source: Page | None, here: list[int]) -> list[Leak]:
    said = _talking_lines(source.source) if source is not None else []
    thinking = think_lines(page)     # reported once, as leaked reasoning, by checks/text.py
    sections = sections_of(page)
    starts = [s.line for s in sections]
    starts[0] = 0
    ranges: dict[int, int] = {}      # translated section -> the heading line of its source section

    def counterpart_talks(unit: _Unit) -> bool:
        """The source says something about translating: anywhere on the page for text (the
        sections of a translation of an older page align loosely), and in the aligned source
        heading for a heading (a "Translation notes" heading has no such counterpart)."""
        if unit.kind != "heading":
            return bool(said)
        if source is not None and not ranges:
            for a, b in align_pages(source, page):
                if a is not None and b is not None:
                    ranges[b.index] = a.line
        index = bisect_right(starts, unit.line) - 1
        return index in ranges and any_between(said, ranges[index], ranges[index])

    out: list[Leak] = []
    units = _units(page)
    i = 0
    while i < len(units):
        u = units[i]
        if not any_between(here, u.line, u.end) or u.line in thinking:
            i += 1      # says nothing about translating: no note starts here
            continue
        if u.kind == "comment" and (source is None or u.text not in source.source):
            # an HTML comment about translating that the source does not carry: the model's
            # ("translating the next section…"); readers never see it, the next edit does
            talk = TRANSLATING.search(u.text)
            why = f"an HTML comment about translating ({talk.group(0)!r})" if talk else ""
        else:
            why = _evidence(u, source is not None and counterpart_talks(u), source is not None)
        if not why:
            i += 1
            continue
        end, j = u.end, i + 1
        while j < len(units):
            nxt = units[j]
            if u.kind == "heading" and (nxt.kind != "heading" or nxt.level > u.level):
                end, j = nxt.end, j + 1      # everything under a heading about the translation
                continue
            if nxt.kind != "heading" and not _is_notice(nxt.text) and (
                    TRANSLATING.search(nxt.text) or META.search(nxt.text) or ARROW.search(nxt.text)):
                end, j = nxt.end, j + 1      # the note goes on
                continue
            break
        out.append(Leak(u.line, end, u.text.split("\n", 1)[0], why))
        i = j
    return out


def _evidence(u: _Unit, counterpart: bool, paired: bool) -> str:
    """Why a unit is a note about the translation ("" when it is not one)."""
    said = TRANSLATING.search(u.text)
    if said is None or _is_notice(u.text):
        return ""
    strong = [f"cites {m.group(0).strip()!r}" for m in (_rule_cited(u.text),) if m]
    strong += [f"explains a term ({m.group(0).strip()} …)" for m in (ARROW.search(u.text),) if m]
    strong += [f"answers its instructions ({m.group(0)!r})" for m in (REQUESTED.search(u.text),) if m]
    strong += [f"is labelled as the translator's ({m.group(0)!r})" for m in (TRANSLATOR_NOTE.search(u.text),) if m]
    metas = list(dict.fromkeys(m.group(0).strip().lower() for m in META.finditer(u.text)))
    where = {"comment": "an HTML comment", "code": "a code block", "heading": "a heading"}.get(u.kind, "text")
    if strong:
        return f"{where} about translating ({said.group(0)!r}) that " + ", ".join(strong)
    # Without a source page to compare with, a list (feature lists name translating) needs more.
    framed = u.framed and (paired or u.kind != "list")
    if metas and (len(metas) > 1 or framed) and not counterpart:
        return (f"{where} about translating ({', '.join(repr(w) for w in [said.group(0), *metas[:3]])}) "
                "where the source says nothing about translating")
    return ""
