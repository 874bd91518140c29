"""Data-driven check cases: each cases/**/NAME.md beside NAME.expected (`LINE CHECK SEVERITY` rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docverify.checks import run_checks
from docverify.pageset.site import load_site
from docverify.site.config import folder_config

CASES = Path(__file__).parent / "cases"
PAGES = sorted(p for p in CASES.rglob("*.md") if p.with_suffix(".expected").is_file())


def expected(page: Path) -> set[tuple[int, str, str]]:
    rows = [line.split() for line in page.with_suffix(".expected").read_text().splitlines()]
    return {(int(r[0]), r[1], r[2]) for r in rows if r and not r[0].startswith("#")}


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(CASES)) for p in PAGES])
def test_case(page: Path) -> None:
    root = CASES / "gitbook" if "gitbook" in page.relative_to(CASES).parts else CASES
    site = load_site([page], folder_config(root))
    found = {(f.line, f.check, f.severity.value) for f in run_checks(site, groups={"static"})}
    assert found == expected(page)


def test_every_case_has_an_expectation() -> None:
    stray = [p.name for p in CASES.glob("*.md") if not p.with_suffix(".expected").is_file()]
    assert stray == []
