"""Fixtures of the plugin tests: pytester, tmp copies of the repo's site and of small fixture sites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


SITES = Path(__file__).parent / "sites"


def copy_repo_site(repo: Path, dest: Path) -> Path:
    """docs/, mkdocs.yml and the cassettes: everything a check or a build of the site reads."""
    shutil.copytree(repo / "docs", dest / "docs")
    shutil.copy2(repo / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(repo / "tests" / "cassettes", dest / "tests" / "cassettes")
    return dest


@pytest.fixture
def repo_site(repo_root: Path, tmp_path: Path) -> Path:
    return copy_repo_site(repo_root, tmp_path / "site")


@pytest.fixture
def fixture_site(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A copy of one of tests/plugins/sites/<name>, by name."""
    def make(name: str, dest: Path | None = None) -> Path:
        target = dest or tmp_path / name
        shutil.copytree(SITES / name, target, dirs_exist_ok=True)
        return target
    return make
