"""Fuzz the page builder and the extractors: no exception escapes, every line is inside the page."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from docverify.page.extract import extract
from docverify.page.parse import parse_text

PIECES = st.sampled_from([
    "# ", "## ", "### API 地址", " { #id }", "{% hint style=\"info\" %}", "{% endhint %}", "{% ",
    " %}", "{% content-ref url=\"x.md\" %}", "| a | b |", "|---|---|", "| `m` |", "```", "```bash",
    "~~~", "curl ", "https://api.x.com/v1", "`", "[", "](", ")", "![", "<img src=\"a.png\">",
    "<figure>", "</figure>", "<!-- docverify: ignore x reason=\"y\" -->", "<!--", "-->", "!!! note",
    "??? warning \"t\"", "    ", "\t", "> ", "- ", "1. ", "\n", "\n\n", "---", "\"model\": \"m\"",
    "模型 ID", "এআই", "\ufffd", "\x00", "&amp;", "\\", "*", "_", "\r\n", "\r",
])


@settings(max_examples=int(os.environ.get("DOCVERIFY_FUZZ_EXAMPLES", "300")), deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60), st.sampled_from(["mkdocs", "gitbook"]))
def test_no_exception_escapes(pieces: list[str], syntax: str) -> None:
    text = "".join(pieces)
    claims = extract(parse_text(text, syntax=syntax))
    page = claims.page
    last = page.source.count("\n") + 1
    for item in (*page.headings, *page.links, *page.images, *page.code_spans, *claims.endpoints,
                 *claims.model_ids, *claims.curls, *page.admonitions):
        assert 0 <= item.line <= last, item
