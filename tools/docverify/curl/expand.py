"""The parts of a bash word that are not plain text: ANSI-C escapes, `$` expansions, `$(…)`.

Each function reads from `pos` in the text and returns (value, end). Nothing runs: a variable
becomes `${NAME}`, a command substitution stays as written, with a warning via `warn`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docverify.errors import CurlParseError

Warn = Callable[[str, str, int], None]    # (kind, message, line)

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BRACED = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}")
_HEX = {"x": re.compile(r"[0-9A-Fa-f]{1,2}"), "u": re.compile(r"[0-9A-Fa-f]{1,4}"),
        "U": re.compile(r"[0-9A-Fa-f]{1,8}")}
_OCTAL = re.compile(r"[0-7]{0,2}")
_ANSI = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
         "e": "\x1b", "E": "\x1b", "\\": "\\", "'": "'", '"': '"', "?": "?"}


def ansi_c(text: str, pos: int, line: int) -> tuple[str, int]:
    """The body of `$'…'` from `pos` (just after `$'`) to the closing quote, decoded as bash."""
    parts: list[str] = []
    n = len(text)
    while True:
        if pos >= n:
            raise CurlParseError("unclosed ANSI-C quote ($')", line=line)
        ch = text[pos]
        if ch == "'":
            return "".join(parts), pos + 1
        if ch != "\\":
            parts.append(ch)
            pos += 1
            continue
        esc = text[pos + 1:pos + 2]
        pos += 2
        if esc in _ANSI:
            parts.append(_ANSI[esc])
        elif esc in _HEX:
            digits = _HEX[esc].match(text, pos)
            if digits:
                parts.append(chr(int(digits.group(), 16)))
                pos = digits.end()
            else:
                parts.append("\\" + esc)
        elif esc and esc in "01234567":
            digits = _OCTAL.match(text, pos)
            assert digits is not None
            parts.append(chr(int(esc + digits.group(), 8) & 0xFF))
            pos = digits.end()
        elif esc == "c" and pos < n:
            parts.append(chr(ord(text[pos]) & 0x1F))
            pos += 1
        else:
            parts.append("\\" + esc)


def dollar(text: str, pos: int, warn: Warn, line: int) -> tuple[str, int]:
    """What bash makes of the `$` at `pos`: a variable (kept as `${NAME}`), or a literal."""
    after = pos + 1
    name = _NAME.match(text, after)
    if name:
        return "${" + name.group() + "}", name.end()
    braced = _BRACED.match(text, after)
    if braced:
        if braced.group(2):
            warn("quoting", f"'${{{braced.group(1)}{braced.group(2)}}}' is read as "
                 f"${{{braced.group(1)}}}: docverify does not model bash's operators", line)
        return "${" + braced.group(1) + "}", braced.end()
    if text.startswith("(", after):
        return substitution(text, pos, "$(", ")", warn, line)
    if after < len(text) and (text[after].isdigit() or text[after] in "@*#?$!-"):
        warn("quoting", f"'${text[after]}' is a bash special parameter; kept literally", line)
        return "$" + text[after], after + 1
    return "$", after


def substitution(text: str, pos: int, opener: str, closer: str, warn: Warn,
                 line: int) -> tuple[str, int]:
    """`$(…)` or a backquoted command, kept as written: the parser never runs a command."""
    depth, i = 0, pos + len(opener)
    while i < len(text):
        ch = text[i]
        if closer == ")" and ch == "(":
            depth += 1
        elif ch == closer:
            if depth == 0:
                break
            depth -= 1
        i += 1
    else:
        raise CurlParseError(f"unclosed command substitution '{opener}'", line=line)
    literal = text[pos:i + 1]
    warn("quoting", f"command substitution {literal} would run a command; "
         "docverify keeps it literally", line)
    return literal, i + 1


def heredoc(body: str, warn: Warn, line: int) -> str:
    """An unquoted heredoc's body: `$` expands, a backslash escapes only `$`, `` ` ``, `\\`
    and a newline."""
    parts: list[str] = []
    pos, n = 0, len(body)
    while pos < n:
        ch = body[pos]
        if ch == "$":
            value, pos = dollar(body, pos, warn, line + body.count("\n", 0, pos))
            parts.append(value)
        elif ch == "\\" and pos + 1 < n and body[pos + 1] in "$`\\\n":
            if body[pos + 1] != "\n":
                parts.append(body[pos + 1])
            pos += 2
        else:
            parts.append(ch)
            pos += 1
    return "".join(parts)
