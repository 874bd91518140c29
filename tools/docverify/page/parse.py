"""Markdown file -> Page: one markdown-it-py pass over the tokens, every element with its line.

The only module that imports markdown_it / mdit_py_plugins.
"""

from __future__ import annotations

import os
import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from docverify.page.anchors import (github_anchor, gitbook_anchor, mkdocs_anchor, slugger_anchor, split_attr_list,
                                    unicode_anchor, unique_anchor)
from docverify.model import (Admonition, CodeBlock, CodeSpan, Directive, Finding, Heading, HtmlBlock,
                             Image, Link, Page, Severity, Table)
from docverify.page.markup import directives_in, gitbook_tags, html_refs
from docverify.page.notices import is_machine_translation_notice
from docverify.site.config import SiteConfig, load_yaml_mapping

__all__ = ["decode", "display_path", "parse_page", "parse_text"]

# Inline tokens in these blocks are read as plain text (heading, cell, admonition title).
_PLAIN_PARENTS = frozenset({"heading_open", "th_open", "td_open", "admonition_title_open"})
# The table tokens that change a table being read (the others only nest).
_TABLE_TOKENS = frozenset({"table_open", "tbody_open", "tr_open", "table_close"})
# The characters that start inline syntax (escape, code, emphasis, strikethrough, link or
# image, HTML or autolink, entity). Without one, the inline parser yields the text itself,
# broken at newlines, which plain text turns into spaces anyway.
_INLINE_SYNTAX_RE = re.compile(r"[\\`*_~\[<&]")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # One parser for every page: building one costs more than parsing a short page.
    # `$$…$$` is math, not emphasis or links. Footnotes and task lists stay CommonMark: their
    # plugins work on the inline pass this parser defers (a footnote's definition would vanish
    # with its links), and read as paragraphs, `[^1]` and `[x]` are plain text to every check.
    md = (MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
          .use(front_matter_plugin).use(admon_plugin).use(dollarmath_plugin))
    # Inline parsing is half of markdown-it's time and most paragraphs hold nothing we read:
    # _Walk.inline_token runs it where it matters. text_join only merges text tokens and
    # turns `text_special` (escapes, entities) into `text`; we read both alike.
    md.core.ruler.disable(["inline", "text_join"])
    return md


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as findings print it: relative to the current directory."""
    # A path under the current directory is what follows it: what relpath gives, without its
    # component lists (every missing image of a page copied without its assets asks).
    absolute, here = os.path.abspath(path), os.path.abspath(os.curdir)
    if absolute.startswith(here + os.sep):
        return absolute[len(here) + 1:]
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def decode(data: bytes, path: str) -> tuple[str, tuple[Finding, ...]]:
    """The text of a file; bytes that are not UTF-8 are replaced and reported with their line."""
    if b"\x00" in data:
        return "", (Finding("encoding.invalid", Severity.ERROR, path, 1,
                            "expected a UTF-8 text page, found a binary file (NUL bytes)",
                            "remove the file or give it the extension of what it holds"),)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return data.decode("utf-8", errors="replace"), (Finding(
            "encoding.invalid", Severity.ERROR, path, line,
            f"expected UTF-8, found byte 0x{data[exc.start]:02x} that is not UTF-8",
            "re-save the file as UTF-8 (docverify repair-encoding repairs mojibake, not this)"),)


def parse_page(path: Path, config: SiteConfig) -> Page:
    """Read and parse one file; problems with its bytes become `parse_findings`, never exceptions."""
    rel, lang = config.locate(path)
    shown = display_path(path)
    file = Path(path)
    try:
        if not file.is_file():   # a FIFO or device would block the read, or never end
            raise OSError(0, "not a regular file")
        data = file.read_bytes()
    except OSError as exc:
        return Page(path=shown, rel=rel, lang=lang, source="", syntax=config.syntax, parse_findings=(
            Finding("encoding.invalid", Severity.ERROR, shown, 1,
                    f"expected a readable page, found an error: {exc.strerror or exc}",
                    "check the file's permissions"),))
    text, findings = decode(data, shown)
    if shown.endswith(".mdx"):
        text = _without_esm(text)
    page = parse_text(text, path=shown, rel=rel, lang=lang, syntax=config.syntax)
    return replace(page, parse_findings=findings + page.parse_findings) if findings else page


_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)


def _toml_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Hugo's TOML front matter (between `+++` lines) read as the page's front matter, and the
    text with those lines blanked for markdown-it (which knows only `---`): metadata, not prose."""
    found = _TOML_FRONT_MATTER.match(text)
    if found is None:
        return {}, text
    try:
        data = tomllib.loads(found.group(1) or "")
    except tomllib.TOMLDecodeError:
        data = {}
    return data, "\n" * found.group(0).count("\n") + text[found.end():]


