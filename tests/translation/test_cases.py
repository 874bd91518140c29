"""Machine-translation damage, one small page pair per case and language: cases/NAME.zh.md is the
source, NAME.LANG.md its translation into Latin (en), Greek (el), Cyrillic (ru), CJK (ja) and
Bengali (bn) script, NAME.expected the findings (`LANG CHECK LINE: text the message holds`).
`clean` is the same page translated well (with English product names in Bengali prose and
`检查` left as the button's label): no finding in any language."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docverify.checks import run_checks
from docverify.model import Finding, Severity
from docverify.pageset.site import load_site
from docverify.site.config import load_config
from tests.suffix_site import write_site

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.name[: -len(".zh.md")] for p in CASES.glob("*.zh.md"))
LANGS = ("zh", "en", "el", "ru", "ja", "bn")
NEW_IDS = {"translation.leak", "translation.language", "translation.wrapped", "translation.truncated"}


def expected(name: str) -> list[tuple[str, str, int, str]]:
    rows = []
    for row in (CASES / f"{name}.expected").read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            head, _, text = row.partition(": ")
            lang, check, line = head.split()
            rows.append((lang, check, int(line), text))
    return rows


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[Finding]:
    root = write_site(tmp_path_factory.mktemp("translation"), sorted(CASES.glob("*.md")), LANGS)
    here = os.getcwd()
    os.chdir(root)
    try:
        site = load_site([], load_config(root / "mkdocs.yml"))
        return [f for f in run_checks(site) if f.check in NEW_IDS or f.check.startswith("parity.")]
    finally:
        os.chdir(here)


@pytest.mark.parametrize("name", NAMES)
def test_case(name: str, findings: list[Finding]) -> None:
    found = sorted((f.path.split(".")[-2], f.check, f.line, f) for f in findings
                   if f.path.startswith(f"docs/{name}.") and f.check in NEW_IDS)
    want = sorted(expected(name))
    assert [(lang, c, n) for lang, c, n, _ in found] == [(lang, c, n) for lang, c, n, _ in want], \
        [str(f) for *_, f in found]
    for (_, _, _, f), (_, _, _, text) in zip(found, want):
        assert text in f.message and f.hint and f.severity is Severity.ERROR


def test_each_damage_is_covered_in_five_scripts() -> None:
    for name in ("leak-note", "language", "wrapped", "truncated"):
        assert {lang for lang, *_ in expected(name)} == {"en", "el", "ru", "ja", "bn"}


def test_source_pages_get_none(findings: list[Finding]) -> None:
    assert not [str(f) for f in findings if f.path.endswith(".zh.md") and f.check in NEW_IDS]


def test_wrapped_page_is_no_parity_list(findings: list[Finding]) -> None:
    assert not [str(f) for f in findings if ".wrapped." in f.path and f.check.startswith("parity.")]


def test_untranslated_paragraph_names_its_source_line(findings: list[Finding]) -> None:
    (f,) = [f for f in findings if f.path == "docs/language.ja.md"]
    assert "(source line 26)" in f.message and "docs/language.zh.md:26" in f.hint


def test_a_page_reused_by_a_later_site_is_judged_against_that_sites_source(tmp_path: Path) -> None:
    # The MkDocs plugin keeps an unchanged translation's page object across builds while its
    # source may change: whether the translation "wrapped" the page depends on the source.
    from docverify.checks.translation import wrapped_in
    from docverify.pageset.site import Site

    body = "Use the key in Cherry Studio, then add the model and send a first message to it."
    fenced = f"```markdown\n# Guide\n\n{body}\n\n{body}\n```\n"
    root = write_site(tmp_path, {"guide.zh.md": f"# 指南\n\n{body}\n", "guide.en.md": f"# Guide\n\n{fenced}"})
    first = load_site(config=load_config(root / "mkdocs.yml"))
    translation = next(c for c in first.pages if c.page.lang == "en")
    assert wrapped_in(translation.page, first) is not None

    (root / "docs" / "guide.zh.md").write_text(f"# 指南\n\n{fenced}", encoding="utf-8")
    source = load_site([root / "docs" / "guide.zh.md"], config=first.config).pages
    later = Site(first.config, (*source, translation))
    assert wrapped_in(translation.page, later) is None    # the source has the same block now
