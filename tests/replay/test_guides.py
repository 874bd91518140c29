"""This repo's own guides, copied to tmp_path: recorded, replayed clean, and every edit caught in each language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.replay.site_helpers import edit, record_site
from tests.replay.site_helpers import replay_findings as findings

LANGS = ("zh", "en", "bn")
EDITS = {   # what a careless edit looks like, the check it must trip, and the line it must name
    "curl-model": ('"model": "doubao-seed-1-6-251015"', '"model": "doubao-seed-1-6-251016"',
                   "replay.request-drift"),
    "curl-url": ("curl https://ark.cn-beijing.volces.com/api/v3/chat/completions",
                 "curl https://ark.cn-beijing.volces.com/api/v3/chat/completion", "replay.request-drift"),
    "curl-body-field": ('"role": "user"', '"role": "assistant"', "replay.request-drift"),
    "table-model": ("`deepseek-v3-250324`", "`deepseek-v3-250325`", "model.unknown"),
}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    root = tmp_path_factory.mktemp("guides")
    for lang in LANGS:
        source = repo_root / "docs" / "providers" / f"doubao.{lang}.md"
        if not source.is_file():
            pytest.fail(f"{source} is missing: the guides this test protects are gone")
        (root / "docs" / "providers").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / "docs" / "providers" / source.name)
    summary = record_site(root)
    assert summary.count("failed") == 0 and summary.count("recorded") == 6, str(summary)
    return root


@pytest.fixture
def root(offline_copy: Path) -> Path:
    return offline_copy


def test_the_recorded_guides_replay_clean(root: Path) -> None:
    assert findings(root) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(EDITS))
def test_an_edit_fails_at_its_line_in_its_language(root: Path, lang: str, case: str) -> None:
    old, new, check = EDITS[case]
    page = root / "docs" / "providers" / f"doubao.{lang}.md"
    edit(page, old, new)
    changed = next(n for n, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if new in text)
    found = findings(root)
    assert [(f.check, f.path.endswith(page.name), f.line) for f in found] == [(check, True, changed)], found
