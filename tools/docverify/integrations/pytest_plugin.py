"""pytest plugin: a site's pages as test items (`pytest --docverify`), one per page and check group
and one per documented cURL example, named like `docs/providers/doubao.bn.md:57 [replay]`.

Collection is opt-in (the plugin is installed wherever docverify is): `--docverify [PATH…]`
collects the given pages or folders, or with no PATH the site of the nearest mkdocs.yml
instead of the usual test paths; the ini option `docverify = true` adds the site to a plain
`pytest` run. Safe defaults as in pytest-recording: `--record-mode none` (replay only), and
a check never opens a socket (one that tries fails its item). `--record-mode once|rewrite`
records missing|all examples before the run, against the emulator (`--record-target`) or
the live API.
"""

from __future__ import annotations

import dataclasses
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from docverify.integrations.cases import Case, case_findings, page_cases
from docverify.errors import DocverifyError, RecordError
from docverify.model import Finding, Severity
from docverify.checks.session import CheckSession
from docverify.model import PAGE_SUFFIXES
from docverify.site.config import CONFIG_NAME, SiteConfig, load_config
from docverify.traffic.scrub import scrub_outgoing

_SESSIONS = pytest.StashKey[dict[Path, CheckSession]]()
_SEEN = pytest.StashKey[set[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("docverify", "docverify: documentation drift checks")
    group.addoption("--docverify", action="store_true", default=False,
                    help="collect the given pages/folders (default: the site of ./mkdocs.yml) as tests")
    group.addoption("--docverify-client", metavar="PROFILE", default=None,
                    help="check addresses against this client profile only (e.g. cherry-studio@2)")
    group.addoption("--record-target", choices=("emulator", "live"), default="emulator",
                    help="where --record-mode once|rewrite sends the examples (live needs ARK_API_KEY)")
    try:
        # The option of pytest-recording, same name and meaning; share it when that is installed.
        group.addoption("--record-mode", choices=("none", "once", "rewrite"), default="none",
                        help="none: replay only (default); once: record missing examples; "
                             "rewrite: record every example")
    except ValueError:
        pass
    parser.addini("docverify", type="bool", default=False,
                  help="collect the site of mkdocs.yml as tests on every run")


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("docverify") or config.getini("docverify"))


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_SESSIONS] = {}
    config.stash[_SEEN] = set()
    client = config.getoption("docverify_client")
    if client:
        from docverify.clients.profiles import PROFILES
        if client not in PROFILES:
            raise pytest.UsageError(f"--docverify-client: unknown client profile {client!r}; "
                                    f"accepted: {', '.join(sorted(PROFILES))}")
    if not _enabled(config) or config.args_source is pytest.Config.ArgsSource.ARGS:
        return
    site = _site_file(config.invocation_params.dir)
    if site is None:
        if config.getoption("docverify"):
            raise pytest.UsageError(f"--docverify: no {CONFIG_NAME} in {config.invocation_params.dir} "
                                    "or above it; give the pages or folders to check")
        return
    if config.getoption("docverify"):
        config.args[:] = [str(site)]          # `pytest --docverify`: the docs, not the tests
    elif config.args_source is pytest.Config.ArgsSource.TESTPATHS:
        config.args.append(str(site))         # ini `docverify = true`: the tests and the docs


def _site_file(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return None


def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    mode = config.getoption("record_mode", "none")
    if not _enabled(config) or mode in (None, "none") or hasattr(config, "workerinput"):
        return   # xdist workers replay what the controller recorded
    site_file = _site_file(config.invocation_params.dir)
    if site_file is None:
        raise pytest.UsageError(f"--record-mode {mode}: no {CONFIG_NAME} in or above "
                                f"{config.invocation_params.dir}")
    from docverify.traffic.recording import record_site
    try:
        summary = record_site(load_config(site_file), mode, config.getoption("record_target"),
                              client=config.getoption("docverify_client"))
    except RecordError as exc:
        hint = f"\nhint: {exc.hint}" if exc.hint else ""
        raise pytest.UsageError(scrub_outgoing(f"recording failed: {exc}{hint}")) from None
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"docverify --record-mode {mode}: {summary}")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if not _enabled(parent.config):
        return None
    if file_path.name == CONFIG_NAME:
        return SiteFile.from_parent(parent, path=file_path)
    if file_path.suffix in PAGE_SUFFIXES:
        try:
            session = _session_for(parent.config, file_path)
        except DocverifyError:
            return PageFile.from_parent(parent, path=file_path)   # its collect() reports the error
        if session is not None and session.claims(file_path) is not None:
            return PageFile.from_parent(parent, path=file_path)
    return None


