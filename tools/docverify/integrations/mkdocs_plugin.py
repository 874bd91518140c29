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
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from docverify.errors import DocverifyError
from docverify.model import Severity
from docverify.integrations.panel import place_panel, render_panel
from docverify.integrations.status_page import provenance, render_status_page, title
from docverify.site.config import SiteConfig, load_config
from docverify.integrations.worker import Checker, SiteReport

log = logging.getLogger("mkdocs.plugins.docverify")


class _QuietJieba(logging.Filter):
    """Keeps jieba's "Building prefix dict…" and "Loading model…" lines out of the build's output.

    Material's search plugin segments Chinese with jieba, which logs its progress to stderr at
    DEBUG through a handler of its own. A filter on its logger outlives jieba's import (which
    resets the logger's level) and needs no import of jieba here; its warnings still pass.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


def _quiet_jieba() -> None:
    jieba = logging.getLogger("jieba")
    if not any(isinstance(f, _QuietJieba) for f in jieba.filters):
        jieba.addFilter(_QuietJieba())


# A worker process costs CPU of its own (a fork's copied pages; where it cannot fork, an
# interpreter start and docverify's imports) and pays off only when the checks take longer
# than that: measured by tools/bench/bench_site.py.
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
        self.lang = ""          # the language this build renders (static-i18n builds one at a time)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"   # this method also keeps the plugin across serve rebuilds

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _quiet_jieba()
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        self.site, self.checker = start_check(self.checker, config.config_file_path, self.config)
        return config

    @event_priority(-110)     # after mkdocs-static-i18n (-100) has chosen this language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.site is not None:
            self.lang = build_language(self.site, files)
        add_stylesheet(files, config)
        return add_status_page(files, config, self.site, self.config.status_page, self.lang)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # The first page written waits for the report: MkDocs has converted every page by then.
        report = self.collect()
        return page_html(output, page, config, report, badge=self.config.badge, lang=self.lang)

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
        # MkDocs prints it: scrubbed like every other message (a config may quote a key or URL)
        from docverify.traffic.scrub import scrub_outgoing
        raise base.ValidationError(scrub_outgoing(f"docverify: {exc}" + (f"\nhint: {exc.hint}" if exc.hint else ""))
                                   ) from None
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


def page_html(output: str, page: Page, config: MkDocsConfig, report: SiteReport, *, badge: bool,
              lang: str = "") -> str:
    """A written page with its badge, or the status page with its matrix."""
    if page.file.generated_by == "docverify":
        if report.matrix is None:
            return output
        body = render_status_page(report.matrix, report.config, lang or report.config.default_language,
                                  page.file.dest_uri, directory_urls=config.use_directory_urls,
                                  names=language_names(config), made=provenance(report.config.root))
        return output.replace(_STATUS_SLOT, f'<div class="docverify-status">{body}</div>', 1)
    return decorate(output, page, report) if badge else output


def language_names(config: MkDocsConfig) -> Mapping[str, str]:
    """Each language's name as the language selector shows it (mkdocs-static-i18n's `name`)."""
    i18n = config.plugins.get("i18n")
    languages = getattr(getattr(i18n, "config", None), "languages", None) or ()
    names = {}
    for language in languages:
        locale, name = getattr(language, "locale", None), getattr(language, "name", None)
        if isinstance(locale, str) and isinstance(name, str) and name:
            names[locale] = name
    return names


def decorate(html: str, page: Page, report: SiteReport) -> str:
    v = report.verdict(page.file.abs_src_path)
    if v is None:
        return html       # a generated page (the status matrix): nothing to verify
    return place_panel(html, render_panel(v, report.langs.get(os.path.abspath(page.file.abs_src_path or ""), "")))


# The badge's, the findings list's and the status page's styles come with the package, so a
# site gets them from `plugins: [docverify]` alone; a site may override them with its own file.
STYLESHEET = "assets/docverify/docverify.css"


def add_stylesheet(files: Files, config: MkDocsConfig) -> None:
    if files.get_file_from_path(STYLESHEET) is None:
        css = (Path(__file__).parent / "docverify.css").read_text(encoding="utf-8")
        files.append(File.generated(config, STYLESHEET, content=css))


def add_status_page(files: Files, config: MkDocsConfig, site: SiteConfig | None, name: str,
                    lang: str = "") -> Files:
    """The status page's file, titled in this build's language (the nav shows the title);
    its matrix comes with the report."""
    if site is None or not name or files.get_file_from_path(name) is not None:
        return files
    lang = lang or build_language(site, files)
    page = File.generated(config, name, content=_STATUS_STUB.format(title=title(lang)))
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
_STATUS_STUB = "---\nsearch:\n  exclude: true\n---\n\n# {title}\n\n" + _STATUS_SLOT + "\n"


def build_language(site: SiteConfig, files: Files) -> str:
    """The language this build renders: static-i18n gives each its own build, with fallbacks."""
    langs = Counter(site.locate(f.abs_src_path)[1] for f in files.documentation_pages()
                    if f.abs_src_path and f.generated_by is None)
    others = [lang for lang, _ in langs.most_common() if lang != site.default_language]
    return others[0] if others else site.default_language
