"""One GitBook page's text -> MkDocs Material Markdown: front matter, lines, then blocks."""

from __future__ import annotations

import re

from docverify.gitbook.blocks import convert_blocks
from docverify.gitbook.constructs import MARKDOWN_WRITING, apply_rules
from docverify.gitbook.context import PageContext
from docverify.gitbook.headings import HEADING, convert_heading

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
# CommonMark's HTML blocks that run to the next blank line (types 6 and 7, the common ones)
_HTML_BLOCK = re.compile(r"^ {0,3}</?(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?:\s|/?>|$)")
_FIGURE_FIRST = re.compile(r"^ {0,3}<figure>")
# Markdown a translated page uses that MkDocs needs an extension for (mkdocs.yml gets it)
_CONSTRUCTS = (("footnote", re.compile(r"\[\^[^\]\s]+\]")),
               ("task-list", re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s")),
               ("math", re.compile(r"\$\$|\\\(|\\\[")))
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
    html_block = False      # inside raw HTML, where Markdown is printed as text
    found: set[str] = set()
    for number, line in enumerate(body, first):
        if number not in code:
            if not line.strip():
                html_block = False
            starts = not html_block and bool(_HTML_BLOCK.match(line))
            nested = html_block or (starts and not _FIGURE_FIRST.match(line))
            html_block = html_block or starts
            if HEADING.match(line):
                line = convert_heading(line, ctx, seen, number)
            line = apply_rules(line, ctx, number, skip=MARKDOWN_WRITING if nested else frozenset())
            found.update(name for name, pattern in _CONSTRUCTS if name not in found and pattern.search(line))
        converted.append((number, line))
    for name in sorted(found):
        ctx.tally.convert(name)
    out = convert_blocks(converted, body, code.__contains__, ctx)
    if front:
        return "\n".join(_front_matter(front, ctx)) + "\n" + out
    return out
