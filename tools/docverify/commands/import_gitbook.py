"""`docverify import-gitbook SRC --out DIR`: convert a GitBook tree into an MkDocs site, print a summary."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from docverify.site.layouts import space_languages
from docverify.gitbook import Tally, import_gitbook
from docverify.progress import progress_display


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("src", type=Path, metavar="SRC",
                        help="the GitBook Git Sync folder (SUMMARY.md, i18n/<language>/ spaces)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="the MkDocs site to write (replaced as a whole, atomically)")
    parser.add_argument("--lang", default=None, metavar="CODE",
                        help="language of the root space (default: zh), or the source folder's language "
                             "in a tree with one folder per language (default: the first listed)")
    parser.add_argument("--space-lang", action="append", default=[], metavar="NAME=CODE",
                        help="the language of a space or folder whose name says none (repeatable)")
    parser.add_argument("--layout", choices=("suffix", "folder"), default="suffix",
                        help="mkdocs-static-i18n docs structure (default: suffix)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar (none is shown in CI "
                        "or when stderr is not a terminal either)")


def render_text(tally: Tally, out: Path) -> str:
    lines = [f"imported {tally.pages} pages into {out}", f"layout: {tally.layout}"]
    lines += [f"warning: {w}" for w in tally.warnings]
    converted = ", ".join(f"{name} {count}" for name, count in sorted(tally.converted.items()))
    lines.append(f"converted: {converted or 'nothing'}")
    for unconverted in sorted(set(tally.unconverted)):
        lines.append(f"{unconverted.path}:{unconverted.line}: gitbook.unconverted {unconverted.construct}")
    for path, codec in sorted(tally.repaired_encoding):
        lines.append(f"{path}: encoding repaired (had been decoded as {codec})")
    for lang, page, target, how in tally.pairs:
        if how in ("name", "title"):
            lines.append(f"paired [{lang}] {page} -> {target} (older structure, matched by {how})")
    for path, line, old, new in tally.fixed_assets:
        lines.append(f"{path}:{line}: asset fixed: {old} -> {new} (the space's own file of that name)")
    lines.append(f"assets: {tally.copied_assets} copied, {tally.missing_in_copy} references to "
                 f"files missing in this copy (listed in ASSETS.txt), "
                 f"{tally.missing_assets} broken (asset.missing)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    space_langs = space_languages(args.space_lang)
    with progress_display(quiet=args.quiet) as stage:
        tally = import_gitbook(args.src, args.out, source_lang=args.lang, layout=args.layout,
                               progress=stage("importing pages"), space_langs=space_langs)
    if args.format == "json":
        print(json.dumps(tally.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(tally, args.out))
    return 0
