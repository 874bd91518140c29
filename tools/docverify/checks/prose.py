"""A page's readable blocks (paragraphs, headings, list items, table cells, admonition titles, comments) as plain text.

The translation checks read what a reader reads: markup, code, URLs and link targets are
stripped, each block keeps its first line. Cut from the source text line by line (cheap, and
the same on MkDocs and GitBook pages); computed once per page object.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from docverify.model import Page
from docverify.page.sections import remember

__all__ = ["Block", "blocks_of", "code_lines", "plain"]


@dataclass(frozen=True, slots=True)
class Block:
    kind: str        # "paragraph" | "heading" | "item" | "cell" | "title" | "comment"
    line: int
    raw: str         # as written (the lines joined)
    text: str        # what a reader reads: markup, code and URLs removed


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[*+-]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*(?:\s+\"(.*)\")?\s*$")
_GITBOOK = re.compile(r"\{%-?.*?-?%\}")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CELL_TAG = re.compile(r"</t[dh]>|<br\s*/?>", re.IGNORECASE)

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:<[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_REF = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_SPAN = re.compile(r"(`+)(.+?)\1")
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|\S+@\S+\.\w+")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ATTR = re.compile(r"\{\s*[#.:][^}]*\}")
_MARKS = re.compile(r"[*_~=>|#]+")


def plain(raw: str) -> str:
    """What a reader reads of a line of markdown: no code, URLs, link targets, tags or emphasis."""
    text = raw
    # each pattern only where its opening character is there: most lines hold little markup
    if "{" in text:
        text = _ATTR.sub(" ", _GITBOOK.sub(" ", text))
    if "<" in text:
        text = _TAG.sub(" ", _COMMENT.sub(" ", text))
    if "[" in text:
        text = _REF.sub(r"\1", _LINK.sub(r"\1", _IMAGE.sub(" ", text)))
    if "`" in text:
        text = _SPAN.sub(" ", text)
    if "://" in text or "www." in text or "@" in text:
        text = _URL.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(_MARKS.sub(" ", text).split())


def code_lines(page: Page) -> set[int]:
    """Lines of fenced or indented code blocks, fences included."""
    out: set[int] = set()
    for block in page.code_blocks:
        n = block.text.count("\n") + (0 if block.text.endswith("\n") else 1)
        out.update(range(block.line, block.line + n + 2))
    return out


_CACHE: dict[int, tuple[Page, tuple[Block, ...]]] = {}


def blocks_of(page: Page) -> tuple[Block, ...]:
    """The page's readable blocks in order (front matter and code left out)."""
    hit = _CACHE.get(id(page))
    if hit is not None and hit[0] is page:
        return hit[1]
    result = tuple(_cut(page))
    remember(_CACHE, id(page), (page, result))
    return result


def _cut(page: Page) -> list[Block]:
    lines = page.source.split("\n")
    skip = code_lines(page)
    if lines and lines[0].strip() in ("---", "+++"):      # YAML front matter, or Hugo's TOML
        closers = ("---", "...") if lines[0].strip() == "---" else ("+++",)
        end = next((i for i, t in enumerate(lines[1:], 2) if t.strip() in closers), 0)
        skip.update(range(1, end + 1))
    out: list[Block] = []
    run: list[str] = []
    start = 0
    kind = "paragraph"

    def flush() -> None:
        nonlocal run
        if run:
            raw = "\n".join(run)
            out.append(Block(kind, start, raw, plain(raw)))
        run = []

    in_comment = 0
    for number, line in enumerate(lines, 1):
        if number in skip or _FENCE.match(line):
            flush()
            continue
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            if not in_comment:
                flush()
                in_comment = number
                run, start, kind = [], number, "comment"
            run.append(line)
            if "-->" in line:
                raw = "\n".join(run)
                body = " ".join(_COMMENT.sub(r"\1", raw).split())
                if not body.startswith("docverify:"):
                    out.append(Block("comment", in_comment, raw, body))
                run, in_comment = [], 0
            continue
        if not stripped or _GITBOOK.fullmatch(stripped):
            flush()
            continue
        heading = _HEADING.match(line)
        admonition = _ADMONITION.match(line)
        if heading or admonition:
            flush()
            title = heading.group(2) if heading else (admonition.group(1) or "" if admonition else "")
            if title:
                out.append(Block("heading" if heading else "title", number, line, plain(title)))
            continue
        if stripped.startswith("|") or "<table" in stripped.lower() or "<td" in stripped.lower():
            flush()
            if _TABLE_RULE.match(stripped):
                continue
            cells = stripped.strip("|").split("|") if stripped.startswith("|") else _CELL_TAG.split(stripped)
            out.extend(Block("cell", number, c, text) for c in cells if (text := plain(c)))
            continue
        if _ITEM.match(line):
            flush()
            run, start, kind = [_ITEM.sub("", line, count=1)], number, "item"
            continue
        if not run:
            start, kind = number, "paragraph"
        run.append(line)
    flush()
    return [b for b in out if b.text or b.kind == "comment"]
