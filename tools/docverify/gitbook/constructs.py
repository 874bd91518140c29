"""GitBook's one-line constructs (figures, cards, marks, links, escapes) as an ordered rule table."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from docverify.gitbook.context import PageContext

Convert = Callable[[re.Match[str], PageContext, int], str]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    needle: str     # a literal every match holds: most lines lack it and skip the regex
    pattern: re.Pattern[str]
    convert: Convert


_ATTR = re.compile(r'([\w-]+)(?:="([^"]*)")?')
_CELL = re.compile(r"<t([hd])\b([^>]*)>(.*?)</t[hd]>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_HREF = re.compile(r'<a\s+href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def _attrs(text: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) or "") for m in _ATTR.finditer(text)}


def _inline(fragment: str) -> str:
    """GitBook's cell/caption HTML as Markdown inline text (what a reader sees)."""
    text = re.sub(r"</?(strong|b)>", "**", fragment)
    text = re.sub(r"</?(em|i)>", "*", text)
    text = re.sub(r"</?code>", "`", text)
    text = re.sub(r"<br\s*/?>", " ", text)
    text = _HREF.sub(lambda m: f"[{_TAGS.sub('', m.group(2))}]({m.group(1)})", text)
    text = re.sub(r"</?p>", " ", text)
    return " ".join(html.unescape(_TAGS.sub("", text)).split())


def _dest(target: str) -> str:
    """A link destination Python-Markdown reads whole: spaces and parentheses escaped."""
    return target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _figure(m: re.Match[str], ctx: PageContext, line: int) -> str:
    img = _attrs(m.group("img"))
    src = f"<{img.get('src', '')}>"  # the link rule, next in the table, moves and escapes it
    alt = img.get("alt", "").replace("]", "\\]")
    extra = f'{{ width="{img["width"]}" }}' if img.get("width") else ""
    caption = _inline(m.group("caption") or "")
    if not caption:
        return f"![{alt}]({src}){extra}"
    return (f'<figure markdown="span">\n  ![{alt}]({src}){extra}\n'
            f"  <figcaption>{caption}</figcaption>\n</figure>")


def _img(m: re.Match[str], ctx: PageContext, line: int) -> str:
    src = ctx.rewrite(html.unescape(m.group("src")), line)
    return f'{m.group("pre")}{html.escape(src, quote=True)}"'


def _cards(m: re.Match[str], ctx: PageContext, line: int) -> str:
    """A card table becomes Material's grid cards: title, text, and the card's link."""
    rows = _ROW.findall(m.group(0))
    if not rows:
        return m.group(0)
    head = [(_attrs(a), body) for kind, a, body in _CELL.findall(rows[0])]
    items: list[str] = []
    for row in rows[1:]:
        cells = _CELL.findall(row)
        texts: list[str] = []
        link = ""
        for i, (_kind, _a, body) in enumerate(cells):
            role = head[i][0] if i < len(head) else {}
            if "data-card-target" in role or role.get("data-type") == "content-ref":
                href = _HREF.search(body)
                if href:
                    link = f"[{_inline(href.group(2)) or href.group(1)}](<{href.group(1)}>)"
            elif "data-card-cover" in role or "data-hidden" in role:
                continue
            elif _inline(body):
                texts.append(_inline(body))
        lines = [f"-   {texts[0] if texts else link}"]
        lines += [f"\n    {t}" for t in texts[1:]]
        if link and texts:
            lines.append(f"\n    {link}")
        items.append("\n".join(lines))
    return '<div class="grid cards" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def _mark(m: re.Match[str], ctx: PageContext, line: int) -> str:
    inner = m.group("text")
    if not inner.strip():
        return inner
    # `==` must hug the text, so surrounding spaces move outside the highlight
    lead, core, trail = inner[: len(inner) - len(inner.lstrip())], inner.strip(), inner[len(inner.rstrip()):]
    style = _attrs(m.group("attrs")).get("style", "").strip().rstrip(";")
    # the colour GitBook gave it rides along as an attr_list style on the highlight
    # (not in a heading: an attr list ending a heading line would style the heading)
    heading = m.string.lstrip().startswith("#")
    keep = f'{{ style="{style}" }}' if style and '"' not in style and not heading else ""
    return f"{lead}=={core}=={keep}{trail}"


