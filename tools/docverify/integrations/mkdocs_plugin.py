"""MkDocs plugin: each page shows its docverify badge and findings; the status matrix is a page.

Thin by design (as mkdocs-static-i18n's handlers): each handler is a call into the core.
The checks run in a worker process (`worker.Checker`) while MkDocs converts the pages; the
report is collected when the first page is written. The plugin object, and with it the
worker and its parsed pages, lives across `mkdocs serve` rebuilds (it has `on_startup`), so
a save re-checks only what it can have changed. Under mkdocs-static-i18n every language is
a build of its own; findings are logged once per change of the site.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter

import markdown

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from docverify.errors import DocverifyError
from docverify.model import Severity
from docverify.integrations.panel import place_panel, render_panel
from docverify.site.config import SiteConfig, load_config
from docverify.integrations.worker import Checker, SiteReport

log = logging.getLogger("mkdocs.plugins.docverify")
# A worker process costs an interpreter start and docverify's imports (~0.3 s CPU) and pays
# off only when the checks take longer than that: measured by tools/bench/bench_site.py.
WORKER_PAGES = 100

_EXAMPLE = """for example:
    plugins:
      - docverify:
          clients: [cherry-studio@2, cherry-studio@1.6]
          cassettes: tests/cassettes
          strict: true            # error findings fail `mkdocs build --strict`
          status_page: translation-status.md
          background: true        # check in a worker process while MkDocs renders
                                  # (default: when the site has 100 pages or more)"""


class ClientProfile(c.Type[str]):
    """A client profile docverify knows; the error lists them and shows a working setting."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        from docverify.clients.profiles import PROFILES
        if name not in PROFILES:
            raise base.ValidationError(f"unknown client profile {name!r}; accepted: "
                                       f"{', '.join(sorted(PROFILES))}\n{_EXAMPLE}")
        return name


class PageFileName(c.Type[str]):
    def __init__(self) -> None:
        super().__init__(str, default="translation-status.md")

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        if name and not name.endswith(".md"):
            raise base.ValidationError(f"status_page must be a .md path or '' (none), "
                                       f"not {name!r}\n{_EXAMPLE}")
        return name


class DocverifyConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs: untyped __init_subclass__
    clients = c.ListOfItems(ClientProfile(), default=[])
    cassettes = c.Type(str, default="tests/cassettes")
    strict = c.Type(bool, default=False)
    badge = c.Type(bool, default=True)
    status_page = PageFileName()
    background = c.Optional(c.Type(bool))     # default: a worker for sites of WORKER_PAGES pages or more
    base_url = c.Type(str, default="")       # recording: what a placeholder host stands for (site/settings.py)
    key_variables = c.Type(dict, default={})  # recording: host -> environment variable holding its key


class DocverifyPlugin(BasePlugin[DocverifyConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.checker: Checker | None = None
        self.site: SiteConfig | None = None
        self.logged = -1
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"   # this method also keeps the plugin across serve rebuilds

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site, self.checker = start_check(self.checker, config.config_file_path, self.config)
        return config

    @event_priority(-110)     # after mkdocs-static-i18n (-100) has chosen this language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return add_status_page(files, config, self.site, self.config.status_page)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # The first page written waits for the report: MkDocs has converted every page by then.
        report = self.collect()
        return page_html(output, page, config, report, badge=self.config.badge)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.collect()      # findings are logged before MkDocs counts warnings, even with no page

    def on_shutdown(self) -> None:
        if self.checker is not None:
            self.checker.close()

    def collect(self) -> SiteReport:
        """The worker's report (waiting for it if need be), logged once per change of the site."""
        assert self.checker is not None, "on_config starts the check"
        report = self.checker.result()
        # `serve` must keep serving a page with errors: that is where a translator sees them.
        self.logged = log_findings(report, strict=self.config.strict and not self.serving, logged=self.logged)
        return report


# ---------------------------------------------------------------- glue: MkDocs objects in, core out


def start_check(checker: Checker | None, config_file: str | None,
                options: DocverifyConfig) -> tuple[SiteConfig, Checker]:
    """Read mkdocs.yml the core's way (errors are the config's), then ask the worker for a report."""
    try:
        site = load_config(config_file)
    except DocverifyError as exc:
        raise base.ValidationError(f"docverify: {exc}" + (f"\nhint: {exc.hint}" if exc.hint else "")) from None
    if checker is None:
        background = options.background
        if background is None:
            background = sum(1 for _ in site.docs_dir.rglob("*.md")) >= WORKER_PAGES
        checker = Checker(background=background)
    checker.submit(str(config_file or site.root / "mkdocs.yml"), with_status=bool(options.status_page))
    return site, checker


