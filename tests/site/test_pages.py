"""The page sources: every page in every language, titled, and the same cURL everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import LANGS, PAGES

from docverify.page.encoding import find_mojibake

FENCE = re.compile(r"^```bash\n(.*?)^```", re.S | re.M)


def _source(repo_root: Path, page: str, lang: str) -> str:
    return (repo_root / "docs" / f"{page}.{lang}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_page_has_a_title_and_nothing_a_checker_flags(repo_root: Path, page: str, lang: str) -> None:
    text = _source(repo_root, page, lang)
    assert re.match(r"---\ntitle: \S.*\n---\n", text)
    assert "{%" not in text
    assert "<think>" not in text
    assert find_mojibake(text) == []


@pytest.mark.parametrize("page", PAGES)
def test_bengali_pages_say_they_are_machine_translated(repo_root: Path, page: str) -> None:
    body = _source(repo_root, page, "bn").split("---\n", 2)[2].lstrip()
    assert body.startswith('!!! warning "মেশিন অনুবাদ"\n    এই ')


def test_curl_example_is_byte_identical_across_languages(repo_root: Path) -> None:
    blocks = {lang: FENCE.findall(_source(repo_root, "providers/doubao", lang)) for lang in LANGS}
    assert len(blocks["zh"]) == 1
    assert blocks["en"] == blocks["zh"] == blocks["bn"]
    curl = blocks["zh"][0]
    assert curl.startswith("curl https://ark.cn-beijing.volces.com/api/v3/chat/completions \\\n")
    assert '-H "Authorization: Bearer $ARK_API_KEY"' in curl
    assert '"model": "doubao-seed-1-6-251015"' in curl


@pytest.mark.parametrize("lang", LANGS)
def test_guide_never_promises_the_hash_form_works_today(repo_root: Path, lang: str) -> None:
    text = _source(repo_root, "providers/doubao", lang)
    assert "`https://ark.cn-beijing.volces.com/api/v3/`" in text
    assert "`https://ark.cn-beijing.volces.com/api/v3/chat/completions#`" in text
    assert "chat/completions/chat/completions" in text
    assert "](../settings/providers.md#api-di-zhi)" in text
