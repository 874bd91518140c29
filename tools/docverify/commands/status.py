"""`docverify status`: the translation status matrix, or `--mark-reviewed PAGE` to record a review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from docverify.checks import run_checks
from docverify.errors import ConfigError, InputError
from docverify.fsutil import atomic_write_text
from docverify.pageset.site import config_here, load_site
from docverify.site.config import SiteConfig, load_config
from docverify.translations.status import (build_matrix, mark_reviewed, render_pairs, render_status_json,
                              render_status_markdown, render_status_text)

FORMATS = ("text", "json", "markdown")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="a folder of pages, e.g. a GitBook tree (default: the site of ./mkdocs.yml)")
    parser.add_argument("--config", metavar="FILE", help="mkdocs.yml to read (default: ./mkdocs.yml)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text, json, or markdown (the page the site publishes)")
    parser.add_argument("--output", metavar="FILE", help="write the matrix here (atomically)")
    parser.add_argument("--pairs", action="store_true",
                        help="list which page translates which (and on what evidence) instead")
    parser.add_argument("--mark-reviewed", metavar="PAGE", action="append", default=[],
                        help="record in PAGE's front matter the source it was reviewed against "
                             "(source_hash, reviewed: true); repeatable")


def _config(args: argparse.Namespace) -> SiteConfig | None:
    if args.config:
        if not Path(args.config).is_file():
            raise ConfigError("not a file" if Path(args.config).exists() else "no such config file",
                              path=args.config,
                              hint="pass the path of the site's mkdocs.yml")
        return load_config(args.config)
    if args.paths:
        missing = [p for p in args.paths if not Path(p).exists()]
        if missing:
            raise InputError(f"no such file or folder: {missing[0]}", hint="give existing folders")
        return None
    return config_here()


def run(args: argparse.Namespace) -> int:
    site = load_site(args.paths, _config(args), jobs=0)   # one worker per core on a big site
    if args.mark_reviewed:
        for page in args.mark_reviewed:
            translation, source, digest = mark_reviewed(site, page)
            sys.stdout.write(f"{translation.page.path}: reviewed against {source.page.path} "
                             f"(source_hash {digest})\n")
        return 0
    if args.pairs:
        sys.stdout.write(render_pairs(site, "json" if args.format == "json" else "text"))
        return 0
    findings = run_checks(site)
    if args.format == "markdown":
        text = render_status_markdown(site, findings)
    else:
        matrix = build_matrix(site, findings)
        text = render_status_json(matrix) if args.format == "json" else render_status_text(matrix)
    if args.output:
        atomic_write_text(args.output, text)
        sys.stderr.write(f"status written to {args.output}\n")
    else:
        sys.stdout.write(text)
    return 0
