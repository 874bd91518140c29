"""`docverify check`: run every check over the site or the given pages and report the findings."""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from docverify.checks import STATIC_IDS, run_checks
from docverify.checks.links import resolve_links
from docverify.errors import ConfigError, InputError
from docverify.fanout import MIN_ITEMS
from docverify.fsutil import atomic_write_text
from docverify.model import Claims, Severity
from docverify.progress import progress_display
from docverify.report import FORMATS, Run, render, summary_line
from docverify.clients.profiles import get_profile
from docverify.pageset.site import Site, config_here, discover_config, find_pages, load_site
from docverify.site.config import CONFIG_NAME, SiteConfig, load_config
from docverify.site.layouts import source_language, space_languages


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="pages or folders to check (default: every page of ./mkdocs.yml)")
    parser.add_argument("--config", metavar="FILE", help="mkdocs.yml to read (default: ./mkdocs.yml)")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--output", metavar="FILE", help="write the report here (atomically)")
    parser.add_argument("--output-format", choices=FORMATS, metavar="FORMAT",
                        help="the --output file's format, while --format still goes to stdout "
                             "(e.g. --format github --output r.sarif --output-format sarif: annotations "
                             "and a report from one run); default: the file gets --format, stdout nothing")
    parser.add_argument("--client", metavar="PROFILE",
                        help="check against this client profile only (e.g. cherry-studio@2)")
    parser.add_argument("--changed-since", metavar="REV",
                        help="check only pages changed since this git revision, and the pages "
                             "linking into them")
    parser.add_argument("--lang", default=None, metavar="CODE",
                        help="without mkdocs.yml: the language of a GitBook tree's root space "
                             "(default: zh), or of the source folder of a tree with one folder per language")
    parser.add_argument("--space-lang", action="append", default=[], metavar="NAME=CODE",
                        help="without mkdocs.yml: the language of a space or folder whose name says "
                             "none (repeatable)")
    parser.add_argument("--strict", action="store_true", help="warnings fail the run too")
    parser.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                        help="processes to parse and check pages in (default 0: on Linux, one per core "
                             f"for sites of {MIN_ITEMS} pages or more; 1: no worker processes)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar (none is shown in CI "
                        "or when stderr is not a terminal either)")


def run(args: argparse.Namespace) -> int:
    if args.output_format and not args.output:
        raise InputError("--output-format needs --output FILE", hint="name the report file, or drop --output-format")
    config = _config(args)
    with progress_display(quiet=args.quiet) as stage:
        site, todo = _load(args.paths, config, stage("reading"), args.jobs)
        if args.changed_since is not None:
            todo = changed_pages(site, git_changed(args.changed_since))
        findings = run_checks(site, progress=stage("checking"), pages=todo,
                              jobs=args.jobs)
    for warning in site.config.warnings:   # a folder whose language no name or code tells
        sys.stderr.write(f"warning: {warning}\n")
    report = Run(findings, [c.page.path for c in todo],
                 sorted(set(STATIC_IDS) | {f.check for f in findings}))
    shown = not args.output or args.output_format is not None     # does stdout get --format?
    rich = args.format == "text" and shown and sys.stdout.isatty()
    width = max(shutil.get_terminal_size((100, 24)).columns, 60)   # a pty may report 0
    if args.output:
        atomic_write_text(args.output, render(report, args.output_format or args.format, width=width))
        sys.stderr.write(f"{summary_line(report)}; report written to {args.output}\n")
    if shown:
        sys.stdout.write(render(report, args.format, rich=rich, width=width))
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    return 1 if any(f.severity in failing for f in findings) else 0


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a number of processes (0 = one per core), found {value!r}")
    return jobs


def _load(paths: Sequence[str], config: SiteConfig | None,
          progress: Callable[[int, int], None] | None, jobs: int = 0) -> tuple[Site, Sequence[Claims]]:
    """The site and the pages to check: given pages are checked within their whole site, so
    their link targets and translations are read too (not reported on as missing)."""
    if not paths:
        site = load_site((), config, progress=progress, jobs=jobs)
        return site, site.pages
    config = config or discover_config(paths)
    wanted = {os.path.abspath(p) for p in find_pages(paths)}
    if not wanted:
        raise InputError(f"no markdown pages under {', '.join(paths)}",
                         hint="give .md files or folders that hold them")
    site = load_site([*paths, config.docs_dir], config, progress=progress, jobs=jobs)
    return site, [c for c in site.pages if os.path.abspath(c.page.path) in wanted]


def _config(args: argparse.Namespace) -> SiteConfig | None:
    config: SiteConfig | None
    if args.space_lang or args.lang is not None:
        config = _tree_config(args)
    elif args.config:
        if not Path(args.config).is_file():
            raise ConfigError("not a file" if Path(args.config).exists() else "no such config file",
                              path=args.config,
                              hint="pass the path of the site's mkdocs.yml")
        config = load_config(args.config)
    elif not args.paths:
        config = config_here()
    else:
        missing = [p for p in args.paths if not Path(p).exists()]
        if missing:
            raise InputError(f"no such file or folder: {missing[0]}",
                             hint="give existing pages or folders")
        config = None
    return _with_client(config, args)


def _with_client(config: SiteConfig | None, args: argparse.Namespace) -> SiteConfig | None:
    if args.client is not None:
        client = get_profile(args.client).name   # an unknown profile is a usage error, not N findings
        config = dataclasses.replace(config or discover_config(args.paths), clients=(client,))
    return config


def _tree_config(args: argparse.Namespace) -> SiteConfig:
    """The site of a folder without mkdocs.yml, with the languages the options name."""
    overrides, source = space_languages(args.space_lang), source_language(args.lang)
    config = None if args.config else discover_config(args.paths or ["."], overrides, source)
    found = args.config or (config and (config.root / CONFIG_NAME).is_file() and config.root / CONFIG_NAME)
    if config is None or found:
        raise InputError("--lang and --space-lang name the languages of a folder without mkdocs.yml "
                         f"(a GitBook tree); this site has {found}",
                         hint="in an MkDocs site, set them in mkdocs.yml (the i18n plugin's languages, "
                              "or `languages: {FOLDER: CODE}` of the docverify plugin)")
    return config      # `--client` is applied by _config, as to any other site


def git_changed(rev: str) -> set[str]:
    """Absolute paths of files changed since `rev` (committed or not)."""
    if not rev.strip() or rev.startswith("-"):   # `--output=FILE` would be an option to git diff
        raise InputError(f"not a git revision: {rev!r}",
                         hint="give a revision git knows, e.g. origin/main or HEAD~3")
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=True).stdout.strip()
        out = subprocess.run(["git", "diff", "--name-only", rev, "--"], capture_output=True,
                             text=True, check=True, cwd=top).stdout
    except FileNotFoundError as exc:
        raise InputError("--changed-since needs git, which is not installed") from exc
    except subprocess.CalledProcessError as exc:
        reason = (exc.stderr or "").strip().splitlines()
        raise InputError(f"cannot list changes since {rev!r}: "
                         f"{reason[0] if reason else 'git failed'}",
                         hint="give a revision git knows, e.g. origin/main or HEAD~3") from exc
    return {os.path.normpath(os.path.join(top, name)) for name in out.splitlines() if name}


def changed_pages(site: Site, changed: set[str]) -> list[Claims]:
    """Pages changed, plus pages whose relative links point into a changed page."""
    def absolute(claims: Claims) -> str:
        return os.path.normpath(os.path.abspath(claims.page.path))
    return [c for c in site.pages
            if absolute(c) in changed or not changed.isdisjoint(resolve_links(c.page, site))]
