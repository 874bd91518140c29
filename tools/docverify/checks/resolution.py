"""Resolution tables: a table that claims which request URL an address reaches, per client profile.

A settings page often explains the client's URL rules with a table: the address a reader
types, then the URL each release requests. The directive above such a table names the
profiles of its URL columns, in order:

    <!-- docverify: resolves cherry-studio@1.6 cherry-studio@2 -->
    | address | 1.0 to 1.6 | 1.7 and 2.x |

Every row is then resolved through those profiles; a cell that says another URL than the
profile gives is `endpoint.unresolved` at that row. Column headers are prose in the page's
language, so the mapping comes from the directive, never from guessing at header text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from docverify.errors import DocverifyError
from docverify.model import Claims, Directive, Finding, Page, Severity, Table
from docverify.clients.profiles import PROFILES, get_profile, on_the_wire, resolve

if TYPE_CHECKING:
    from docverify.pageset.site import Site

VERB = "resolves"
_URL = re.compile(r"https?://[^\s`|<>]+")


def check_resolution_tables(claims: Claims, site: Site) -> Iterator[Finding]:
    page = claims.page
    for directive in page.directives:
        if directive.verb != VERB:
            continue
        table = _table_after(page, directive)
        if table is None:
            yield _finding(page, directive.line,
                           "expected a table after the `resolves` directive, found none",
                           "put the directive on the line right before the table")
            continue
        unknown = [name for name in directive.args if name not in PROFILES]
        if unknown or not directive.args:
            yield _finding(page, directive.line,
                           f"expected client profiles after `resolves`, found {unknown or 'none'}",
                           f"name profiles from: {', '.join(PROFILES)}")
            continue
        yield from _rows(page, table, directive.args)


def _rows(page: Page, table: Table, profiles: tuple[str, ...]) -> Iterator[Finding]:
    lines = table.row_lines if len(table.row_lines) == len(table.raw_rows) else ()
    for index, cells in enumerate(table.raw_rows):
        line = lines[index] if lines else table.line
        address = _url(cells[0]) if cells else None
        if address is None:
            continue
        for column, profile in enumerate(profiles, start=1):
            claimed = _url(cells[column]) if column < len(cells) else None
            if claimed is None:
                continue
            try:
                actual = resolve(address, get_profile(profile).name).request_url
            except DocverifyError as exc:
                yield _finding(page, line, f"cannot resolve {address} under {profile}: {exc}",
                               "fix the address in the first column")
                continue
            if on_the_wire(actual) != on_the_wire(claimed):
                yield _finding(
                    page, line,
                    f"the table says {address} requests {claimed} under {profile}, "
                    f"but that profile requests {actual or '(nothing)'}",
                    f"write {actual} in column {column + 1}, or check the profile's rules "
                    f"with `docverify resolve '{address}' --client {profile}`")


def _table_after(page: Page, directive: Directive) -> Table | None:
    after = [t for t in page.tables if t.line > directive.line]
    return min(after, key=lambda t: t.line) if after else None


def _url(cell: str) -> str | None:
    match = _URL.search(cell)
    return match.group().rstrip(".,;)") if match else None


def _finding(page: Page, line: int, message: str, hint: str) -> Finding:
    return Finding("endpoint.unresolved", Severity.ERROR, page.path, line, message, hint)
