"""The collector is paused while pages are checked and cassettes read, and always comes back."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from docverify.collector import collector_paused


def test_the_collector_is_paused_while_pages_are_checked_and_restored_after(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import docverify.checks as checks
    from docverify.pageset.site import load_site
    from docverify.site.config import load_config
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    seen: list[bool] = []

    def records_the_collector(claims: object, site: object) -> list[object]:
        seen.append(gc.isenabled())
        return []
    monkeypatch.setattr(checks, "CHECKS", (("probe", records_the_collector),))
    site = load_site((), load_config(str(tmp_path / "mkdocs.yml")))
    assert gc.isenabled()
    checks.run_checks(site)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        checks.run_checks(site)          # a caller that paused it keeps it paused
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_paused_collector_comes_back_on_when_the_work_raises() -> None:
    with pytest.raises(ZeroDivisionError), collector_paused():
        assert not gc.isenabled()
        1 / 0
    assert gc.isenabled()


def test_a_recorded_cassette_is_read_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    import docverify.traffic.cassette as cassettes
    recorded = sorted((Path(__file__).parents[1] / "cassettes").rglob("*.yaml"))
    assert recorded, "the repository's recorded cassettes"
    seen: list[bool] = []
    build = cassettes._build

    def recording_build(data: object, where: str) -> cassettes.Cassette:
        seen.append(gc.isenabled())
        return build(data, where)
    monkeypatch.setattr(cassettes, "_build", recording_build)
    assert cassettes.load_cassette(recorded[0]).interactions
    assert seen == [False] and gc.isenabled()
