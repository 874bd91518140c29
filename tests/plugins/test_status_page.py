"""The translation status page's HTML: words in the page's language, coloured cells, summary, provenance."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from docverify.integrations.status_page import FINDINGS_ID, WORDS, Provenance, provenance, render_status_page, words
from docverify.site.config import load_config
from docverify.translations.status import Cell, Matrix, Row
from tests.suffix_site import write_site

LANGS = ("zh", "en", "bn")
MADE = Provenance("2026-11-30", "0123456789ab")


@pytest.fixture
def matrix_and_config(tmp_path: Path):  # type: ignore[no-untyped-def]
    root = write_site(tmp_path, {"guide.zh.md": "# 指南\n", "guide.en.md": "# Guide\n", "guide.bn.md": "# গাইড\n",
                                 "index.zh.md": "# 首页\n"}, languages=LANGS)
    config = load_config(root / "mkdocs.yml")
    docs = root / "docs"
    matrix = Matrix(LANGS, (
        Row("guide.md", {"zh": Cell("up-to-date", str(docs / "guide.zh.md")),
                         "en": Cell("has-errors", str(docs / "guide.en.md"), errors=2, warnings=1),
                         "bn": Cell("machine-translated-unreviewed", str(docs / "guide.bn.md"), warnings=1)}),
        Row("index.md", {"zh": Cell("up-to-date", str(docs / "index.zh.md")),
                         "en": Cell("missing", ""), "bn": Cell("stale", str(docs / "index.zh.md"))}),
    ))
    return matrix, config


def _render(matrix: Matrix, config, lang: str, dest: str = "translation-status/index.html") -> str:  # type: ignore[no-untyped-def]
    return render_status_page(matrix, config, lang, dest, directory_urls=True,
                              names={"zh": "中文", "en": "English", "bn": "বাংলা"}, made=MADE)


@pytest.mark.parametrize("lang", LANGS)
def test_the_words_are_the_pages_language(matrix_and_config, lang: str) -> None:  # type: ignore[no-untyped-def]
    html = _render(*matrix_and_config, lang)
    w = WORDS[lang]
    assert f"<th>{w['page']}</th>" in html and w["summary"] in html and w["intro"] in html
    for state in ("up-to-date", "missing", "stale", "has-errors", "machine-translated-unreviewed"):
        assert f'data-state="{state}"' in html and w[state] in html
    others = [WORDS[other]["summary"] for other in LANGS if other != lang]
    assert not any(word in html for word in others)
    # The languages are headed by their own names, as the language selector shows them.
    assert re.findall(r'<th lang="(\w+)">([^<]+)</th>', html) == [("zh", "中文"), ("en", "English"), ("bn", "বাংলা")]


def test_cells_link_to_the_page_and_to_its_findings(matrix_and_config) -> None:  # type: ignore[no-untyped-def]
    html = _render(*matrix_and_config, "en", dest="en/translation-status/index.html")
    cell = re.search(r'<td class="docverify-cell docverify-cell--has-errors"[^>]*>(.*?)</td>', html)
    assert cell is not None
    assert '<a href="../../en/guide/">has errors</a>' in cell.group(1)
    assert f'<a class="docverify-counts" href="../../en/guide/#{FINDINGS_ID}">2 errors · 1 warning</a>' in cell.group(1)
    assert 'data-errors="2" data-warnings="1"' in html
    assert '<a href="../../guide/">up to date</a>' in html       # the default language at the root
    missing = re.search(r'<td class="docverify-cell docverify-cell--missing"[^>]*>(.*?)</td>', html)
    assert missing is not None and missing.group(1) == "missing"  # nothing to link to


def test_one_summary_row_counts_each_language(matrix_and_config) -> None:  # type: ignore[no-untyped-def]
    html = _render(*matrix_and_config, "zh")
    foot = html[html.index("<tfoot>"):html.index("</tfoot>")]
    counts = {lang: dict(re.findall(r'<li data-count="([\w-]+)">[^<]*[:：] ?(\d+)</li>', cell))
              for lang, cell in re.findall(r'data-lang="(\w+)"><ul>(.*?)</ul>', foot)}
    assert counts["zh"] == {"up-to-date": "2", "stale": "0", "missing": "0", "unreviewed": "0", "has-errors": "0"}
    assert counts["en"] == {"up-to-date": "0", "stale": "0", "missing": "1", "unreviewed": "0", "has-errors": "1"}
    assert counts["bn"] == {"up-to-date": "0", "stale": "1", "missing": "0", "unreviewed": "1", "has-errors": "0"}


def test_the_page_says_when_and_from_which_commit(matrix_and_config, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    html = _render(*matrix_and_config, "bn")
    assert "2026-11-30 তারিখে কমিট <code>0123456789ab</code> থেকে তৈরি।" in html
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")    # 2026-01-01, as a reproducible build sets it
    assert provenance(tmp_path) == Provenance("2026-01-01", "")            # not a git checkout
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "x"], cwd=tmp_path, check=True,
                   env={**env, "PATH": "/usr/bin:/bin"})
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True,
                          check=True).stdout.strip()
    made = provenance(tmp_path)
    assert made.date == "2026-01-01" and len(made.commit) == 12 and head.startswith(made.commit)


def test_a_language_without_words_reads_english() -> None:
    assert words("de")["title"] == "Translation status"
    assert words("zh-Hans")["title"] == WORDS["zh"]["title"] and words("bn_BD")["page"] == WORDS["bn"]["page"]
    assert all(set(WORDS["en"]) == set(table) for table in WORDS.values()), "every language names every word"
