"""Page -> Claims: a table of small extractors for endpoints, model IDs and cURL examples."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from docverify.model import Claims, CodeBlock, Curl, Endpoint, ModelId, Page, Table
from docverify.page.placeholders import find_placeholder

__all__ = ["CURL_LANGS", "EXTRACTORS", "Extractor", "extract", "is_endpoint", "is_model_id_header"]

_URL_RE = re.compile(r"https?://[^\s`'\"<>()\[\]{}|\\]+")
# An address whose host is written as a template (`https://<host>/v1`, `{base_url}/v1/models`,
# `$OPENAI_BASE_URL/chat/completions`): _URL_RE stops at the brackets, so these get their own.
_TEMPLATE_URL_RE = re.compile(
    r"(?:https?://)?(?:<[^<>\s]+>|\{\{?[^{}\s]+\}?\}|\[[^\[\]\s:]+\]|\$\{?[A-Za-z_]\w*\}?)"
    r"(?::\d+)?(?:/[^\s`'\"()|\\]*)?")
# What one of the two patterns above needs to match: a scheme's `://`, or a template's opening.
_URL_MARK_RE = re.compile(r"://|[<{\[$]")
# A template URL that continues a plain one (`https://api.x.com/{id}`) is part of that one.
_URL_BEFORE_RE = re.compile(r"https?://\S*$")
_PATH_HINT_RE = re.compile(
    r"/(?:api/v\d|v\d+(?:\.\d+|beta|alpha)?(?:/|$)|chat/completions|completions|embeddings|responses"
    r"|compatible-mode|openai(?:/|$)|messages(?:/|$)|models(?:/|$)|rerank|images/generations|audio/)",
    re.IGNORECASE)
_WEBSITE_HOST_RE = re.compile(r"^(?:console|www|docs?|help|platform|cloud|open|dashboard|portal|studio|"
                              r"github|bailian|home|account|signup|login|blog|status)\.", re.IGNORECASE)
_WEBSITE_PATH_RE = re.compile(r"/(?:docs?|document|pages?|blog|help|guide|console|login|signup)(?:/|$)"
                              r"|\.(?:html?|md|png|jpe?g|gif|svg|pdf)$", re.IGNORECASE)
# A column named for model IDs; failing that, one named for models (whose cells may be IDs).
_MODEL_ID_HEADER_RE = re.compile(r"(?:模型|model|মডেল|モデル)\s*[-_ ]?\s*(?:ID|আইডি|标识|識別子)\b", re.IGNORECASE)
_MODEL_HEADER_RE = re.compile(r"^(?:模型|模型名称?|model|model\s*name|মডেল|মডেলের নাম|モデル|モデル名)$",
                              re.IGNORECASE)
_BACKTICKED_RE = re.compile(r"^`([A-Za-z0-9][\w.:/@+-]*)`$")
_ID_RE = re.compile(r"^[A-Za-z0-9][\w.:/@+-]*$")
# A cell's IDs: backticked ones, else the cell split at line breaks and commas.
_TICKED_RE = re.compile(r"`([^`\n]+)`")
_ID_SEPARATOR_RE = re.compile(r"\s*(?:<br\s*/?>|,|，|、)\s*")
_JSON_MODEL_RE = re.compile(r"""["']model["']\s*:\s*["']([^"'\n]+)["']""")
# `-F model=whisper-1`, `--form "model=dall-e-3"`, `-d model=…`, `--data-urlencode model=…`.
_FORM_MODEL_RE = re.compile(r"""(?:^|\s)(?:-F|--form(?:-string)?|-d|--data(?:-urlencode|-raw|-binary|-ascii)?)"""
                            r"""[\s=]+["']?model=([^"'\s&;]+)""")
_CURL_RE = re.compile(r"(?:^|[\s;&|(`])curl(?:\.exe)?\s", re.MULTILINE)
CURL_LANGS = frozenset({"bash", "sh", "shell", "console", "zsh", "shell-session", "curl", ""})

Extractor = Callable[[Page], Iterator[Endpoint | ModelId | Curl]]


def is_endpoint(url: str) -> bool:
    """An API address (api.* host, /v1, /api/v3, /chat/completions …), not a console or docs page."""
    placeholder = find_placeholder(url)
    if placeholder is not None and placeholder.mappable:
        # `https://<your-host>/v1/chat/completions`: what follows the placeholder tells.
        rest = placeholder.rest.split("?", 1)[0]
        return not _WEBSITE_PATH_RE.search(rest) and bool(_PATH_HINT_RE.search(rest))
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port    # raises on `:99999` or `:abc`, like the URL parser of any client
    except ValueError:
        return False
    if not host or _WEBSITE_PATH_RE.search(parts.path):
        return False
    if host.startswith("api.") or host.startswith("api-") or ".api." in host:
        return True
    if _WEBSITE_HOST_RE.match(host):
        return False
    if port and (host == "localhost" or re.fullmatch(r"[\d.]+", host)):
        return True  # a local server (Ollama, LM Studio …) is addressed by host and port alone
    return bool(_PATH_HINT_RE.search(parts.path))


def is_model_id_header(cell: str) -> bool:
    """A table header naming a model-ID column in any of the site's languages."""
    return bool(_MODEL_ID_HEADER_RE.search(cell.strip()))


def urls_in(text: str) -> Iterator[str]:
    """URLs in a piece of text: plain ones, and those whose host is a template."""
    if not _URL_MARK_RE.search(text):
        return    # neither pattern can match: most table cells and code lines
    for match in _URL_RE.finditer(text):
        if not text[match.end():match.end() + 1] in ("<", "{", "["):
            yield match.group(0)
    for match in _TEMPLATE_URL_RE.finditer(text):
        before = text[:match.start()]
        if not before.endswith(("/", ".", "-")) and not _URL_BEFORE_RE.search(before):
            yield match.group(0)


def endpoints_in_code_spans(page: Page) -> Iterator[Endpoint]:
    for span in page.code_spans:
        if span.in_table:
            continue  # tables are read row by row, with their row lines
        for url in urls_in(span.text):
            if is_endpoint(url):
                yield Endpoint(url, span.line, "address", span.section)


def endpoints_in_tables(page: Page) -> Iterator[Endpoint]:
    for table in page.tables:
        for cells, line in zip(table.raw_rows, _row_lines(table)):
            for cell in cells:
                for raw in urls_in(cell):
                    url = raw.rstrip(".,;")
                    if is_endpoint(url) and not cell[:cell.find(raw)].rstrip().endswith("]("):
                        yield Endpoint(url, line, "address", table.section)


def endpoints_in_code_blocks(page: Page) -> Iterator[Endpoint]:
    for block in page.code_blocks:
        if "://" not in block.text and "/" not in block.text:
            continue
        for offset, text in enumerate(block.text.split("\n")):
            for raw in urls_in(text):
                url = raw.rstrip(".,;")
                if is_endpoint(url):
                    yield Endpoint(url, block.content_line + offset, "request", block.section)


def model_ids_in_tables(page: Page) -> Iterator[ModelId]:
    for table in page.tables:
        columns = ([i for i, cell in enumerate(table.header) if is_model_id_header(cell)]
                   or [i for i, cell in enumerate(table.header) if _MODEL_HEADER_RE.match(cell.strip())]
                   or _backticked_columns(table))
        for cells, line in zip(table.raw_rows, _row_lines(table)):
            for i in columns:
                for value in _cell_ids(cells[i] if i < len(cells) else ""):
                    yield ModelId(value, line, "table")


def model_ids_in_code(page: Page) -> Iterator[ModelId]:
    for block in page.code_blocks:
        if "model" not in block.text:
            continue
        source = "curl" if _is_curl(block) else "json"
        for offset, text in enumerate(block.text.split("\n")):
            for match in _JSON_MODEL_RE.finditer(text):
                yield ModelId(match.group(1).strip(), block.content_line + offset, source)
            if source == "curl":
                for match in _FORM_MODEL_RE.finditer(text):
                    yield ModelId(match.group(1).strip(), block.content_line + offset, source)


def curl_examples(page: Page) -> Iterator[Curl]:
    index = 0
    for block in page.code_blocks:
        if _is_curl(block):
            yield Curl(block.text, block.content_line, index, block.lang, block.section)
            index += 1


# The table the extraction runs, top to bottom; each entry is page -> claims of one kind.
EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("endpoints.code-spans", endpoints_in_code_spans),
    ("endpoints.tables", endpoints_in_tables),
    ("endpoints.code-blocks", endpoints_in_code_blocks),
    ("model-ids.tables", model_ids_in_tables),
    ("model-ids.code", model_ids_in_code),
    ("curl", curl_examples),
)


def extract(page: Page) -> Claims:
    """Every claim the page makes, each with its line."""
    found: dict[type, list[Endpoint | ModelId | Curl]] = {Endpoint: [], ModelId: [], Curl: []}
    for _, extractor in EXTRACTORS:
        for claim in extractor(page):
            found[type(claim)].append(claim)
    endpoints = _dedupe(sorted(found[Endpoint], key=lambda c: c.line))
    model_ids = _dedupe(sorted(found[ModelId], key=lambda c: c.line))
    return Claims(page, tuple(endpoints), tuple(model_ids), tuple(found[Curl]))  # type: ignore[arg-type]


def _is_curl(block: CodeBlock) -> bool:
    return block.lang in CURL_LANGS and "curl" in block.text and bool(_CURL_RE.search(block.text))


def _row_lines(table: Table) -> tuple[int, ...]:
    if len(table.row_lines) == len(table.raw_rows):
        return table.row_lines
    return tuple(table.line + 2 + i for i in range(len(table.raw_rows)))


def _backticked_columns(table: Table) -> list[int]:
    """Columns whose every filled cell is one backticked ID (not a URL): a model list without a header."""
    width = max((len(r) for r in table.raw_rows), default=0)
    out = []
    for i in range(width):
        cells = [r[i] for r in table.raw_rows if i < len(r) and r[i].strip()]
        if cells and all(_BACKTICKED_RE.match(c) and "://" not in c for c in cells):
            out.append(i)
    return out


def _cell_ids(raw: str) -> list[str]:
    """IDs in one cell: backticked ones if any, else the cell itself when it looks like an ID."""
    ticked = _TICKED_RE.findall(raw)
    candidates = ticked or _ID_SEPARATOR_RE.split(raw.replace("**", "").strip())
    return [c.strip() for c in candidates if _ID_RE.match(c.strip()) and "://" not in c]


def _dedupe(claims: list[Any]) -> list[Any]:
    """One claim per (value, line): the same URL seen as a code span and a table cell is one claim."""
    seen: set[tuple[str, int]] = set()
    out = []
    for claim in claims:
        key = (claim.url if isinstance(claim, Endpoint) else claim.id, claim.line)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out
