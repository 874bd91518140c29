"""translation.stale from git history (one `git log` for the whole docs dir) and from source_hash."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from docverify.checks import run_checks
from docverify.model import Finding
from docverify.pageset.site import Site
from docverify.translations.staleness import claims_hash

from .sitefixture import commit_all, make_site, open_site

CASES = Path(__file__).parent / "cases"
ZH = (CASES / "reworded-prose-only.zh.md").read_text(encoding="utf-8")
BN = (CASES / "reworded-prose-only.bn.md").read_text(encoding="utf-8")
DAY = 86_400
T0 = 1_700_000_000


def stale(root: Path) -> list[Finding]:
    here = os.getcwd()
    os.chdir(root)
    try:
        return [f for f in run_checks(open_site(root), groups={"parity"}) if f.check == "translation.stale"]
    finally:
        os.chdir(here)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_site(tmp_path, {"p.zh.md": ZH, "p.bn.md": BN})
    commit_all(root, "page and translation", T0)
    return root


def test_source_claims_changed_after_the_translation(repo: Path) -> None:
    (repo / "docs/p.zh.md").write_text(ZH.replace("api/v3/`", "api/v4/`"), encoding="utf-8")
    commit_all(repo, "new address", T0 + 30 * DAY)
    found = stale(repo)
    assert [(f.path, f.line) for f in found] == [("docs/p.bn.md", 1)]
    assert "2023-12-14" in found[0].message and "last updated 2023-11-14" in found[0].message
    assert "git diff" in found[0].hint


def test_prose_edit_to_the_source_stales_nothing(repo: Path) -> None:
    (repo / "docs/p.zh.md").write_text(ZH.replace("本页说明", "这一页介绍"), encoding="utf-8")
    commit_all(repo, "reword", T0 + DAY)
    assert stale(repo) == []


def test_translation_updated_after_the_source(repo: Path) -> None:
    (repo / "docs/p.zh.md").write_text(ZH.replace("api/v3/`", "api/v4/`"), encoding="utf-8")
    commit_all(repo, "new address", T0 + DAY)
    (repo / "docs/p.bn.md").write_text(BN.replace("api/v3/`", "api/v4/`"), encoding="utf-8")
    commit_all(repo, "translation follows", T0 + 2 * DAY)
    assert stale(repo) == []


def test_history_is_read_with_one_git_log(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5):
        (repo / f"docs/q{n}.zh.md").write_text(ZH, encoding="utf-8")
        (repo / f"docs/q{n}.bn.md").write_text(BN, encoding="utf-8")
    commit_all(repo, "more pages", T0 + DAY)
    for n in range(5):
        (repo / f"docs/q{n}.zh.md").write_text(ZH.replace("api/v3/`", "api/v4/`"), encoding="utf-8")
    commit_all(repo, "new address everywhere", T0 + 2 * DAY)
    calls: list[list[str]] = []
    real = subprocess.run

    def spy(args, *a, **k):  # type: ignore[no-untyped-def]
        calls.append(list(args))
        return real(args, *a, **k)
    monkeypatch.setattr(subprocess, "run", spy)
    assert len(stale(repo)) == 5
    assert sum("log" in c for c in calls) == 1
    assert sum("cat-file" in c for c in calls) == 1


def _hash(root: Path) -> tuple[Site, str]:
    site = open_site(root)
    source = site.get(str(root / "docs/p.zh.md"))
    assert source is not None
    return site, claims_hash(source, site)


def test_source_hash_in_front_matter(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"p.zh.md": ZH, "p.bn.md": BN})
    _, digest = _hash(root)
    recorded = BN.replace("---\n", f'---\nsource_hash: "{digest}"\n', 1)
    (root / "docs/p.bn.md").write_text(recorded, encoding="utf-8")
    assert stale(root) == []
    (root / "docs/p.zh.md").write_text(ZH.replace("本页说明", "这一页介绍"), encoding="utf-8")
    assert stale(root) == []                                  # prose: same claims, same hash
    (root / "docs/p.zh.md").write_text(ZH.replace("deepseek-v3-250324", "deepseek-v3-1-250821"), encoding="utf-8")
    found = stale(root)
    assert len(found) == 1 and digest in found[0].message
    assert "--mark-reviewed docs/p.bn.md" in found[0].hint


def test_hash_ignores_prose_and_sees_claims(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"p.zh.md": ZH})
    _, first = _hash(root)
    (root / "docs/p.zh.md").write_text(ZH.replace("预设地址是", "默认的地址为"), encoding="utf-8")
    assert _hash(root)[1] == first
    for old, new in (("api/v3/`", "api/v4/`"), ("img/key.png", "img/key2.png"), ("#api-di-zhi", "#other"),
                     ('"doubao-seed-1-6-251015", "messages"', '"doubao-seed-1-6-250615", "messages"'),
                     ("- 打开", "- 先打开 `x-1`，再打开")):
        (root / "docs/p.zh.md").write_text(ZH.replace(old, new), encoding="utf-8")
        assert _hash(root)[1] != first, new


def test_file_names_outside_ascii(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"免费联网.zh.md": ZH, "免费联网.bn.md": BN})
    commit_all(root, "pages", T0)
    (root / "docs/免费联网.zh.md").write_text(ZH.replace("api/v3/`", "api/v4/`"), encoding="utf-8")
    commit_all(root, "new address", T0 + DAY)
    assert [f.path for f in stale(root)] == ["docs/免费联网.bn.md"]
