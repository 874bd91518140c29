"""Fixtures every test folder shares: where the repo, its docs and the shared corpus are."""

from __future__ import annotations

from pathlib import Path

import pytest

# The plugin tests drive pytest itself; pytest reads this only from the top-level conftest.
pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "cherry-studio-docs"
SEED = SHARED / "seed" / "doubao.bn.gitbook.md"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real GitBook tree, read in place; tests that need it skip when it is absent."""
    if not (CORPUS / "SUMMARY.md").is_file():
        pytest.skip(f"the shared corpus is absent ({CORPUS}); it is read in place, never copied")
    return CORPUS


@pytest.fixture(scope="session")
def seed_file() -> Path:
    if not SEED.is_file():
        pytest.skip(f"the seed document is absent ({SEED})")
    return SEED
