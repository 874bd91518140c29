"""`docverify import-gitbook SRC --out DIR`: convert a GitBook tree into an MkDocs site, print a summary."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from docverify.gitbook import Tally, import_gitbook


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("src", type=Path, metavar="SRC",
                        help="the GitBook Git Sync folder (SUMMARY.md, i18n/<language>/ spaces)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="the MkDocs site to write (replaced as a whole, atomically)")
    parser.add_argument("--lang", default="zh", metavar="CODE",
                        help="language of the root space (default: zh)")
    parser.add_argument("--layout", choices=("suffix", "folder"), default="suffix",
                        help="mkdocs-static-i18n docs structure (default: suffix)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rimporting pages {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def render_text(tally: Tally, out: Path) -> str:
    lines = [f"imported {tally.pages} pages into {out}"]
    converted = ", ".join(f"{name} {count}" for name, count in sorted(tally.converted.items()))
    lines.append(f"converted: {converted or 'nothing'}")
    for unconverted in sorted(set(tally.unconverted)):
        lines.append(f"{unconverted.path}:{unconverted.line}: gitbook.unconverted {unconverted.construct}")
    for path, codec in sorted(tally.repaired_encoding):
        lines.append(f"{path}: encoding repaired (had been decoded as {codec})")
    for lang, page, target, how in tally.pairs:
        if how in ("name", "title"):
            lines.append(f"paired [{lang}] {page} -> {target} (older structure, matched by {how})")
    lines.append(f"assets: {tally.copied_assets} copied, {tally.missing_in_copy} references to "
                 f"files missing in this copy (listed in ASSETS.txt), "
                 f"{tally.missing_assets} broken (asset.missing)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    progress = _progress if sys.stderr.isatty() and args.format == "text" else None
    tally = import_gitbook(args.src, args.out, source_lang=args.lang, layout=args.layout,
                           progress=progress)
    if args.format == "json":
        print(json.dumps(tally.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(tally, args.out))
    return 0
