"""A checking session: pages re-read only when their file changed, findings cached per page and group.

The pytest plugin (one site per test session, checks run lazily per item) and the MkDocs
plugin (every `mkdocs serve` rebuild re-checks only what a save can have changed) share it.
A page's findings are dropped when the page changed, when a page of the same `rel` in
another language changed (parity), when a page it links into changed, or when the set of
pages changed (a new page can turn a broken link into a good one).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from docverify.checks import CHECKS, run_checks
from docverify.checks.links import resolve_links
from docverify.page.extract import extract
from docverify.model import Claims, Finding
from docverify.page.parse import parse_page
from docverify.pageset.site import Site, find_pages
from docverify.site.config import CONFIG_NAME, SiteConfig, load_config

__all__ = ["CheckSession", "PageResult"]

Stamp = tuple[int, int]     # (mtime_ns, size): a save changes at least one


@dataclass(frozen=True, slots=True)
class PageResult:
    """The findings of one page, by check group; `parse` holds what the parser found."""

    claims: Claims
    by_group: Mapping[str, tuple[Finding, ...]]

    @property
    def findings(self) -> tuple[Finding, ...]:
        every = {f for group in self.by_group.values() for f in group}
        return tuple(sorted(every, key=lambda f: (f.line, f.check, f.message)))


class CheckSession:
    """The site of one SiteConfig, kept current by `refresh()`; findings computed on demand."""

    def __init__(self, config: SiteConfig, paths: Sequence[str | Path] = (), *,
                 config_file: str | Path | None = None) -> None:
        self.config = config
        self.paths = tuple(paths)
        self.config_file = Path(config_file) if config_file is not None else None
        self._config_stamp = _stamp(self.config_file) if self.config_file else (-1, -1)
        self.groups: tuple[str, ...] = tuple(dict.fromkeys(group for group, _ in CHECKS))
        self._stamps: dict[Path, Stamp] = {}
        self._claims: dict[Path, Claims] = {}
        self._results: dict[str, PageResult] = {}
        self.site = Site(config, ())
        self.generation = 0          # bumped whenever some findings may have changed
        self.refresh()

    @classmethod
    def open(cls, config_file: str | Path | None) -> CheckSession:
        """The session of a site's mkdocs.yml (None: the nearest one above the current folder)."""
        config = load_config(config_file)
        return cls(config, config_file=config_file or config.root / CONFIG_NAME)

    def reload(self) -> set[Path]:
        """Re-read mkdocs.yml when it changed (else keep the config), then the changed pages."""
        stamp = _stamp(self.config_file) if self.config_file else (-1, -1)
        if self.config_file is None or stamp == self._config_stamp:
            return self.refresh()
        self._config_stamp = stamp
        return self.reconfigure(load_config(self.config_file))

    def reconfigure(self, config: SiteConfig) -> set[Path]:
        """A new mkdocs.yml reading: keep everything when it is the same, else start over."""
        if config != self.config:
            self.config = config
            self._stamps.clear()
            self._claims.clear()
        return self.refresh()

    def refresh(self) -> set[Path]:
        """Re-read the pages whose file changed; return their paths (empty when nothing did)."""
        files = [Path(os.path.abspath(p)) for p in find_pages(self.paths or [self.config.docs_dir])]
        stamps = {path: _stamp(path) for path in files}
        changed = {p for p, s in stamps.items() if self._stamps.get(p) != s}
        added = set(stamps) - set(self._stamps)
        removed = set(self._stamps) - set(stamps)
        if not changed and not removed and self.site.pages:
            return set()
        for path in changed:
            self._claims[path] = extract(parse_page(path, self.config))
        for path in removed:
            self._claims.pop(path, None)
        self._stamps = stamps
        self.site = Site(self.config, tuple(self._claims[p] for p in files))
        self._invalidate(changed, structural=bool(added or removed))
        self.generation += 1
        return changed | removed

    def _invalidate(self, touched: set[Path], *, structural: bool) -> None:
        if structural:
            self._results.clear()    # pages came or went: any link may resolve differently
            return
        names = {str(p) for p in touched}
        rels = {self._claims[p].page.rel for p in touched if p in self._claims}
        for key, result in list(self._results.items()):
            page = result.claims.page
            if (os.path.abspath(page.path) in names or page.rel in rels
                    or not names.isdisjoint(resolve_links(page, self.site))):
                del self._results[key]

    def claims(self, path: str | Path) -> Claims | None:
        """The page at `path` (absolute, or as findings show it), if the site has it."""
        return self._claims.get(Path(os.path.abspath(path)))

    def result(self, claims: Claims) -> PageResult:
        """The page's findings, computed once per version of the site that could change them."""
        key = claims.page.path
        if key not in self._results:
            self._results[key] = _check(self.site, self.site.get(key) or claims, self.groups)
        return self._results[key]

    def results(self) -> list[PageResult]:
        return [self.result(c) for c in self.site.pages]

    def apply(self, change: Callable[[SiteConfig], SiteConfig]) -> None:
        """Check under a changed config (e.g. another client profile), re-reading nothing."""
        self.config = change(self.config)
        self.site = dataclasses.replace(self.site, config=self.config)
        self._results.clear()
        self.generation += 1


def _stamp(path: Path) -> Stamp:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def _check(site: Site, claims: Claims, groups: Sequence[str]) -> PageResult:
    # run_checks adds the parser's findings to every call: keep them once, under "parse".
    parsed = tuple(run_checks(site, groups=(), pages=[claims]))
    by_group: dict[str, tuple[Finding, ...]] = {"parse": parsed}
    for group in groups:
        found = run_checks(site, groups=(group,), pages=[claims])
        by_group[group] = tuple(f for f in found if f not in parsed)
    return PageResult(claims, by_group)
