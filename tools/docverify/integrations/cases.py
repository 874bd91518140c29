"""What a test runner reports on: one page x check group, or one cURL example, named `path:line [group]`.

Like pytest-examples' `CodeExample`, a case prints as its id, so the pytest plugin and the
repo's own drift gate (tests/test_docs.py) show the same names for the same findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePath

from docverify.model import Claims, Curl, Finding
from docverify.checks.session import CheckSession

__all__ = ["EXAMPLE_GROUP", "Case", "case_findings", "cases", "page_cases"]

EXAMPLE_GROUP = "replay"    # the group whose findings belong to single cURL examples


@dataclass(frozen=True, slots=True)
class Case:
    path: str            # the page, relative to the base folder (posix), as ids show it
    file: str            # the page's absolute path
    group: str
    line: int = 0        # first content line of the example; 0 for the whole page
    index: int = -1      # the example's index on its page

    def __str__(self) -> str:
        return f"{self.path}:{self.line} [{self.group}]" if self.line else f"{self.path} [{self.group}]"

    @property
    def first_line(self) -> int:
        return self.line or 1


def example_span(curl: Curl) -> range:
    """The lines of a cURL example: its opening fence, its content and its closing fence."""
    return range(curl.line - 1, curl.line + len(curl.text.splitlines()) + 1)


def page_cases(session: CheckSession, claims: Claims, base: Path) -> list[Case]:
    """The cases of one page: every check group, then every cURL example (when replay runs)."""
    file = os.path.abspath(claims.page.path)
    try:
        shown = PurePath(os.path.relpath(file, base)).as_posix()
    except ValueError:
        shown = PurePath(file).as_posix()
    out = [Case(shown, file, group) for group in session.groups]
    if EXAMPLE_GROUP in session.groups:
        out += [Case(shown, file, EXAMPLE_GROUP, curl.line, curl.index) for curl in claims.curls]
    return out


def cases(session: CheckSession, base: Path) -> list[Case]:
    return [case for claims in session.site.pages for case in page_cases(session, claims, base)]


def case_findings(session: CheckSession, case: Case) -> tuple[Finding, ...]:
    """The findings a case owns: its group's on the page, split between the page and its examples."""
    claims = session.claims(case.file)
    if claims is None:
        return ()
    result = session.result(claims)
    found = result.by_group.get(case.group, ())
    if case.group == session.groups[0]:
        found = result.by_group.get("parse", ()) + found   # reading problems: the first group's
    if case.group != EXAMPLE_GROUP:
        return found
    spans = {curl.index: example_span(curl) for curl in claims.curls}
    if case.index >= 0:
        return tuple(f for f in found if f.line in spans.get(case.index, ()))
    return tuple(f for f in found if not any(f.line in span for span in spans.values()))
