"""The hand-written GitBook space, copied without its `.expected.md` files (they are not pages)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def gitbook_space(tmp_path: Path) -> Path:
    src = tmp_path / "space"
    shutil.copytree(FIXTURES, src, ignore=shutil.ignore_patterns("*.expected.md"))
    return src
