"""Mojibake repair: find UTF-8 text that was decoded with a single-byte codec and undo it exactly."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["CODECS", "Repair", "detect_mojibake", "find_mojibake", "repair_text"]

# Tried in this order; when two codecs give the same repair the earlier one is reported.
CODECS: tuple[str, ...] = (
    "cp866", "cp437", "cp850", "cp1251", "cp1252", "latin-1", "koi8-r", "mac-roman",
    "iso8859-5", "iso8859-7", "cp1253",
)

# Windows codecs leave a few bytes undefined; Windows itself decodes them to the C1 control
# of the same number, so mojibake made on Windows carries those controls.
_SLOPPY = {"cp1251", "cp1252", "cp1253"}

# Text that was mojibaked twice is repaired twice; more rounds than this is not text.
_MAX_ROUNDS = 3


@dataclass(frozen=True, slots=True)
class Repair:
    """The repaired text and the codec it had been wrongly decoded with (None: it was clean)."""

    text: str
    codec: str | None


@lru_cache(maxsize=None)
def _table(codec: str) -> dict[str, int]:
    """Character -> byte for the high half of `codec` (ASCII is the same in every codec here)."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            table[bytes([byte]).decode(codec)] = byte
        except UnicodeDecodeError:
            if codec in _SLOPPY:
                table[chr(byte)] = byte
    return table


@lru_cache(maxsize=None)
def _odd_chars() -> frozenset[str]:
    """Characters typical of mojibake: what the codecs' high halves hold that is not a letter."""
    odd = {char for codec in CODECS for char in _table(codec) if not char.isalpha()}
    # Letters that real text almost never has, but continuation bytes often decode to.
    odd.update("ªºµƒı")
    return frozenset(odd)


# Typographic punctuation real text does use: it counts, but less than other odd characters.
_COMMON = frozenset("–—‘’‚“”„…•·«»€°‹›")

_CJK = {"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HALFWIDTH", "IDEOGRAPHIC"}


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return "CJK" if first in _CJK else first


def _cost(text: str) -> int:
    """How implausible `text` looks: odd characters, case flips and script switches inside words.

    Only differences matter: a repair is taken when it lowers this strictly.
    """
    odd = _odd_chars()
    cost = 0
    prev_letter = ""
    for char in text:
        if char < "\x80":
            prev_letter = char if char.isalpha() else ""
            continue
        category = unicodedata.category(char)
        if char >= "\U0001f000":
            # Emoji and other astral symbols: a 4-byte UTF-8 sequence that cp866 shows as
            # plain capitals ("ЁЯОЙ"); the repaired emoji is what makes the difference.
            cost -= 2
        elif category in ("Cc", "Cn", "Co", "Cs"):
            cost += 4
        elif char in _COMMON:
            cost += 1
        elif char in odd:
            cost += 2
        if category[0] == "M":
            continue  # a combining mark belongs to the letter before it
        if not char.isalpha():
            prev_letter = ""
            continue
        if prev_letter:
            if prev_letter.islower() and char.isupper():
                cost += 2
            if _script(prev_letter) != _script(char):
                cost += 2
            # A Latin-1 capital followed by another non-ASCII letter: the classic "Ã©" shape.
            if "\xc0" <= prev_letter <= "\xde" and prev_letter != "\xd7":
                cost += 2
        prev_letter = char
    return cost


_RUN = re.compile(r"[^\x00-\x7f]+")


def _undo(line: str, codec: str) -> str:
    """Re-decode every non-ASCII run of `line` that round-trips exactly through `codec`."""
    table = _table(codec)

    def redecode(match: re.Match[str]) -> str:
        chunk = match.group()
        try:
            return bytes(table[c] for c in chunk).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            return chunk

    return _RUN.sub(redecode, line)


@lru_cache(maxsize=None)
def _pairs(codec: str | None = None) -> re.Pattern[str]:
    """A UTF-8 lead byte followed by a continuation byte, as `codec` (None: any codec) shows them.

    Re-decoding a run of characters as UTF-8 changes it only if the run holds such a pair, so
    a line (or a page) without one is never repaired: most real text (Chinese, Bengali,
    Japanese, English with typographic quotes) skips the costly scoring, with the same results.
    """
    tables = [_table(c) for c in (CODECS if codec is None else (codec,))]

    def shown(first: int, last: int) -> str:
        chars = sorted({char for table in tables for char, byte in table.items() if first <= byte <= last})
        return "[" + "".join(re.escape(c) for c in chars) + "]"

    return re.compile(shown(0xC2, 0xF4) + shown(0x80, 0xBF))


def _repair_line(line: str) -> tuple[str, str | None]:
    """The line repaired by the most plausible codec, or unchanged with None."""
    if line.isascii() or not _pairs().search(line):
        return line, None
    best, best_codec, best_cost = line, None, _cost(line)
    for codec in CODECS:
        if not _pairs(codec).search(line):
            continue
        candidate = _undo(line, codec)
        if candidate == line:
            continue
        cost = _cost(candidate)
        # Strictly more plausible only: a tie means the text may well be right as it is.
        if cost < best_cost:
            best, best_codec, best_cost = candidate, codec, cost
    return best, best_codec


def _repair_lines(text: str) -> list[tuple[str, str | None]]:
    # Split on "\n" only: str.splitlines() would also split at U+0085, which latin-1 mojibake holds.
    result: list[tuple[str, str | None]] = []
    for line in text.split("\n"):
        first_codec: str | None = None
        for _ in range(_MAX_ROUNDS):
            line, codec = _repair_line(line)
            if codec is None:
                break
            first_codec = first_codec or codec
        result.append((line, first_codec))
    return result


def find_mojibake(text: str) -> list[tuple[int, str]]:
    """(line number, codec) of every damaged line, 1-based, for checks that report places."""
    if not _pairs().search(text):
        return []
    return [(number, codec) for number, (_, codec) in enumerate(_repair_lines(text), start=1)
            if codec is not None]


def detect_mojibake(text: str) -> str | None:
    """The codec most damaged lines were wrongly decoded with, or None if the text looks right."""
    found = Counter(codec for _, codec in find_mojibake(text))
    return found.most_common(1)[0][0] if found else None


def repair_text(text: str) -> Repair:
    """Undo mojibake line by line; only exact round trips that read clearly better are applied."""
    if not _pairs().search(text):
        return Repair(text, None)
    lines = _repair_lines(text)
    found = Counter(codec for _, codec in lines if codec is not None)
    if not found:
        return Repair(text, None)
    return Repair("\n".join(line for line, _ in lines), found.most_common(1)[0][0])
