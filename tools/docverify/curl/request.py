"""The value types of the cURL stage: the request a command sends, and what was found on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A shell variable the reader's shell expands at run time. It stays in url, headers and body
# as `${NAME}` and is filled in only when the request is sent (convert.to_httpx).
VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class Damage:
    """A character a translation or a word processor put into a command where bash needs ASCII."""

    line_offset: int     # 1-based line within the command text
    col: int             # 1-based column within that line
    char: str            # the character as found
    description: str     # its name and code point, and what bash would do with it
    repaired: bool       # the intent was unambiguous and the parse is of the repaired text

    def __str__(self) -> str:
        fixed = "repaired" if self.repaired else "not repaired"
        return f"line {self.line_offset}, column {self.col}: {self.description} ({fixed})"


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning with its place: `kind` is "quoting" (the shell would send something other
    than what the reader sees) or "ignored" (a part of the text that is not the request)."""

    kind: str
    line_offset: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line_offset}: {self.message}"


@dataclass(frozen=True, slots=True)
class CurlRequest:
    """The request curl would send, as the shell would hand it the words.

    `headers` are those the command sets, plus those its options make curl add (Content-Type
    for -d/--json/-F, Accept for --json, Authorization for -u/--oauth2-bearer, User-Agent,
    Referer, Cookie, Accept-Encoding). Not included: Host, Content-Length, Expect and curl's
    own `User-Agent: curl/VERSION` and `Accept: */*`, which depend on the curl build rather
    than on the page. `url` gets `http://` when the command gives no scheme, as curl does.
    Equality is on method, url, headers and body only: two commands that send the same
    request are equal even if one of them drew warnings.
    """

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: str | None
    warnings: tuple[str, ...] = field(default=(), compare=False)
    damage: tuple[Damage, ...] = field(default=(), compare=False)
    notices: tuple[Notice, ...] = field(default=(), compare=False)

    def header(self, name: str) -> str | None:
        """The last value of a header, matched case-insensitively (None if absent)."""
        found = None
        for key, value in self.headers:
            if key.lower() == name.lower():
                found = value
        return found

    def variables(self) -> tuple[str, ...]:
        """Names of the shell variables the request needs, in order of first use."""
        names: dict[str, None] = {}
        for text in (self.url, *(v for _, v in self.headers), self.body or ""):
            for match in VARIABLE.finditer(text):
                names.setdefault(match.group(1), None)
        return tuple(names)

    def to_json(self) -> dict[str, object]:
        return {"method": self.method, "url": self.url,
                "headers": [[k, v] for k, v in self.headers], "body": self.body,
                "warnings": list(self.warnings),
                "damage": [{"line": d.line_offset, "col": d.col, "char": d.char,
                            "description": d.description, "repaired": d.repaired}
                           for d in self.damage]}
