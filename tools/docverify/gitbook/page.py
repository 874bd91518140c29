"""One GitBook page's text -> MkDocs Material Markdown: front matter, lines, then blocks."""

from __future__ import annotations

import re

from docverify.gitbook.blocks import convert_blocks
from docverify.gitbook.constructs import apply_rules
from docverify.gitbook.context import PageContext
from docverify.gitbook.headings import HEADING, convert_heading

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
# GitBook's `icon` names Font Awesome icons; Material would look them up as its own and fail
FRONT_MATTER_KEYS = {"icon": "gitbook_icon"}


def split_front_matter(text: str) -> tuple[list[str], list[str]]:
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() == "---":
                return lines[: end + 1], lines[end + 1:]
    return [], lines


def _front_matter(lines: list[str], ctx: PageContext) -> list[str]:
    out: list[str] = []
    for line in lines:
        key, colon, rest = line.partition(":")
        if colon and key in FRONT_MATTER_KEYS:
            ctx.tally.convert("front-matter")
            line = f"{FRONT_MATTER_KEYS[key]}:{rest}"
        out.append(line)
    return out


def code_lines(lines: list[str], first: int) -> set[int]:
    """Line numbers inside fenced code (fences included): no construct is read there."""
    inside: set[int] = set()
    fence = ""
    for number, line in enumerate(lines, first):
        m = _FENCE.match(line)
        if fence:
            inside.add(number)
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = ""
        elif m:
            fence = m.group("fence")
            inside.add(number)
    return inside


def convert_page(text: str, ctx: PageContext) -> str:
    front, body = split_front_matter(text)
    first = len(front) + 1
    code = code_lines(body, first)
    seen: set[str] = set()
    converted: list[tuple[int, str]] = []
    for number, line in enumerate(body, first):
        if number not in code:
            if HEADING.match(line):
                line = convert_heading(line, ctx, seen, number)
            line = apply_rules(line, ctx, number)
        converted.append((number, line))
    out = convert_blocks(converted, body, code.__contains__, ctx)
    if front:
        return "\n".join(_front_matter(front, ctx)) + "\n" + out
    return out
