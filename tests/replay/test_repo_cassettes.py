"""The committed cassettes: readable by vcrpy and by us, keyless, and the repo's guides replay clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from vcr.cassette import Cassette as VcrCassette

from docverify.traffic.cassette import load_cassette
from docverify.checks.replay import check_replay
from docverify.emulator import DEFAULT_API_KEY
from docverify.pageset.site import load_site
from docverify.site.config import load_config


def cassettes(repo_root: Path) -> list[Path]:
    found = sorted((repo_root / "tests" / "cassettes").rglob("*.yaml"))
    if not found:
        pytest.fail("tests/cassettes is empty: run `docverify record --target emulator`")
    return found


def test_every_committed_cassette_loads_in_vcrpy_and_docverify(repo_root: Path) -> None:
    for path in cassettes(repo_root):
        ours = load_cassette(path)
        theirs = VcrCassette.load(path=str(path), record_mode="none")
        assert len(theirs) == len(ours.interactions) == 1, path
        assert ours.metadata["recorded_by"] == "docverify" and ours.metadata["target"] in ("emulator", "live")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ours.metadata["recorded_at"])


def test_no_committed_cassette_holds_a_key(repo_root: Path) -> None:
    for path in cassettes(repo_root):
        text = path.read_text(encoding="utf-8")
        assert DEFAULT_API_KEY not in text, path
        assert not re.search(r"Bearer (?!\$\{ARK_API_KEY\}|<redacted>)", text), path


def test_the_repo_guides_replay_clean_offline(repo_root: Path, no_network: list[object]) -> None:
    site = load_site([], load_config(repo_root / "mkdocs.yml"))
    found = [f for claims in site.pages for f in check_replay(claims, site)]
    assert found == [], "\n".join(map(str, found))
