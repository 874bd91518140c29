"""Find and repair translation damage in a cURL command: typographic quotes, odd spaces and dashes.

Machine translation and word processors swap ASCII for look-alikes: “smart” quotes, no-break
and full-width spaces, en dashes for `--`, Windows `^` line continuations. Bash treats each as an
ordinary character, so the command the reader runs differs from the one shown. The scan is
quote-aware: inside ASCII quotes (and heredoc bodies) these characters are content, not damage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from docverify.curl.options import LONG, SHORT
from docverify.curl.request import Damage

_DOUBLE = "“”„‟«»＂〝〞"
_SINGLE = "‘’‚‛＇"
_SPACES = "\u00a0\u3000\u2002\u2003\u2007\u2009\u202f"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_NAME_AFTER_DASH = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")
_HEREDOC = re.compile(r"<<-?[ \t]*(['\"]?)([A-Za-z0-9_]+)\1")
_FULLWIDTH_COLON = "\uff1a"
_HEADER_COLON = re.compile(
    r"(?:-H|--header)[ \t\u00a0\u3000]*[\"'“”‘’«]?[A-Za-z0-9!#$%&*+.^_`|~-]+[ \t]*\uff1a")
_SPACE_AFTER_BACKSLASH = re.compile(r"\\[ \t]+\n")


def describe(char: str, what: str) -> str:
    name = unicodedata.name(char, "UNKNOWN CHARACTER")
    return f"{name} (U+{ord(char):04X}) {what}"


def repair(text: str) -> tuple[str, tuple[Damage, ...]]:
    """The text with unambiguous damage repaired, and every damaged character found."""
    if text.isascii() and "^" not in text and not _SPACE_AFTER_BACKSLASH.search(text):
        return text, ()
    out: list[str] = []
    found: list[Damage] = []
    quote = ""           # "'", '"' or "$'" while inside quotes
    smart = False        # the open quote was a typographic one
    line, line_start, i, n = 1, 0, 0, len(text)
    heredocs: list[tuple[str, bool]] = []

    def hit(char: str, what: str, repaired: bool = True) -> None:
        found.append(Damage(line, i - line_start + 1, char, describe(char, what), repaired))

    colons: set[int] = set()   # full-width colons that stand for a header's ':'
    while i < n:
        ch = text[i]
        if colons and i in colons:
            hit(ch, "is not the ':' an HTTP header needs; read as ':'")
            out.append(":")
            i += 1
            continue
        if ch == "\n":
            out.append(ch)
            line, line_start, i = line + 1, i + 1, i + 1
            if heredocs and not quote:
                i, line, line_start = _copy_heredocs(text, i, line, heredocs, out)
                heredocs = []
                line_start = i
            continue
        if quote in ("'", "$'"):
            if ch == "\\" and quote == "$'":
                out.append(text[i:i + 2])
                if text.startswith("\n", i + 1):
                    line, line_start = line + 1, i + 2
                i += 2
                continue
            if ch == "'" or (smart and ch in _SINGLE):
                if ch != "'":
                    hit(ch, "closes a quote bash does not see; read as '")
                out.append("'")
                quote, smart = "", False
            else:
                out.append(ch)
            i += 1
            continue
        if quote == '"':
            if ch == "\\":
                out.append(text[i:i + 2])
                if text.startswith("\n", i + 1):
                    line, line_start = line + 1, i + 2
                i += 2
                continue
            if ch == '"' or (smart and ch in _DOUBLE):
                if ch != '"':
                    hit(ch, 'closes a quote bash does not see; read as "')
                out.append('"')
                quote, smart = "", False
            else:
                out.append(ch)
            i += 1
            continue
        # outside quotes
        if ch == "\\":
            j = i + 1
            while j < n and text[j] in " \t":
                j += 1
            if j > i + 1 and j < n and text[j] == "\n":
                found.append(Damage(line, i - line_start + 2, text[i + 1], describe(
                    text[i + 1], "after a line-continuation backslash: bash would end the "
                    "command there; removed"), True))
                out.append("\\")
                i = j
                continue
            out.append(text[i:i + 2])
            if text.startswith("\n", i + 1):
                line, line_start = line + 1, i + 2
            i += 2
        elif ch in "'\"":
            quote, smart = ch, False
            if ch == "'" and i > 0 and text[i - 1] == "$" and (i < 2 or text[i - 2] != "\\"):
                quote = "$'"
            out.append(ch)
            i += 1
        elif ch in _DOUBLE:
            hit(ch, 'is not a quote to bash; read as "')
            out.append('"')
            quote, smart = '"', True
            i += 1
        elif ch in _SINGLE:
            hit(ch, "is not a quote to bash; read as '")
            out.append("'")
            quote, smart = "'", True
            i += 1
        elif ch in _SPACES:
            hit(ch, "is not a word separator to bash; read as a space")
            out.append(" ")
            i += 1
        elif ch in _INVISIBLE:
            hit(ch, "is an invisible character bash keeps in the word; removed")
            i += 1
        elif ch == "^" and text[i + 1:].lstrip(" \t").startswith("\n"):
            hit(ch, "is a Windows cmd line continuation; bash needs a backslash")
            out.append("\\")
            i = text.index("\n", i)
        elif ch in _DASHES and (i == 0 or text[i - 1] in " \t\n"):
            i = _dash(text, i, out, hit)
        elif ch == "-" and (i == 0 or text[i - 1] in " \t\n") and _FULLWIDTH_COLON in text:
            match = _HEADER_COLON.match(text, i)
            if match:
                colons.add(match.end() - 1)
            out.append(ch)
            i += 1
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(text[i:end])
            i = end
        elif ch == "<" and text.startswith("<<", i) and not text.startswith("<<<", i):
            match = _HEREDOC.match(text, i)
            if match:
                heredocs.append((match.group(2), text[i + 2:i + 3] == "-"))
                out.append(match.group())
                i = match.end()
            else:
                out.append(ch)
                i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out), tuple(found)


def _dash(text: str, i: int, out: list[str], hit: Callable[..., None]) -> int:
    """An option written with a dash look-alike: `–H`, `—data`, `–-json`."""
    ch, j = text[i], i + 1
    double = j < len(text) and (text[j] == "-" or text[j] in _DASHES)
    if double:
        j += 1
    match = _NAME_AFTER_DASH.match(text, j)
    name = match.group() if match else ""
    if double and name in LONG or (not double and name in LONG and len(name) > 1):
        hit(ch, f"is not a hyphen; read as '--{name}'")
        out.append("--")
        return j
    if not double and name and name[0] in SHORT:
        hit(ch, f"is not a hyphen; read as '-{name}'")
        out.append("-")
        return j
    hit(ch, "is not a hyphen, and what follows is no curl option", repaired=False)
    out.append(ch)
    return i + 1


def _copy_heredocs(text: str, i: int, line: int, heredocs: list[tuple[str, bool]],
                   out: list[str]) -> tuple[int, int, int]:
    for delimiter, strip_tabs in heredocs:
        while i < len(text):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end + 1
            out.append(text[i:end])
            raw = text[i:end].rstrip("\n\r")
            i = end
            line += 1
            if (raw.lstrip("\t") if strip_tabs else raw) == delimiter:
                break
    return i, line, i
