"""The site's checks in a worker process beside the site build: one verdict per page, kept incremental.

The MkDocs plugin asks for a report when a build starts and collects it when it first needs
it (the first page it decorates, which MkDocs writes only after converting every page), so
on a machine with two cores the check costs the build little time. The worker keeps its
CheckSession between requests, so a `mkdocs serve` rebuild re-reads and re-checks only what
the save can have changed. This module imports nothing heavy at the top: the plugin's process
only unpickles the report.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docverify.model import Finding
from docverify.siteconfig import SiteConfig
from docverify.verdict import Verdict

if TYPE_CHECKING:
    from docverify.session import CheckSession

__all__ = ["Checker", "SiteReport", "report"]


@dataclass(frozen=True, slots=True)
class SiteReport:
    config: SiteConfig
    generation: int                      # changes whenever some finding may have changed
    reread: tuple[str, ...]              # absolute paths of the pages read for this report
    verdicts: Mapping[str, Verdict]      # by absolute page path
    langs: Mapping[str, str]             # page language, by absolute page path
    findings: tuple[Finding, ...]
    status: str = ""                     # the translation status matrix (markdown), if asked

    def verdict(self, path: str | None) -> Verdict | None:
        return self.verdicts.get(os.path.abspath(path)) if path else None


_SESSIONS: dict[str, CheckSession] = {}   # the worker's sessions, by mkdocs.yml


def report(config_file: str, with_status: bool = True) -> SiteReport:
    """Check the site of `config_file` (re-reading only changed pages of a known site)."""
    from docverify.session import CheckSession
    from docverify.verdict import verdict
    session = _SESSIONS.get(config_file)
    if session is None:
        session = _SESSIONS[config_file] = CheckSession.open(config_file)
        reread = {Path(os.path.abspath(c.page.path)) for c in session.site.pages}
    else:
        reread = session.reload()
    results = session.results()
    findings = tuple(f for r in results for f in r.findings)
    status = ""
    if with_status:
        from docverify.status import render_status_markdown
        status = render_status_markdown(session.site, findings)
    return SiteReport(
        session.config, session.generation, tuple(sorted(map(str, reread))),
        {os.path.abspath(r.claims.page.path): verdict(r.claims.page, r.findings) for r in results},
        {os.path.abspath(r.claims.page.path): r.claims.page.lang for r in results},
        findings, status)


class Checker:
    """`report` in one spawned worker process, reused across requests (or in-process)."""

    def __init__(self, background: bool = True) -> None:
        self.background = background
        self._pool: ProcessPoolExecutor | None = None
        self._pending: Future[SiteReport] | None = None
        self._last: SiteReport | None = None

    def submit(self, config_file: str, with_status: bool = True) -> None:
        if not self.background:
            self._last, self._pending = report(config_file, with_status), None
            return
        if self._pool is None:
            # spawn, not fork: `mkdocs serve` runs threads, and a forked child may inherit a held lock.
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        self._pending = self._pool.submit(report, config_file, with_status)

    def result(self) -> SiteReport:
        """The report of the last request, waiting for the worker if it is still checking."""
        if self._pending is not None:
            self._last, self._pending = self._pending.result(), None
        if self._last is None:
            raise RuntimeError("Checker.result() before submit()")
        return self._last

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