def log_findings(report: SiteReport, *, strict: bool, logged: int) -> int:
    """One line per finding, once per change of the site; as warnings (fatal under --strict) if strict."""
    if report.generation == logged:
        return logged
    counts = {Severity.ERROR: 0, Severity.WARNING: 0}
    for f in report.findings:
        counts[f.severity] += 1
        level = logging.WARNING if strict and f.severity is Severity.ERROR else logging.INFO
        log.log(level, "docverify: %s:%d: %s [%s] %s", f.path, f.line, f.severity, f.check, f.message)
    log.info("docverify: %d pages checked: %d errors, %d warnings", len(report.verdicts),
             counts[Severity.ERROR], counts[Severity.WARNING])
    return report.generation


def page_html(output: str, page: Page, config: MkDocsConfig, report: SiteReport, *, badge: bool) -> str:
    """A written page with its badge, or the status page with its matrix."""
    if page.file.generated_by == "docverify":
        body = status_markdown(report, page.file.dest_uri, config.use_directory_urls)
        html = markdown.markdown(body, extensions=config.markdown_extensions,
                                 extension_configs=config.mdx_configs)
        return output.replace(_STATUS_SLOT, f'<div class="docverify-status">{html}</div>', 1)
    return decorate(output, page, report) if badge else output


def decorate(html: str, page: Page, report: SiteReport) -> str:
    v = report.verdict(page.file.abs_src_path)
    if v is None:
        return html       # a generated page (the status matrix): nothing to verify
    return place_panel(html, render_panel(v, report.langs.get(os.path.abspath(page.file.abs_src_path or ""), "")))


def add_status_page(files: Files, config: MkDocsConfig, site: SiteConfig | None, name: str) -> Files:
    """The status page's file, in this build's language; its markdown comes with the report."""
    if site is None or not name or files.get_file_from_path(name) is not None:
        return files
    lang = build_language(site, files)
    page = File.generated(config, name, content=_STATUS_STUB)
    # static-i18n keeps one site_dir and puts a language under its prefix (the default at the
    # root). Only the output moves there: a source path under `lang/` would make the nav show
    # the page inside a section named after the language.
    if lang != site.default_language:
        page.dest_uri = f"{lang}/{page.dest_uri}"
    files.append(page)
    return files


# The page MkDocs converts; the matrix goes into the slot when the page is written, so no page
# conversion waits for the report. Out of the search index: a matrix is no answer to a query.
_STATUS_SLOT = '<div class="docverify-status"></div>'
_STATUS_STUB = f"---\nsearch:\n  exclude: true\n---\n\n# Translation status\n\n{_STATUS_SLOT}\n"


def build_language(site: SiteConfig, files: Files) -> str:
    """The language this build renders: static-i18n gives each its own build, with fallbacks."""
    langs = Counter(site.locate(f.abs_src_path)[1] for f in files.documentation_pages()
                    if f.abs_src_path and f.generated_by is None)
    others = [lang for lang, _ in langs.most_common() if lang != site.default_language]
    return others[0] if others else site.default_language


_FINDING_LINK = re.compile(r"\[(\d+ findings?)\]\(#[^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(<([^>]+?\.md)>\)")


def status_markdown(report: SiteReport, dest_uri: str, directory_urls: bool) -> str:
    """The status matrix, its page links turned into the built pages' URLs (in every language)."""
    config = report.config
    depth = dest_uri.count("/")     # the folders between the written page and the site root
    # On the site each page lists its own findings under its badge, so the page keeps the matrix
    # only: the full list, rendered once per language, cost more than the check (1,300 findings).
    text = _FINDING_LINK.sub(r"\1", report.status.split("\n## Findings\n", 1)[0])
    text = text.split("\n", 1)[1] if text.startswith("# ") else text    # the stub has the title

    def url(match: re.Match[str]) -> str:
        rel, page_lang = config.locate(config.docs_dir / match.group(2))
        prefix = "" if page_lang in ("", config.default_language) else f"{page_lang}/"
        stem = rel[:-3]
        if stem == "index" or stem.endswith("/index"):
            page = stem[:-5]
        else:
            page = stem + "/" if directory_urls else stem + ".html"
        # Raw HTML: pages of other languages are not in this build, so MkDocs must not resolve it.
        return f'<a href="{"../" * depth}{prefix}{page}">{match.group(1)}</a>'
    return _MD_LINK.sub(url, text)
