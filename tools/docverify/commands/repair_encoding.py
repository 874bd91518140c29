"""`docverify repair-encoding FILE… [--dry-run]`: repair mojibake in place, one report line per file."""

from __future__ import annotations

import argparse
from pathlib import Path

from docverify.cli import report_error
from docverify.page.encoding import repair_text
from docverify.errors import EncodingRepairError, InputError
from docverify.fsutil import atomic_write_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path,
                        help="text files to repair in place")
    parser.add_argument("--dry-run", action="store_true",
                        help="say what would change, write nothing")


def read_utf8(path: Path) -> str:
    """The file as text; bytes that are not UTF-8 are an error naming the line and byte offset."""
    try:
        if path.exists() and not path.is_file():   # a folder, or a FIFO whose read would block
            raise OSError(0, "not a regular file")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EncodingRepairError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason}); "
            "file left untouched",
            path=str(path), line=line,
            hint="this command repairs UTF-8 decoded with a wrong codec; convert the file "
                 "to UTF-8 first (e.g. iconv -f CP1251 -t UTF-8)") from exc


def repair_file(path: Path, *, dry_run: bool = False) -> str:
    """Repair one file (unless `dry_run`) and return the lines that report what happened:
    one for the file, then one per damaged line left alone (ambiguous, lossy, or shown on
    purpose in code or under an ignore directive)."""
    text = read_utf8(path)
    repair = repair_text(text)
    alone = [f"{path}:{line}: left alone: looks like UTF-8 decoded as {why}"
             for line, why in repair.ambiguous]
    if repair.codec is None:
        return "\n".join([f"{path}: clean" if not alone else f"{path}: nothing repaired", *alone])
    changed = sum(1 for old, new in zip(text.split("\n"), repair.text.split("\n")) if old != new)
    if dry_run:
        return "\n".join([f"{path}: would repair {changed} line(s) decoded as {repair.codec}", *alone])
    atomic_write_text(path, repair.text)
    return "\n".join([f"{path}: repaired {changed} line(s) decoded as {repair.codec}", *alone])


def run(args: argparse.Namespace) -> int:
    # Every file gets its turn: one bad file is reported and the rest are still repaired.
    status = 0
    for path in args.files:
        try:
            print(repair_file(path, dry_run=args.dry_run))
        except InputError as exc:
            report_error(exc)   # the CLI's one error format, and the next file's turn
            status = 2
    return status