_ESM_START = re.compile(r"^(?:import|export)\s")
_FENCE_OPEN = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def _without_esm(text: str) -> str:
    """An MDX page as markdown: its `import`/`export` statements (JavaScript, not prose) blanked,
    each line kept, so every line number stays the file's. A statement spans lines while its
    braces are open (`import {\n  A,\n} from "x"`); fenced code is left as it is."""
    lines = text.split("\n")
    fence = ""
    depth = 0         # braces open in the statement being blanked
    for n, line in enumerate(lines):
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            continue
        opened = _FENCE_OPEN.match(line)
        if opened and not depth:
            fence = opened.group(1)
            continue
        if depth or _ESM_START.match(line):
            depth = max(0, depth + line.count("{") - line.count("}"))
            lines[n] = ""
    return "\n".join(lines)


def parse_text(text: str, *, path: str = "<text>", rel: str = "", lang: str = "",
               syntax: str = "mkdocs") -> Page:
    """Parse markdown text into a Page (GitBook anchors and tags when `syntax` is "gitbook")."""
    if "\r" in text:
        # markdown-it counts a lone CR as a line break; so must every line number we give.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    env: dict[str, Any] = {}   # link reference definitions: found by the block pass, used inline
    walk = _Walk(text, syntax, env)
    toml, markdown = _toml_front_matter(text)
    walk.run(_markdown().parse(markdown, env))
    walk.front_matter = toml or walk.front_matter
    walk.gitbook_tags()
    title = walk.front_matter.get("title")
    if not isinstance(title, str):
        title = next((h.text for h in walk.headings if h.level == 1), "")
    return Page(path=path, rel=rel, lang=lang, source=text, title=title,
                front_matter=walk.front_matter, headings=tuple(walk.headings),
                links=tuple(sorted(walk.links, key=lambda x: x.line)),
                images=tuple(sorted(walk.images, key=lambda x: x.line)),
                code_spans=tuple(walk.code_spans), code_blocks=tuple(walk.code_blocks),
                tables=tuple(walk.tables), admonitions=tuple(sorted(walk.admonitions, key=lambda a: a.line)),
                html_blocks=tuple(walk.html_blocks), directives=tuple(walk.directive_list()), syntax=syntax)


@dataclass(slots=True)
class _TableDraft:
    line: int
    section: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    raw_rows: list[list[str]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)
    in_body: bool = False


