"""The site's checks in a worker process beside the site build: one verdict per page, kept incremental.

The MkDocs plugin asks for a report when a build starts and collects it when it first needs
it (the first page it decorates, which MkDocs writes only after converting every page), so
on a machine with two cores the check costs the build little time. The worker keeps its
CheckSession between requests, so a `mkdocs serve` rebuild re-reads and re-checks only what
the save can have changed, and a report that did not change since its last answer (every
language build after the first under mkdocs-static-i18n) is answered with a word, not sent
again. This module imports nothing heavy at the top: the plugin's process only unpickles the report.
"""

from __future__ import annotations

import copy
import gc
import os
import pickle
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from docverify.model import Finding
from docverify.site.config import SiteConfig
from docverify.integrations.forked import Forked, can_fork
from docverify.integrations.verdict import Verdict

if TYPE_CHECKING:
    from docverify.checks.session import CheckSession
    from docverify.translations.status import Matrix

__all__ = ["Checker", "SiteReport", "UNCHANGED", "answer", "report", "scrubbed", "serve"]


@dataclass(frozen=True, slots=True)
class SiteReport:
    config: SiteConfig
    generation: int                      # changes whenever some finding may have changed
    reread: tuple[str, ...]              # absolute paths of the pages read for this report
    verdicts: Mapping[str, Verdict]      # by absolute page path
    langs: Mapping[str, str]             # page language, by absolute page path
    findings: tuple[Finding, ...]
    matrix: Matrix | None = None         # the translation status matrix, if asked

    def verdict(self, path: str | None) -> Verdict | None:
        return self.verdicts.get(os.path.abspath(path)) if path else None


_SESSIONS: dict[str, CheckSession] = {}   # the worker's sessions, by mkdocs.yml
_REPORTS: dict[tuple[str, bool], SiteReport] = {}   # the last report, by (mkdocs.yml, with_status)


def report(config_file: str, with_status: bool = True) -> SiteReport:
    """Check the site of `config_file` (re-reading only changed pages of a known site)."""
    from docverify.checks.session import CheckSession
    from docverify.integrations.verdict import verdict
    session = _SESSIONS.get(config_file)
    if session is None:
        session = _SESSIONS[config_file] = CheckSession.open(config_file)
        reread = {Path(os.path.abspath(c.page.path)) for c in session.site.pages}
    else:
        reread = session.reload()
    last = _REPORTS.get((config_file, with_status))
    if last is not None and not reread and last.generation == session.generation:
        # Nothing changed since the last report (MkDocs asks once per language build).
        return replace(last, reread=())
    results = session.results()
    findings = tuple(f for r in results for f in r.findings)
    matrix = None
    if with_status:
        from docverify.translations.status import build_matrix
        matrix = build_matrix(session.site, findings)
    made = _REPORTS[(config_file, with_status)] = SiteReport(
        session.config, session.generation, tuple(sorted(map(str, reread))),
        {os.path.abspath(r.claims.page.path): verdict(r.claims.page, r.findings) for r in results},
        {os.path.abspath(r.claims.page.path): r.claims.page.lang for r in results},
        findings, matrix)
    return made


class Checker:
    """`report` in one worker process, reused across requests (or in-process).

    The worker speaks pickle over two pipes. On Linux, from a process running one thread (`mkdocs
    build`, and `serve` before its server starts), it is this process forked: it starts with what
    is imported here already (the plugin's part of docverify, YAML, MkDocs), where a new
    interpreter would import it all again (~80 ms CPU of a ~0.9 s worker on a 347-page site).
    Elsewhere it is a plain `python -c` child on its stdin and stdout, since a forked child may
    inherit a lock another thread holds. Not a multiprocessing pool: spawn would re-run the
    parent's `__main__` in it (for `python -m mkdocs`, MkDocs' whole CLI, ~80 ms CPU) and start a
    resource tracker process besides.
    """

    def __init__(self, background: bool = True) -> None:
        self.background = background
        self._proc: subprocess.Popen[bytes] | Forked | None = None
        self._pending = 0                   # requests sent whose reports are not read yet
        self._last: SiteReport | None = None
        self._received: SiteReport | None = None   # the worker's last full answer, which UNCHANGED repeats

    def submit(self, config_file: str, with_status: bool = True) -> None:
        if not self.background:
            try:
                self._last = report(config_file, with_status)
            except Exception as exc:        # MkDocs shows it: the same scrubbed text as the worker's
                raise scrubbed(exc).with_traceback(exc.__traceback__) from None
            return
        if self._proc is None:
            self._proc = _start_worker()
        assert self._proc.stdin is not None
        pickle.dump((config_file, with_status), self._proc.stdin, pickle.HIGHEST_PROTOCOL)
        self._proc.stdin.flush()
        self._pending += 1

    def result(self) -> SiteReport:
        """The report of the last request, waiting for the worker if it is still checking."""
        while self._pending:
            ok, value = self._receive()
            self._pending -= 1
            if self._pending == 0:          # earlier requests were superseded: only the last counts
                if not ok:
                    raise value
                self._last = value
        if self._last is None:
            raise RuntimeError("Checker.result() before submit()")
        return self._last

    def close(self) -> None:
        if self._proc is None:
            return
        proc, self._proc = self._proc, None
        if self._pending:                   # a report nobody will read: no need to finish it
            proc.kill()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        self._pending = 0

    def _receive(self) -> tuple[bool, Any]:
        assert self._proc is not None and self._proc.stdout is not None
        try:
            ok, value = pickle.load(self._proc.stdout)
        except EOFError:
            code = self._proc.poll()
            raise RuntimeError(f"the docverify worker exited (code {code}) before it answered") from None
        if ok and isinstance(value, str) and value == UNCHANGED:
            assert self._received is not None, "the worker says unchanged only after a full answer"
            return True, replace(self._received, reread=())
        if ok:
            self._received = value
        return ok, value


