"""The value types every stage shares: a page, its elements and claims, and findings.

Everything carries the place it came from and prints as `path:line`. Later stages read
these; nothing here imports a third-party library or another docverify stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

# What a page's file name ends with (a markdown page; everything else is an asset). MDX
# (Docusaurus, Starlight) is markdown with JSX components between its blocks: read as markdown.
PAGE_SUFFIXES = (".md", ".markdown", ".mdx")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place: what was expected, what was found, what to do."""

    check: str
    severity: Severity
    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity} [{self.check}] {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "severity": self.severity.value, "path": self.path,
                "line": self.line, "message": self.message, "hint": self.hint}


# ---------------------------------------------------------------- page elements (parse)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    anchor: str          # the id the site gives the heading (explicit `{ #id }` wins)
    line: int
    aliases: tuple[str, ...] = ()   # other ids that also land here (e.g. GitBook pinyin)


@dataclass(frozen=True, slots=True)
class Link:
    target: str          # as written (URL, relative path, `#anchor`, `path#anchor`)
    line: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    src: str
    line: int
    alt: str = ""
    caption: str = ""


@dataclass(frozen=True, slots=True)
class CodeSpan:
    text: str
    line: int
    section: str = ""    # anchor of the heading it stands under ("" before any heading)
    in_table: bool = False


@dataclass(frozen=True, slots=True)
class CodeBlock:
    info: str            # the fence's info string, first word is the language ("" if none)
    text: str            # the content, without the fences
    line: int            # line of the opening fence
    section: str = ""

    @property
    def lang(self) -> str:
        return self.info.split(maxsplit=1)[0].lower() if self.info.strip() else ""

    @property
    def content_line(self) -> int:
        """The line of the first content line (the one after the opening fence)."""
        return self.line + 1


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]           # cell text, markup stripped
    rows: tuple[tuple[str, ...], ...]
    line: int                          # line of the header row
    row_lines: tuple[int, ...] = ()    # line of each body row
    raw_rows: tuple[tuple[str, ...], ...] = ()  # cells as written (backticks kept)
    section: str = ""


@dataclass(frozen=True, slots=True)
class Admonition:
    kind: str            # note, info, warning, danger, success, tip, … (GitBook styles mapped)
    title: str
    line: int
    end_line: int
    text: str = ""
    syntax: str = "material"   # "material" (`!!!`/`???`) or "gitbook" (`{% hint %}`)
    machine_translated: bool = False   # the "machine-translated, not reviewed" notice


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Directive:
    """`<!-- docverify: ignore CHECK reason="…" -->` or `<!-- docverify: clients … -->`."""

    verb: str            # "ignore", "clients", …
    args: tuple[str, ...]
    line: int
    reason: str = ""
    scope_line: int = 0  # the line of the block the directive applies to (0: whole page)


@dataclass(frozen=True, slots=True)
class Page:
    """One markdown file as the site will render it, with every element's line."""

    path: str            # as reported in findings: relative to the current directory
    rel: str             # relative to the docs root, with the language marker removed
    lang: str            # language code ("" when it cannot be told)
    source: str          # the decoded text
    title: str = ""
    front_matter: Mapping[str, Any] = field(default_factory=dict)
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    code_spans: tuple[CodeSpan, ...] = ()
    code_blocks: tuple[CodeBlock, ...] = ()
    tables: tuple[Table, ...] = ()
    admonitions: tuple[Admonition, ...] = ()
    html_blocks: tuple[HtmlBlock, ...] = ()
    directives: tuple[Directive, ...] = ()
    syntax: str = "mkdocs"   # "mkdocs" or "gitbook": how `{% … %}` and anchors are read
    parse_findings: tuple[Finding, ...] = ()  # problems met while reading (encoding, …)

    def __str__(self) -> str:
        return self.path

    def anchors(self) -> frozenset[str]:
        ids = {h.anchor for h in self.headings}
        for h in self.headings:
            ids.update(h.aliases)
        return frozenset(ids)


# ---------------------------------------------------------------- claims (extract)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """An API address or URL the page tells the reader to use."""

    url: str
    line: int
    kind: str = "address"    # "address" (typed into a client) or "request" (a full request URL)
    section: str = ""
    clients: tuple[str, ...] = ()   # profiles a directive scopes it to (empty: the site's)


@dataclass(frozen=True, slots=True)
class ModelId:
    id: str
    line: int
    source: str = "table"    # "table", "curl" or "json"


@dataclass(frozen=True, slots=True)
class Curl:
    """A cURL example as written; parsing it into a request is the cURL parser's job."""

    text: str
    line: int            # line of the first content line of the block
    index: int           # position among the page's cURL examples, from 0
    lang: str = ""
    section: str = ""


@dataclass(frozen=True, slots=True)
class Claims:
    page: Page
    endpoints: tuple[Endpoint, ...] = ()
    model_ids: tuple[ModelId, ...] = ()
    curls: tuple[Curl, ...] = ()

    @property
    def links(self) -> tuple[Link, ...]:
        return self.page.links

    @property
    def images(self) -> tuple[Image, ...]:
        return self.page.images

    @property
    def headings(self) -> tuple[Heading, ...]:
        return self.page.headings
