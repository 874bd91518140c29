"""cURL checks: examples that cannot be parsed, and examples the shell would run differently."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from docverify.curl import parse_curl
from docverify.errors import CurlParseError
from docverify.model import Claims, Curl, Finding, Severity

if TYPE_CHECKING:
    from docverify.pageset.site import Site

_LITERAL_VAR = re.compile(r"\$(?!\{)[A-Za-z_][A-Za-z0-9_]*")


def _line(curl: Curl, offset: int | None) -> int:
    """The page line of a 1-based line within the example."""
    return curl.line + (offset or 1) - 1


def check_curl(claims: Claims, site: Site) -> Iterator[Finding]:
    """`curl.parse` for each example bash or curl would reject; `curl.quoting` for each
    character or quote that makes the shell send something other than what the page shows."""
    path = claims.page.path
    for curl in claims.curls:
        try:
            req = parse_curl(curl.text)
        except CurlParseError as exc:
            yield Finding("curl.parse", Severity.ERROR, path, _line(curl, exc.line),
                          f"cURL example {curl.index + 1} cannot be run as shown: "
                          f"expected a command bash and curl accept, found: {exc.message}",
                          exc.hint or "fix the command so that it runs when pasted into bash")
            continue
        for damage in req.damage:
            if damage.repaired:
                hint = (f"replace {damage.char!r} (U+{ord(damage.char):04X}) with the ASCII "
                        "character; the intended request is clear")
            else:
                hint = "replace the character with what the source page has"
            yield Finding("curl.quoting", Severity.ERROR, path, _line(curl, damage.line_offset),
                          f"cURL example {curl.index + 1}, column {damage.col}: expected ASCII "
                          f"shell syntax, found {damage.description}", hint)
        # a literal `$NAME` in the URL or a header is surely meant as a variable (an API key
        # sent as the text "$ARK_API_KEY"); in a body it may be data, such as JSON's "$ref"
        in_request = any(_LITERAL_VAR.search(text) for text in
                         (req.url, *(value for _, value in req.headers)))
        severity = Severity.ERROR if in_request else Severity.WARNING
        for notice in req.notices:
            if notice.kind != "quoting":
                continue
            yield Finding("curl.quoting", severity, path, _line(curl, notice.line_offset),
                          f"cURL example {curl.index + 1}: {notice.message}",
                          "use double quotes around text that holds a $VARIABLE, e.g. "
                          "-H \"Authorization: Bearer $ARK_API_KEY\"")