def _session_for(config: pytest.Config, path: Path) -> CheckSession | None:
    """The (cached) session of the site holding `path`; one per site for the whole test run."""
    site_file = path if path.name == CONFIG_NAME else _site_file(path.parent)
    if site_file is None:
        return None
    sessions = config.stash[_SESSIONS]
    if site_file not in sessions:
        site = load_config(site_file)
        client = config.getoption("docverify_client")
        if client:
            site = dataclasses.replace(site, clients=(client,))
        sessions[site_file] = CheckSession(site)
    session = sessions[site_file]
    return session if _inside(path, session.config) or path == site_file else None


def _inside(path: Path, config: SiteConfig) -> bool:
    return Path(os.path.abspath(path)).is_relative_to(config.docs_dir)


class SiteFile(pytest.File):
    """mkdocs.yml: every page of its site not already collected from a path."""

    def collect(self) -> Iterator[pytest.Item]:
        try:
            session = _session_for(self.config, self.path)
        except DocverifyError as exc:
            raise self.CollectError(_error_text(exc)) from None
        if session is None:
            return
        for claims in session.site.pages:
            yield from _items(self, session, page_cases(session, claims, self.config.rootpath))


class PageFile(pytest.File):
    """One page given as a path: its check groups and its cURL examples."""

    def collect(self) -> Iterator[pytest.Item]:
        try:
            session = _session_for(self.config, self.path)
        except DocverifyError as exc:
            raise self.CollectError(_error_text(exc)) from None
        claims = session.claims(self.path) if session else None
        if session is not None and claims is not None:
            yield from _items(self, session, page_cases(session, claims, self.config.rootpath))


def _items(parent: pytest.File, session: CheckSession, todo: list[Case]) -> Iterator[pytest.Item]:
    seen = parent.config.stash[_SEEN]
    for case in todo:
        if str(case) not in seen:     # `pytest --docverify .` reaches a page twice
            seen.add(str(case))
            yield DocverifyItem.from_parent(parent, name=str(case), nodeid=str(case),
                                            session_=session, case=case)


class DocverifyItem(pytest.Item):
    """One case; fails with its error findings as the page shows them, never a traceback."""

    def __init__(self, *, session_: CheckSession, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check_session = session_
        self.case = case

    def runtest(self) -> None:
        check_case(self.check_session, self.case, self)

    def reportinfo(self) -> tuple[Path, int, str]:
        # The name heads a failure. The trailing space keeps `-v` from reading the id as a Python
        # dotted name (it would print `doubao::bn::md` when the name ends the node id).
        return Path(self.case.file), self.case.first_line - 1, f"{self.case} "


def check_case(session: CheckSession, case: Case, item: pytest.Item | None = None) -> None:
    """Fail (no traceback) on the case's error findings; warnings go to a report section."""
    with no_network() as attempts:
        findings = case_findings(session, case)
    if attempts:
        pytest.fail(f"{case}: docverify opened a socket while checking ({', '.join(attempts)}); "
                    "replay must stay offline", pytrace=False)
    warnings = [f for f in findings if f.severity is not Severity.ERROR]
    if warnings and item is not None:
        item.add_report_section("call", "docverify warnings", failure_text(warnings))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        pytest.fail(failure_text(errors), pytrace=False)


def failure_text(findings: list[Finding]) -> str:
    """Each finding as `path:line: severity [check]`, its message, then its hint."""
    lines = []
    for f in findings:
        lines += [f"{f.path}:{f.line}: {f.severity} [{f.check}]", f"    {f.message}"]
        if f.hint:
            lines.append(f"    hint: {f.hint}")
    return "\n".join(lines)


def _error_text(exc: DocverifyError) -> str:
    """`error: …` and `hint: …`, scrubbed: an error may quote a URL, a command or a key."""
    return scrub_outgoing(f"error: {exc}" + (f"\nhint: {exc.hint}" if exc.hint else ""))


@contextmanager
def no_network() -> Iterator[list[str]]:
    """Refuse every socket connection for the duration; yields the addresses that were tried."""
    attempts: list[str] = []
    saved = socket.socket.connect, socket.socket.connect_ex

    def refuse(sock: socket.socket, address: Any) -> None:
        attempts.append(str(address))
        raise OSError(f"docverify: network access blocked during replay (to {address})")

    socket.socket.connect = refuse  # type: ignore[method-assign, assignment]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign, assignment]
    try:
        yield attempts
    finally:
        socket.socket.connect, socket.socket.connect_ex = saved  # type: ignore[method-assign]