class _Walk:
    """The state of one pass over a page's tokens."""

    def __init__(self, text: str, syntax: str, env: dict[str, Any]) -> None:
        self.text, self.syntax, self.env = text, syntax, env
        self.front_matter: dict[str, Any] = {}
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.images: list[Image] = []
        self.code_spans: list[CodeSpan] = []
        self.code_blocks: list[CodeBlock] = []
        self.tables: list[Table] = []
        self.admonitions: list[Admonition] = []
        self.html_blocks: list[HtmlBlock] = []
        # (directive, line the HTML block ends on, or 0 for a comment inside a paragraph)
        self.directives: list[tuple[Directive, int, int]] = []
        self.code_lines: list[tuple[int, int]] = []          # 0-based [start, end) of code blocks
        self.section = ""
        self.table: _TableDraft | None = None
        self.used_ids: set[str] = set()
        self.anchor_ends: dict[tuple[str, int], int] = {}   # see unique_anchor
        self.slugs: dict[str, int] = {}      # github-slugger's occurrences (see slugger_anchor)
        self.open_admonitions: list[tuple[Token, str]] = []
        self._lines: list[str] | None = None
        self.tokens: list[Token] = []

    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def run(self, tokens: list[Token]) -> None:
        if self.syntax != "gitbook":
            # Python-Markdown reserves explicit ids before slugging the others.
            self.used_ids.update(split_attr_list(t.content)[1] for t in tokens
                                 if t.type == "inline" and "{" in t.content)
            self.used_ids.discard("")
        self.tokens = tokens
        # What each block token does; the other kinds (paragraphs, lists, cells…) only nest.
        handlers: dict[str, Callable[[Token], None]] = {
            "fence": self.code_block, "code_block": self.code_block, "html_block": self.html_block,
            **dict.fromkeys(_TABLE_TOKENS, self.table_token),
            "admonition_open": self.admonition_open, "admonition_close": self.admonition_close,
            "front_matter": self.read_front_matter}
        previous: Token | None = None    # an inline token's opener (heading, cell, paragraph…)
        for token in tokens:
            kind = token.type
            if kind == "inline":
                self.inline_token(token, previous)
            elif kind in handlers:
                handlers[kind](token)
            previous = token

    def admonition_open(self, token: Token) -> None:
        self.open_admonitions.append((token, ""))

    def admonition_close(self, token: Token) -> None:
        if self.open_admonitions:
            self.admonition(*self.open_admonitions.pop())

    def read_front_matter(self, token: Token) -> None:
        self.front_matter = load_yaml_mapping(token.content)

    def inline_token(self, token: Token, opener: Token | None) -> None:
        """Read an inline token, running the inline parser only where it can change what we read.

        Headings, table cells and admonition titles are read as plain text, which needs no
        parse without inline syntax; elsewhere we read only code spans, links, images and
        inline HTML, and each needs a backtick, `[` or `<`.
        """
        parent = opener.type if opener is not None else ""
        content = token.content
        if parent in _PLAIN_PARENTS:
            if _INLINE_SYNTAX_RE.search(content):
                self.parse_inline(token)
                text = _plain(token)
            else:
                text = " ".join(content.split())
            if parent == "heading_open" and opener is not None:
                self.heading(opener, text)
            elif parent == "admonition_title_open":
                if self.open_admonitions:
                    self.open_admonitions[-1] = (self.open_admonitions[-1][0], text)
            elif self.table is not None:
                self.table_cell(token, parent == "th_open", text)
        elif "`" in content or "[" in content or "<" in content:
            self.parse_inline(token)
        if token.children:
            self.inline(token)

    def parse_inline(self, token: Token) -> None:
        md = _markdown()
        token.children = md.inline.parse(token.content, md, self.env, [])

    def heading(self, token: Token, text: str) -> None:
        explicit = ""
        if self.syntax == "gitbook":
            anchor = gitbook_anchor(text)
            aliases = tuple({unicode_anchor(text)} - {anchor, ""})
        elif self.syntax == "slugger":
            # Docusaurus and Starlight id a heading with github-slugger (`-1` on a repeat);
            # Docusaurus takes `{#id}` as written
            text, explicit = split_attr_list(text)
            anchor, aliases = explicit or slugger_anchor(github_anchor(text), self.slugs), ()
        else:
            text, explicit = split_attr_list(text)
            aliases = ()
            anchor = explicit or unique_anchor(mkdocs_anchor(text), self.used_ids, self.anchor_ends)
            if self.syntax == "github":
                # pages read where they are kept: GitHub's id, and MkDocs's should they be built
                github = slugger_anchor(github_anchor(text), self.slugs)
                aliases = tuple(sorted({github, unicode_anchor(text)} - {anchor, ""}))
        self.headings.append(Heading(int(token.tag[1]), text, anchor, token.map[0] + 1 if token.map else 0,
                                     aliases))
        self.section = anchor

    def inline(self, token: Token) -> None:
        """Code spans, links, images and inline HTML, each with its line."""
        line = token.map[0] + 1 if token.map else 0
        in_table = self.table is not None
        link: list[Any] | None = None
        for child in token.children or ():
            kind = child.type
            if kind == "text" or kind == "text_special":
                if link is not None:
                    link[2].append(child.content)
            elif kind in ("softbreak", "hardbreak"):
                line += 1
            elif kind == "code_inline":
                self.code_spans.append(CodeSpan(child.content, line, self.section, in_table))
                if link is not None:
                    link[2].append(child.content)
            elif kind == "link_open":
                link = [str(child.attrs.get("href", "")), line, []]
            elif kind == "link_close" and link is not None:
                self.links.append(Link(link[0], link[1], "".join(link[2])))
                link = None
            elif kind == "image":
                self.images.append(Image(str(child.attrs.get("src", "")), line, child.content))
                line += sum(c.type in ("softbreak", "hardbreak") for c in child.children or ())
            elif kind == "html_inline":
                self.html(child.content, line, 0, token.map[0] + 1 if token.map else 0)
                line += child.content.count("\n")

    def code_block(self, token: Token) -> None:
        start, end = token.map if token.map else (0, 0)
        self.code_lines.append((start, end))
        # An indented block has no fence line, so its content starts on its first line.
        line = start + 1 if token.type == "fence" else start
        self.code_blocks.append(CodeBlock(token.info.strip(), token.content, line, self.section))

    def html_block(self, token: Token) -> None:
        line = token.map[0] + 1 if token.map else 0
        self.html_blocks.append(HtmlBlock(token.content, line))
        self.html(token.content, line, token.map[1] if token.map else line, 0)

    def html(self, content: str, line: int, block_end: int, paragraph: int) -> None:
        """Links, images and docverify directives written as HTML."""
        links, images = html_refs(content, line)
        self.links.extend(links)
        self.images.extend(images)
        if "docverify" in content:
            self.directives.extend((d, block_end, paragraph) for d in directives_in(content, line))

    def table_token(self, token: Token) -> None:
        kind = token.type
        if kind == "table_open":
            self.table = _TableDraft(token.map[0] + 1 if token.map else 0, self.section)
        elif kind == "tbody_open" and self.table:
            self.table.in_body = True
        elif kind == "tr_open" and self.table and self.table.in_body:
            self.table.rows.append([])
            self.table.raw_rows.append([])
            self.table.row_lines.append(token.map[0] + 1 if token.map else 0)
        elif kind == "table_close" and self.table:
            t = self.table
            self.tables.append(Table(tuple(t.header), tuple(map(tuple, t.rows)), t.line,
                                     tuple(t.row_lines), tuple(map(tuple, t.raw_rows)), t.section))
            self.table = None

    def table_cell(self, token: Token, header: bool, text: str) -> None:
        assert self.table is not None
        if header:
            self.table.header.append(text)
        elif self.table.rows:
            self.table.rows[-1].append(text)
            self.table.raw_rows[-1].append(token.content.strip())

    def admonition(self, token: Token, title: str) -> None:
        start, end = token.map if token.map else (0, 0)
        body = "\n".join(line.strip() for line in self.lines()[start + 1:end]).strip()
        kind = str(token.meta.get("tag", "note")).lower() if token.meta else "note"
        self.admonitions.append(Admonition(kind, title, start + 1, end, body, "material",
                                           is_machine_translation_notice(f"{title}\n{body}")))

    def gitbook_tags(self) -> None:
        if "{%" not in self.text:
            return
        code = {n + 1 for start, end in self.code_lines for n in range(start, end)}
        admonitions, links = gitbook_tags(self.text, code)
        self.admonitions.extend(admonitions)
        self.links.extend(links)

    def directive_list(self) -> list[Directive]:
        if not self.directives:
            return []
        starts = sorted({t.map[0] + 1 for t in self.tokens if t.map is not None and t.nesting >= 0})
        out = []
        for directive, block_end, paragraph in self.directives:
            # A comment block scopes the next block; a comment inside a paragraph, that paragraph.
            i = bisect_left(starts, block_end + 1)
            scope = paragraph or (starts[i] if i < len(starts) else 0)
            out.append(replace(directive, scope_line=scope))
        return out


def _plain(inline: Token) -> str:
    """The text a reader sees: tags and markup dropped, code and entities kept."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
