"""What markdown-it leaves as raw text: HTML links and images, docverify directives, GitBook tags."""

from __future__ import annotations

import html
import re
from collections.abc import Collection

from docverify.model import Admonition, Directive, Image, Link
from docverify.page.notices import is_machine_translation_notice

__all__ = ["directives_in", "gitbook_tags", "html_refs", "strip_tags"]

_TAG_RE = re.compile(r"<(img|a|source)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.IGNORECASE)
_ATTR_RE = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_CAPTION_RE = re.compile(r"<figcaption>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
_STRIP_TAGS_RE = re.compile(r"<[^>]*>")
_MD_IN_HTML_RE = re.compile(r"<\w+[^>]*\smarkdown(?:\s*=|[\s>])", re.IGNORECASE)
_MD_REF_RE = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_DIRECTIVE_RE = re.compile(r"<!--\s*docverify:\s*([\w.-]+)(.*?)-->", re.DOTALL)
_REASON_RE = re.compile(r"""reason\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_GITBOOK_RE = re.compile(r"\{%\s*(end)?(hint|content-ref|embed)\b(.*?)%\}")
_GITBOOK_URL_RE = re.compile(r"""url\s*=\s*["']([^"']+)["']""")
_STYLE_RE = re.compile(r"""style\s*=\s*["']([\w-]+)["']""")
# GitBook hint styles as Material admonition kinds.
HINT_KINDS = {"info": "info", "warning": "warning", "danger": "danger", "success": "success", "tip": "tip"}


def html_refs(content: str, line: int) -> tuple[list[Link], list[Image]]:
    """`<a href>` links and `<img src>` images (GitBook's `<figure>` with its caption), with lines."""
    links: list[Link] = []
    images: list[Image] = []
    if "<" not in content:
        return links, images
    caption_match = _CAPTION_RE.search(content)
    caption = strip_tags(caption_match.group(1)) if caption_match else ""
    for match in _TAG_RE.finditer(content):
        attrs = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                 for m in _ATTR_RE.finditer(match.group(2))}
        at = line + content.count("\n", 0, match.start())
        if match.group(1).lower() == "a":
            if "href" in attrs:
                links.append(Link(attrs["href"], at))
        elif "src" in attrs:
            images.append(Image(attrs["src"], at, attrs.get("alt", ""), caption))
    if _MD_IN_HTML_RE.search(content):
        # md_in_html renders markdown inside `<figure markdown>`; markdown-it keeps it as raw HTML.
        for match in _MD_REF_RE.finditer(content):
            at = line + content.count("\n", 0, match.start())
            if match.group(1):
                images.append(Image(match.group(3), at, match.group(2), caption))
            else:
                links.append(Link(match.group(3), at, match.group(2)))
    return links, images


def directives_in(content: str, line: int) -> list[Directive]:
    """`<!-- docverify: VERB ARGS… reason="…" -->` comments; the caller sets their scope_line."""
    out = []
    for match in _DIRECTIVE_RE.finditer(content):
        rest = match.group(2)
        reason = _REASON_RE.search(rest)
        out.append(Directive(match.group(1), tuple(_REASON_RE.sub("", rest).split()),
                             line + content.count("\n", 0, match.start()),
                             (reason.group(1) or reason.group(2) or "") if reason else ""))
    return out


def gitbook_tags(text: str, code_lines: Collection[int]) -> tuple[list[Admonition], list[Link]]:
    """`{% hint %}` blocks as admonitions and `{% content-ref/embed url %}` as links.

    `code_lines` are the 1-based lines inside code blocks, where tags are only text. An
    unclosed hint runs to the end of the page, so its notice is still recognised.
    """
    admonitions: list[Admonition] = []
    links: list[Link] = []
    if "{%" not in text:
        return admonitions, links
    lines = text.split("\n")
    pos, line = 0, 1
    open_hints: list[tuple[int, str]] = []
    for match in _GITBOOK_RE.finditer(text):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        if line in code_lines:
            continue
        end, name, args = match.group(1), match.group(2), match.group(3)
        if name == "hint" and not end:
            given = _STYLE_RE.search(args)
            open_hints.append((line, given.group(1) if given else "info"))
        elif name == "hint" and open_hints:
            start, style = open_hints.pop()
            admonitions.append(_hint(style, start, line, lines))
        elif name != "hint" and not end and (url := _GITBOOK_URL_RE.search(args)):
            links.append(Link(url.group(1), line))
    admonitions.extend(_hint(style, start, len(lines), lines) for start, style in open_hints)
    return admonitions, links


def strip_tags(text: str) -> str:
    return " ".join(html.unescape(_STRIP_TAGS_RE.sub(" ", text)).split())


def _hint(style: str, start: int, end: int, lines: list[str]) -> Admonition:
    first = _GITBOOK_RE.sub("", lines[start - 1]).strip()
    body = "\n".join([first, *lines[start:end - 1]]).strip()
    return Admonition(HINT_KINDS.get(style, style), "", start, end, body, "gitbook",
                      is_machine_translation_notice(body))
