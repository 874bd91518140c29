"""On the real GitBook corpus (read in place): pairs across three generations of the structure,
the providers settings page's dropped `/` rule, the stale English doubao page, and no flood."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from docverify.checks import run_checks
from docverify.model import Finding
from docverify.translations.pairing import pairing_for
from docverify.pageset.site import Site, load_site

pytestmark = pytest.mark.corpus

SETTINGS_ZH = "pre-basic/settings/providers.md"
SETTINGS = "cherrystudio/preview/settings/providers.md"
DOUBAO = "pre-basic/providers/doubao.md"


@pytest.fixture(scope="module")
def site(corpus_dir: Path) -> Site:
    return load_site([corpus_dir])


@pytest.fixture(scope="module")
def findings(site: Site) -> list[Finding]:
    return run_checks(site, groups={"parity"})


def _on(findings: list[Finding], corpus: Path, rel: str) -> list[Finding]:
    return [f for f in findings if Path(f.path).resolve() == (corpus / rel).resolve()]


def test_pairs_across_generations(site: Site, corpus_dir: Path) -> None:
    pairing = pairing_for(site)
    for space in ("english", "japanese"):
        moved = str(corpus_dir / "i18n" / space / SETTINGS)
        source = pairing.source_of(site.get(moved).page.path)  # type: ignore[union-attr]
        assert source is not None and Path(source).resolve() == (corpus_dir / SETTINGS_ZH).resolve()
    ways = pairing.counts()
    assert ways["path"] >= 70 and ways["links"] >= 2 and ways["name"] >= 20
    assert len(pairing.pairs) >= 130 and len(pairing.unpaired_translations) <= 70


def test_settings_page_keeps_the_rule_the_source_dropped(findings: list[Finding], corpus_dir: Path) -> None:
    for space in ("english",):
        found = _on(findings, corpus_dir, f"i18n/{space}/{SETTINGS}")
        drift = [f for f in found if "ends with `/`" in f.message]
        assert len(drift) == 1, [str(f) for f in found]
        message = drift[0].message
        assert 'section "API Address" (line 34) against "API 地址" (line 25)' in message
        assert "expected 0 list items as in the source, found 2; list items only in the translation: " \
               '"When the API address ends with `/`, only "chat/completions" will be a…"' in message
        assert "code spans only in the translation: `/`, `/`" in message


def test_english_doubao_page_is_stale(findings: list[Finding], corpus_dir: Path) -> None:
    found = _on(findings, corpus_dir, f"i18n/english/{DOUBAO}")
    assert [f.check for f in found] == ["translation.stale"]
    assert 'expected the source\'s section "获取帮助与提交反馈" (line 57)' in found[0].message
    # same claims otherwise: the links to the settings page's #api-di-zhi map across spaces
    assert "link" not in found[0].message


def test_no_flood(findings: list[Finding], site: Site) -> None:
    counts = Counter(f.check for f in findings)
    parity = sum(n for check, n in counts.items() if check.startswith("parity."))
    assert parity <= 30, counts
    assert counts["translation.stale"] <= len(pairing_for(site).pairs)
    per_page = Counter((f.path, f.check) for f in findings if f.severity.value == "warning")
    assert max(per_page.values()) == 1          # warnings come one per page and kind