def _broken(m: re.Match[str], ctx: PageContext, line: int) -> str:
    ctx.tally.leave(ctx.path, line, "broken-reference")
    return m.group(0)


def _link(m: re.Match[str], ctx: PageContext, line: int) -> str:
    target = m.group("angle") if m.group("angle") is not None else m.group("plain")
    unescaped = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", target)
    if unescaped != target:
        ctx.tally.convert("escaped-url")
    new = ctx.rewrite(unescaped, line)
    if new != unescaped:
        ctx.tally.convert("image-path" if m.group("bang") else "link-path")
    title = m.group("title") or ""
    return f"{m.group('bang')}[{m.group('text')}]({_dest(new)}{title})"


def _href(m: re.Match[str], ctx: PageContext, line: int) -> str:
    new = ctx.rewrite(html.unescape(m.group("href")), line)
    return f'{m.group("pre")}{html.escape(new, quote=True)}"'


def _escaped_text(m: re.Match[str], ctx: PageContext, line: int) -> str:
    # CommonMark reads `\&` as `&`; Python-Markdown would print the backslash
    return "&"


RULES: tuple[Rule, ...] = (
    Rule("cards-table", "<table", re.compile(r'<table\b[^>]*data-view="cards"[^>]*>.*?</table>', re.S), _cards),
    Rule("figure", "<figure>", re.compile(r"<figure>\s*<img(?P<img>[^>]*)>\s*(?:<figcaption>(?P<caption>.*?)</figcaption>)?\s*</figure>", re.S), _figure),
    Rule("html-image", "<img", re.compile(r'(?P<pre><img\b[^>]*?\bsrc=")(?P<src>[^"]*)"'), _img),
    Rule("mark-highlight", "<mark", re.compile(r"<mark\b(?P<attrs>[^>]*)>(?P<text>.*?)</mark>", re.S), _mark),
    Rule("broken-reference", "](broken-reference)", re.compile(r"\]\(broken-reference\)"), _broken),
    Rule("link", "](", re.compile(r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:<(?P<angle>[^>]*)>|(?P<plain>[^)\s]*(?:\([^)\s]*\)[^)\s]*)*))(?P<title>\s+\"[^\"]*\")?\)"), _link),
    Rule("html-link", "<a", re.compile(r'(?P<pre><a\b[^>]*?\bhref=")(?P<href>[^"#][^"]*)"'), _href),
    Rule("escaped-url", "\\&", re.compile(r"\\&"), _escaped_text),
)
# rules whose every hit is a conversion worth counting by name
_COUNTED = {"cards-table", "figure", "mark-highlight", "escaped-url"}


# Rules that write Markdown: inside raw HTML (a `<div>` around a `<figure>`) Python-Markdown
# would print it as text, so there the HTML stays HTML (its `src` still moves).
MARKDOWN_WRITING = frozenset({"figure"})


def apply_rules(text: str, ctx: PageContext, line: int, skip: frozenset[str] = frozenset()) -> str:
    """Run every rule, in order, over one source line with its inline code held aside."""
    spans: list[str] = []

    def hold(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return f"\x00{len(spans) - 1}\x00"
    masked = _CODE_SPAN.sub(hold, text) if "`" in text else text
    for rule in RULES:
        if rule.needle in masked and rule.name not in skip:
            masked = rule.pattern.sub(partial(_counted, rule, ctx=ctx, line=line), masked)
    return re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], masked) if spans else masked


def _counted(rule: Rule, m: re.Match[str], ctx: PageContext, line: int) -> str:
    if rule.name in _COUNTED:
        ctx.tally.convert(rule.name)
    return rule.convert(m, ctx, line)
