"""The doubao guide of the shared corpus, in every language: which address form goes where."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docverify.checks.endpoint import check_endpoints
from docverify.page.extract import extract
from docverify.model import Finding
from docverify.page.parse import parse_text

pytestmark = pytest.mark.corpus

DEFAULT = "https://ark.cn-beijing.volces.com/api/v3/"
FULL = "https://ark.cn-beijing.volces.com/api/v3/chat/completions#"
GOOD = "https://ark.cn-beijing.volces.com/api/v3/chat/completions"
DOUBLED = GOOD + "/chat/completions"

# (page, language, line of the default form, line of the full `#` form)
GUIDES = [
    ("pre-basic/providers/doubao.md", "zh", 44, 45),
    ("i18n/english/pre-basic/providers/doubao.md", "en", 52, 53),
    ("i18n/japanese/pre-basic/providers/doubao.md", "ja", 52, 53),
]


def findings(site: Callable[..., Any], corpus_dir: Path, rel: str, lang: str,
             *clients: str) -> list[Finding]:
    text = (corpus_dir / rel).read_text("utf-8")
    page = parse_text(text, path=rel, rel="pre-basic/providers/doubao.md", lang=lang, syntax="gitbook")
    return list(check_endpoints(extract(page), site(*clients)))


@pytest.mark.parametrize(("rel", "lang", "default_line", "full_line"), GUIDES,
                         ids=[g[1] for g in GUIDES])
def test_under_2_the_full_address_form_doubles_the_endpoint(
        make_site: Callable[..., Any], corpus_dir: Path, rel: str, lang: str, default_line: int, full_line: int) -> None:
    # The pages show their cURL example only as a screenshot: no reference URL, so the two
    # forms are compared with each other and the default (listed first) is taken as meant.
    [finding] = findings(make_site, corpus_dir, rel, lang, "cherry-studio@2", "cherry-studio@1.6")
    assert (finding.check, str(finding.severity), finding.path, finding.line) == \
        ("endpoint.equivalence", "warning", rel, full_line)
    assert f"under cherry-studio@2 {DEFAULT} (line {default_line}) sends requests to {GOOD} " \
           f"while {FULL} sends them to {DOUBLED}" in finding.message
    assert finding.hint == (
        f"under cherry-studio@2 this address sends requests to {DOUBLED}; keep the address "
        f"{DEFAULT} (line {default_line}) or scope the line to cherry-studio@1.6 with "
        "<!-- docverify: clients cherry-studio@1.6 -->")


@pytest.mark.parametrize(("rel", "lang"), [g[:2] for g in GUIDES], ids=[g[1] for g in GUIDES])
def test_under_16_both_forms_reach_the_same_url(make_site: Callable[..., Any], corpus_dir: Path,
                                               rel: str, lang: str) -> None:
    assert findings(make_site, corpus_dir, rel, lang, "cherry-studio@1.6") == []