def _start_worker() -> subprocess.Popen[bytes] | Forked:
    if can_fork():
        return Forked(answer)
    # The child finds this very docverify, whatever put it on the parent's sys.path.
    home = str(Path(__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (home, os.environ.get("PYTHONPATH", "")) if p)
    return subprocess.Popen([sys.executable, "-c", "from docverify.integrations.worker import serve; serve()"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": path})


def scrubbed(exc: Exception) -> Exception:
    """The exception as it may be shown: every string it carries (its arguments, `hint`, …)
    scrubbed of the environment's credentials and of key shapes. A copy: `exc` is left as it is."""
    from docverify.traffic.scrub import scrub_outgoing
    try:
        clean = copy.copy(exc)
        clean.args = tuple(scrub_outgoing(a) if isinstance(a, str) else a for a in exc.args)
        for name, value in vars(exc).items():
            if isinstance(value, str):
                setattr(clean, name, scrub_outgoing(value))
            elif name == "__notes__" and isinstance(value, list):   # shown under a traceback
                setattr(clean, name, [scrub_outgoing(str(note)) for note in value])
        text = str(clean)
    except Exception:                       # noqa: BLE001 - a copy we cannot make: its text will do
        return _as_text(exc)
    # An argument that is not a string (a dict, a list) may still quote a secret in the text.
    return clean if scrub_outgoing(text) == text else _as_text(exc)


def _as_text(exc: object) -> RuntimeError:
    from docverify.traffic.scrub import scrub_outgoing
    try:
        text = str(exc)
    except Exception:                       # noqa: BLE001 - an exception whose __str__ fails
        text = "(its message cannot be read)"
    return RuntimeError(scrub_outgoing(f"{type(exc).__name__}: {text}"))


# The answer that stands for "the same report as my last full answer, with nothing re-read":
# the plugin's process already holds it, so neither side pays for pickling it again.
UNCHANGED = "unchanged"


def serve() -> None:
    """The `python -c` worker: requests on stdin, answers on stdout (see `answer`)."""
    # The answers own the real stdout; anything else printed goes to stderr.
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    answer(sys.stdin.buffer, channel)


def answer(requests: IO[bytes], channel: IO[bytes]) -> None:
    """The worker's loop: a pickled (config_file, with_status) in, a pickled (ok, report, UNCHANGED
    or error) out, until the requests end."""
    sent: SiteReport | None = None
    while True:
        try:
            config_file, with_status = pickle.load(requests)
        except EOFError:
            return
        reply: tuple[bool, Any]
        # A report builds the parsed site, which lives on in the session: the collector would
        # walk it again and again while it grows (~50 ms CPU of a ~0.9 s first report on a
        # 347-page site, timed with gc.callbacks) and find a few dozen cyclic objects. So it is
        # off while checking, and what survived is then moved out of its sight (gc.freeze) so
        # the first collection after does not walk it all either. Refcounting still frees what a
        # `serve` rebuild drops; only cyclic garbage made during a report stays (none measured
        # after a rebuild that re-read every page).
        gc.disable()
        try:
            made = report(config_file, with_status)
            unchanged = sent is not None and not made.reread and made.verdicts is sent.verdicts
            reply = (True, UNCHANGED if unchanged else made)
            sent = made
        except Exception as exc:            # the parent raises it, as a pool's future would
            reply = (False, scrubbed(exc))
        finally:
            gc.enable()
            gc.freeze()
        try:
            data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
            if not reply[0]:
                pickle.loads(data)          # an exception whose __init__ takes other arguments
        except Exception:                   # an exception that does not round-trip: its text does
            data = pickle.dumps((False, _as_text(reply[1])))
        try:
            channel.write(data)
            channel.flush()
        except BrokenPipeError:
            return
