"""A page's verification status, from its findings and its notices: what the site's badge says."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from docverify.model import Finding, Page, Severity

__all__ = ["STALE_ID", "Status", "Verdict", "verdict"]

STALE_ID = "translation.stale"


class Status(str, Enum):
    """Headline states, worst first: a page shows the first that holds."""

    PROBLEMS = "problems"                      # findings other than staleness
    STALE = "stale"                            # the source changed after the translation
    MACHINE_TRANSLATED = "machine-translated"  # carries the "not reviewed" notice
    VERIFIED = "verified"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Status
    findings: tuple[Finding, ...]      # everything to list under the badge, by line
    machine_translated: bool = False
    stale: bool = False

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def problems(self) -> int:
        return sum(1 for f in self.findings if f.check != STALE_ID)


def verdict(page: Page, findings: Iterable[Finding]) -> Verdict:
    """The status of `page` given its findings (those of other pages are ignored)."""
    own = tuple(sorted((f for f in findings if f.path == page.path),
                       key=lambda f: (f.line, f.check, f.message)))
    # As the status matrix reads it: the notice stands until a reviewer marks the page reviewed.
    from docverify.translations.status import REVIEWED_KEY   # here: the site plugin unpickles Verdicts lightly
    machine = (any(a.machine_translated for a in page.admonitions)
               and page.front_matter.get(REVIEWED_KEY) is not True)
    stale = any(f.check == STALE_ID for f in own)
    if any(f.check != STALE_ID for f in own):
        status = Status.PROBLEMS
    elif stale:
        status = Status.STALE
    elif machine:
        status = Status.MACHINE_TRANSLATED
    else:
        status = Status.VERIFIED
    return Verdict(status, own, machine_translated=machine, stale=stale)
