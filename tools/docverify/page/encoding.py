"""Mojibake repair: find UTF-8 text that was decoded with a wrong codec and undo it exactly.

A line is repaired with a codec only when (1) every changed run of it round-trips exactly
(the run encoded back with the codec is valid UTF-8), (2) the result holds nothing text does
not hold (unassigned or private characters, controls, U+FFFD), and (3) the line shows the
damage and the result does not: symbols glued to letters, case flips and script switches
inside a word, C1 controls (`_evidence`). Exactness alone is not enough: clean Cyrillic,
Yoruba or box drawing often round-trips by chance ("ёлка" in cp866 is valid UTF-8 for an
unassigned character). Double-byte codecs (GBK, Shift_JIS, Big5, EUC-KR) are the exception in
one way: an exact round trip of two or more characters there is already strong evidence, so
their result must only be no worse. When two codecs give different results that rank the
same, the first listed wins inside a family (cp1253 over iso8859-7: the Windows code page is
what browsers and editors decode with); across families the line is ambiguous: reported, and
left alone. So is a line a lossy decode left with "�", where no exact repair exists.

Lines inside fenced code blocks, and the block after `<!-- docverify: ignore encoding… -->`
(the whole page when it stands before the first heading), show their text on purpose: they
are reported but never changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["CODECS", "Repair", "detect_mojibake", "find_mojibake", "repair_text"]

# Tried in this order; when two codecs give the same repair the earlier one is reported.
CODECS: tuple[str, ...] = (
    "cp866", "cp437", "cp850", "cp1251", "cp1252", "latin-1", "cp1250", "koi8-r", "mac-roman",
    "iso8859-5", "cp1253", "iso8859-7", "gbk", "gb18030", "shift_jis", "euc-kr", "big5",
)
# Codecs that share most of their table: when two of one family give different repairs that
# rank the same, the one listed first in CODECS wins (the Windows code page over the ISO one it
# extends, as browsers and editors decode; cp437 over cp850). Across families a tie is ambiguous.
_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"cp1253", "iso8859-7"}), frozenset({"cp1252", "latin-1"}), frozenset({"cp437", "cp850"}),
    frozenset({"gbk", "gb18030"}),
)
# Double-byte codecs: the UTF-8 bytes were read two at a time, by Python's codec.
_MULTIBYTE = frozenset({"gbk", "gb18030", "shift_jis", "euc-kr", "big5"})

# Windows codecs leave a few bytes undefined; Windows itself decodes them to the C1 control
# of the same number, so mojibake made on Windows carries those controls.
_SLOPPY = {"cp1250", "cp1251", "cp1252", "cp1253"}

# Text that was mojibaked twice is repaired twice; more rounds than this is not text.
_MAX_ROUNDS = 3


@dataclass(frozen=True, slots=True)
class Repair:
    """The repaired text and the codec it had been wrongly decoded with (None: it was clean).

    `ambiguous`: lines (1-based) that look damaged but have two equally good repairs, or sit
    where text is shown on purpose (code, an ignore directive): reported, left as they are.
    """

    text: str
    codec: str | None
    ambiguous: tuple[tuple[int, str], ...] = ()


@lru_cache(maxsize=None)
def _table(codec: str) -> dict[str, int]:
    """Character -> byte for the high half of a single-byte `codec` (ASCII is the same in all)."""
    table: dict[str, int] = {}
    # One decode of the whole high half (a single-byte codec maps each byte alone); a byte it
    # leaves undefined comes back as U+FFFD, which no code page maps a byte to.
    for byte, char in enumerate(bytes(range(0x80, 0x100)).decode(codec, errors="replace"), 0x80):
        if char != "\ufffd":
            table[char] = byte
        elif codec in _SLOPPY:
            table[chr(byte)] = byte
    return table


# Typographic punctuation and signs real text glues to letters: never evidence of damage.
_COMMON = frozenset("–—‘’‚“”„…•·«»°‹›²³¹‰′″§¿¡")
_CJK = {"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HALFWIDTH", "IDEOGRAPHIC", "HANGUL",
        "FULLWIDTH", "BOPOMOFO"}


@lru_cache(maxsize=4096)
def _kind(char: str) -> tuple[str, str, bool]:
    """(class, script, is upper): class is L letter, M mark, O odd sign, C control, - other."""
    category = unicodedata.category(char)
    if category[0] == "L":
        first = unicodedata.name(char, "").split(" ", 1)[0]
        return "L", "CJK" if first in _CJK else first, category == "Lu"
    if category[0] == "M":
        return "M", "", False
    if category in ("Cc", "Cn", "Co", "Cs") or char == "\ufffd":
        return ("-" if char in "\t\r\n" else "C"), "", False
    if char < "\x80" or char in _COMMON or category in ("Nd", "Nl", "Cf") or category[0] == "Z":
        return "-", "", False
    if char >= "\U0001f000" and category == "So":
        return "E", "", False   # an emoji: what a four-byte sequence read as "ðŸŽ‰" was
    if category[0] == "P" and unicodedata.east_asian_width(char) in "FW":
        return "-", "", False   # "，" and "「" sit between Chinese and Japanese letters
    return "O", "", False


_NOTHING = ("-", "", False)
_ASCII_UPPER, _ASCII_LOWER = ("L", "LATIN", True), ("L", "LATIN", False)


def _evidence(text: str) -> int:
    """How many signs of mojibake `text` shows; clean text in any language shows none.

    A sign: a symbol glued to a letter ("Ã©", "С€", "妯″"), a C1 control, a lower-case letter
    followed by a non-ASCII capital ("dÃ", "ћС"), two adjacent letters of different scripts
    ("Ð¸", "Вїest"; "API密钥" is not: Chinese and Japanese run into ASCII), a dash or quote
    between two letters one of which is not ASCII ("û—Ç"), a combining mark on an ASCII
    letter or on nothing.
    """
    count = 0
    prev, prev_char = _NOTHING, " "
    pending, glued = False, " "   # the previous character: common punctuation after a letter
    for char in text:
        if char < "\x80":
            if prev_char < "\x80" and not pending:
                prev_char = char
                prev = (_ASCII_UPPER if char.isupper() else _ASCII_LOWER) if char.isalpha() else _NOTHING
                continue
            kind = (_ASCII_UPPER if char.isupper() else _ASCII_LOWER) if char.isalpha() else _NOTHING
        else:
            kind = _kind(char)
        cls = kind[0]
        if cls == "M":
            if prev[0] == "-" or prev[0] == "L" and prev_char < "\x80":
                count += 1   # decomposed text is rare; a mark on nothing is not text (a
                # variation selector on an emoji is)
            continue         # a combining mark belongs to the letter before it
        if pending and cls == "L" and (char >= "\x80" or glued >= "\x80"):
            count += 1
        pending = False
        if cls == "E":
            count -= 2   # emoji are common and a chance round trip never makes one (see _kind)
        elif cls == "C":
            count += 2
        elif cls == "O" and prev[0] == "L" or cls == "L" and prev[0] == "O":
            count += 1
        elif cls == "L" and prev[0] == "L" and (char >= "\x80" or prev_char >= "\x80"):
            if kind[2] and not prev[2] and char >= "\x80":
                count += 1   # lower -> non-ASCII upper inside a word
            elif kind[1] != prev[1] and "CJK" not in (kind[1], prev[1]):
                count += 1   # two scripts in one word ("Вїest"); Chinese runs into ASCII freely
        elif char in _COMMON and prev[0] == "L":
            pending, glued = True, prev_char
        prev, prev_char = kind, char
    return count


def _forbidden(text: str) -> bool:
    """Characters a repair may never produce: unassigned, private, surrogates, controls, U+FFFD."""
    return any(_kind(char)[0] == "C" for char in text if char >= "\x80")


_RUN = re.compile(r"[^\x00-\x7f]+")
_WIDE = re.compile(r"[^\x00-\x7f]")     # a line's first non-ASCII character
# A run whose characters are all signs (box drawing, math): the repair must be letters of one
# script other than Latin, or it is chance ("╔╗╚╝" in cp866 reads as IPA "ɻȼ").
_NO_LETTERS = frozenset("O-")


def _undo_run(chunk: str, codec: str, before: str, after: str) -> str | None:
    """`chunk` re-decoded as UTF-8 through `codec`, or None when that is not an exact round
    trip to plausible text; `before` and `after` are the characters around it in its line."""
    try:
        if codec in _MULTIBYTE:
            data = chunk.encode(codec)
        else:
            table = _table(codec)
            data = bytes(table[c] for c in chunk)
        fixed = data.decode("utf-8")
    except (KeyError, UnicodeError):
        return None
    if fixed == chunk or _forbidden(fixed):
        return None
    if all(_kind(c)[0] in _NO_LETTERS for c in chunk):
        # Signs only ("╬║╬▒" is Greek in cp866, "╔╗╚╝" is box drawing): the repair must be
        # letters of one script, and Latin ones must continue a word ("kh├│a" is "khóa").
        scripts = {_kind(c)[1] for c in fixed if _kind(c)[0] == "L"}
        if not scripts and all(c in _COMMON for c in fixed):
            return fixed   # punctuation for punctuation ("┬┐" is "¿")
        if len(scripts) != 1 or scripts == {"LATIN"} and not (before.isalpha() or after.isalpha()):
            return None
    return fixed


def _undo(line: str, codec: str) -> tuple[str, int, bool]:
    """The line with every non-ASCII run that round-trips through `codec` re-decoded, how
    many UTF-8 bytes those runs held, and whether a run that looks damaged was left over."""
    changed = 0
    leftover = False

    def redecode(match: re.Match[str]) -> str:
        nonlocal changed, leftover
        start, end = match.span()
        fixed = _undo_run(match.group(), codec, line[start - 1:start], line[end:end + 1])
        if fixed is None:
            leftover = leftover or _looks_damaged(line[max(start - 1, 0):end + 1])
            return match.group()
        changed += len(fixed.encode("utf-8"))
        return fixed

    return _RUN.sub(redecode, line), changed, leftover


def _undo_whole(line: str, codec: str) -> str | None:
    """The whole line re-decoded through double-byte `codec`, if that is exact and plausible."""
    try:
        fixed = line.encode(codec).decode("utf-8")
    except UnicodeError:
        return None
    return None if fixed == line or _forbidden(fixed) else fixed


def _ascii(line: str) -> int:
    return sum(1 for char in line if char < "\x80")


def _looks_damaged(piece: str) -> bool:
    return "\ufffd" in piece or _evidence(piece) > 0


@lru_cache(maxsize=None)
def _halves(codec: str) -> tuple[frozenset[str], frozenset[str]]:
    """The characters single-byte `codec` shows a UTF-8 lead byte as, and a continuation byte as."""
    table = _table(codec)
    return (frozenset(char for char, byte in table.items() if 0xC2 <= byte <= 0xF4),
            frozenset(char for char, byte in table.items() if 0x80 <= byte <= 0xBF))


@lru_cache(maxsize=None)
def _pairs() -> re.Pattern[str]:
    """A UTF-8 lead byte followed by a continuation byte, as any single-byte codec shows them.

    Re-decoding a run as UTF-8 changes it only if the run holds such a pair, so a line (or a
    page) without one skips the single-byte codecs, with the same results.
    """
    halves = [_halves(c) for c in CODECS if c not in _MULTIBYTE]

    def shown(chars: set[str]) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"

    return re.compile(shown(set().union(*(h[0] for h in halves))) + shown(set().union(*(h[1] for h in halves))))


def _pair_starts(line: str) -> list[int]:
    """Every place (overlapping ones too) where some single-byte codec shows a UTF-8 pair."""
    starts: list[int] = []
    found = _pairs().search(line)
    while found is not None:
        starts.append(found.start())
        found = _pairs().search(line, found.start() + 1)
    return starts


def _shows_pair(line: str, starts: list[int], codec: str) -> bool:
    """Whether single-byte `codec` shows a UTF-8 pair in `line` (only at `starts` can it)."""
    leads, continuations = _halves(codec)
    return any(line[i] in leads and line[i + 1] in continuations for i in starts)


# Characters a double-byte codec shows UTF-8 as: CJK ideographs, kana, Hangul, full-width forms.
_DOUBLE = re.compile("[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


@lru_cache(maxsize=8192)
def _opening(char: str) -> frozenset[str]:
    """The double-byte codecs through which `char`, the first non-ASCII character of a line,
    can stand for the start of UTF-8 (its bytes: a lead byte, then a continuation byte).

    Every character before it is ASCII, one byte the same in UTF-8, so through any other
    double-byte codec the line cannot re-decode as a whole: most clean CJK lines are
    settled by this one look-up instead of an encode and a decode per codec.
    """
    out = set()
    for codec in _MULTIBYTE:
        try:
            data = char.encode(codec)
        except UnicodeError:
            continue
        # (Shift_JIS writes "¥" as one ASCII byte: then the next character decides.)
        if data[0] < 0x80 or 0xC2 <= data[0] <= 0xF4 and (len(data) < 2 or 0x80 <= data[1] <= 0xBF):
            out.add(codec)
    return frozenset(out)


def _redecodes(line: str, codecs: frozenset[str]) -> bool:
    """Whether `line`, encoded with one of the double-byte `codecs`, is valid UTF-8: the first
    thing _undo_whole asks, at C speed, without the per-line work of _candidates."""
    for codec in codecs:
        try:
            line.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        return True
    return False


def _candidates(line: str, depth: int = 0) -> tuple[list[tuple[int, int, str, str]], list[str]]:
    """(evidence, -bytes repaired, codec, repaired line) for every codec that repairs `line`
    exactly, and the codecs that would repair only part of it."""
    starts = _pair_starts(line)
    single = bool(starts)
    double = bool(_DOUBLE.search(line))
    if not (single or double):
        return [], []
    lossy = "\ufffd" in line
    first = _WIDE.search(line) if double else None
    opening = _opening(first.group()) if first else frozenset()
    if not (single or opening or lossy):
        return [], []   # the common clean CJK line
    before = -1   # computed once a codec gives a candidate: most lines never need it
    found: list[tuple[int, int, str, str]] = []
    partial: list[str] = []
    for codec in CODECS:
        multibyte = codec in _MULTIBYTE
        if multibyte and not double or not multibyte and not (single and _shows_pair(line, starts, codec)):
            continue
        if multibyte:
            whole = _undo_whole(line, codec) if codec in opening else None
            if whole is not None:
                candidate, size, leftover = whole, len(whole.encode("utf-8")) - _ascii(line), False
            elif lossy:   # a lossy decode: say which part would repair
                candidate, size, leftover = _undo(line, codec)
            else:
                # Run by run only for a lossy line: a clean CJK line mostly stops at _opening.
                continue
        else:
            candidate, size, leftover = _undo(line, codec)
        if candidate == line:
            continue
        if before < 0:
            before = _evidence(line)
        after = _evidence(candidate)
        if leftover:
            # Part of the line repairs and part that looks damaged does not: no exact repair
            # exists. After a lossy decode ("�" left) that repairs well, the line is reported.
            if "\ufffd" in line and (after <= before - 2 or multibyte and size >= 9 and after <= before):
                partial.append(codec)
            continue
        # The line must show the damage and the repair must show clearly less of it (one sign
        # alone is what clean text has: the unit "кВ" is a case flip). An exact round trip
        # over three or more double-byte characters is evidence by itself.
        if after <= before - 2 or multibyte and (after < before or size >= 9 and after <= before):
            found.append((after, -size, codec, candidate))
        elif after < before and depth < _MAX_ROUNDS - 1:
            # Mojibake of mojibake ("cafÃƒÂ©") loses one sign per round: taken when the
            # next round repairs the rest, so the two together show clearly less.
            again, _ = _candidates(candidate, depth + 1)
            if again and min(c[0] for c in again) <= before - 2:
                found.append((min(c[0] for c in again), -size, codec, candidate))
    return found, partial


def _repair_line(line: str) -> tuple[str, str | None, str | None]:
    """(line, codec that repaired it, or None; codecs that tie when ambiguous, or None)."""
    if line.isascii():
        return line, None, None
    exact, partial = _candidates(line)
    found = sorted(exact, key=lambda c: (c[0], c[1]))
    if not found:
        return line, None, (" or ".join(partial) + " (in part: lossy)") if partial else None
    best = found[0]
    rivals = [c for c in found if (c[0], c[1]) == (best[0], best[1]) and c[3] != best[3]
              and not any({best[2], c[2]} <= family for family in _FAMILIES)]
    if rivals:
        names = [best[2]]
        for rival in rivals:   # one name per family: "cp850 or cp1252", not "… or latin-1"
            if not any({rival[2], name} <= family for name in names for family in _FAMILIES):
                names.append(rival[2])
        return line, None, " or ".join(dict.fromkeys(names))
    return best[3], best[2], None


def _repair_lines(lines: list[str], paired: bool) -> Iterator[tuple[int, str, str | None, str | None]]:
    """(0-based number, line, codec, doubt) of the lines that may be mojibake (`paired`: whether
    the page holds a code-page pair anywhere)."""
    for number, line in enumerate(lines):
        if line.isascii():
            continue     # most lines of most pages: nothing to repair, nothing to doubt
        first = _WIDE.search(line)     # (never None here: the line is not ASCII)
        if first is not None and "\ufffd" not in line and not (paired and _pairs().search(line)) \
                and not _redecodes(line, _opening(first.group())):
            # A clean CJK line. Without a code-page pair or a "�", _candidates can only repair
            # the whole line through a double-byte codec of _opening, which must decode first.
            continue
        first_codec: str | None = None
        doubt: str | None = None
        for _ in range(_MAX_ROUNDS):
            line, codec, doubt = _repair_line(line)
            if codec is None:
                break
            first_codec = first_codec or codec
        yield number, line, first_codec, doubt if first_codec is None else None


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_IGNORE = re.compile(r"<!--\s*docverify:\s*ignore\s+([^>]*?)-->")
_IGNORES_ENCODING = re.compile(r"(?:^|\s)encoding(?:\.mojibake)?(?=\s|$)")


def _shown_on_purpose(lines: list[str]) -> set[int]:
    """0-based lines whose text is shown as it is: fenced code, and what an ignore of
    `encoding` / `encoding.mojibake` covers (its block, or the page before the first heading)."""
    kept: set[int] = set()
    fence = ""
    ignore = ""          # "", "next" (the directive was seen) or "block" (inside its block)
    seen_heading = False
    for number, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence:
            kept.add(number)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
                ignore = "" if ignore == "block" else ignore
            continue
        if match:
            fence = match.group(1)
            kept.add(number)
            ignore = "block" if ignore else ""
            continue
        directive = _IGNORE.search(line)
        if directive and _IGNORES_ENCODING.search(directive.group(1)):
            if not seen_heading:
                return set(range(len(lines)))   # a page-wide ignore
            ignore = "next"
            kept.add(number)
            continue
        seen_heading = seen_heading or line.lstrip().startswith("#")
        if ignore and line.strip():
            kept.add(number)
            ignore = "block"
        elif ignore == "block":
            ignore = ""
    return kept


def _scan(text: str, paired: bool) -> tuple[list[str], list[tuple[int, str]], list[tuple[int, str]], Counter[str]]:
    """The repaired lines, (line, codec) repaired, (line, why) left alone, and codec counts."""
    # Split on "\n" only: str.splitlines() would also split at U+0085, which latin-1 mojibake holds.
    raw = text.split("\n")
    out = list(raw)
    repaired: list[tuple[int, str]] = []
    alone: list[tuple[int, str]] = []
    kept: set[int] | None = None
    for number, line, codec, doubt in _repair_lines(raw, paired):
        if codec is None:
            if doubt:
                alone.append((number + 1, doubt))
            continue
        if kept is None:
            kept = _shown_on_purpose(raw)
        if number in kept:
            alone.append((number + 1, codec))
            continue
        out[number] = line
        repaired.append((number + 1, codec))
    return out, repaired, alone, Counter(codec for _, codec in repaired)


def _clues(text: str) -> bool | None:
    """None when `text` cannot hold mojibake (all ASCII, or neither a code-page pair nor a CJK
    character); else whether it holds a code-page pair (a page without one spares each line
    that search)."""
    if text.isascii():
        return None
    paired = _pairs().search(text) is not None
    return paired if paired or _DOUBLE.search(text) else None


def find_mojibake(text: str) -> list[tuple[int, str]]:
    """(line number, codec) of every damaged line, 1-based, for checks that report places.

    Lines left alone are included: an ambiguous one names its rival codecs ("cp437 or cp850").
    """
    paired = _clues(text)
    if paired is None:
        return []
    _, repaired, alone, _ = _scan(text, paired)
    return sorted(repaired + alone)


def detect_mojibake(text: str) -> str | None:
    """The codec most damaged lines were wrongly decoded with, or None if the text looks right."""
    found = Counter(codec for _, codec in find_mojibake(text))
    return found.most_common(1)[0][0] if found else None


def repair_text(text: str) -> Repair:
    """Undo mojibake line by line; only exact round trips that read clearly better are applied."""
    paired = _clues(text)
    if paired is None:
        return Repair(text, None)
    lines, repaired, alone, found = _scan(text, paired)
    codec = found.most_common(1)[0][0] if found else None
    return Repair("\n".join(lines) if repaired else text, codec, tuple(alone))
