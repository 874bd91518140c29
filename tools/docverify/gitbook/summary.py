"""A space's SUMMARY.md -> its table of contents: parts, nested pages, dividers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docverify.errors import InputError

_PART = re.compile(r"^#{2,}\s+(?P<title>.*?)\s*(?:<a\b[^>]*>\s*</a>)?\s*$")
_ITEM = re.compile(r"^(?P<ind>\s*)[*+-]\s+\[(?P<title>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<path><[^>]*>|[^)]*)\)\s*$")
_DIVIDER = re.compile(r"^\s*(?:\*\s*\*\s*\*[\s*]*|-\s*-\s*-[\s-]*|_\s*_\s*_[\s_]*)$")


@dataclass(slots=True)
class Entry:
    """A page in the table of contents with the pages nested under it."""

    title: str
    path: str           # relative to the space root, as written in SUMMARY.md
    line: int
    children: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class Part:
    """A `## Part` heading (title "" for pages before the first one)."""

    title: str
    entries: list[Entry] = field(default_factory=list)
    dividers: list[int] = field(default_factory=list)   # lines of `***` inside the part


@dataclass(frozen=True, slots=True)
class Summary:
    parts: tuple[Part, ...]
    unparsed: tuple[int, ...]          # lines that are neither part, page, divider nor blank

    def pages(self) -> list[Entry]:
        """Every entry, in reading order."""
        out: list[Entry] = []

        def walk(entries: list[Entry]) -> None:
            for entry in entries:
                out.append(entry)
                walk(entry.children)
        for part in self.parts:
            walk(part.entries)
        return out


def parse_summary(text: str) -> Summary:
    parts: list[Part] = [Part("")]
    unparsed: list[int] = []
    stack: list[tuple[int, Entry]] = []     # (indent, entry) of the open nesting
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or (number == 1 and line.startswith("# ")):
            continue
        if item := _ITEM.match(line):
            indent = len(item.group("ind").expandtabs(4))
            path = item.group("path").strip("<>")
            entry = Entry(item.group("title"), path, number)
            while stack and stack[-1][0] >= indent:
                stack.pop()
            (stack[-1][1].children if stack else parts[-1].entries).append(entry)
            stack.append((indent, entry))
        elif part := _PART.match(line):
            parts.append(Part(part.group("title")))
            stack.clear()
        elif _DIVIDER.match(line):
            parts[-1].dividers.append(number)
            stack.clear()
        else:
            unparsed.append(number)
    return Summary(tuple(p for p in parts if p.entries or p.title), tuple(unparsed))


def read_summary(space: Path) -> Summary | None:
    path = space / "SUMMARY.md"
    if not path.is_file():
        return None
    data = path.read_bytes()
    try:
        return parse_summary(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"SUMMARY.md is not UTF-8 (byte 0x{data[exc.start]:02x})", path=str(path),
                         line=data.count(b"\n", 0, exc.start) + 1,
                         hint="re-save it as UTF-8; the table of contents decides every page's place") from exc
