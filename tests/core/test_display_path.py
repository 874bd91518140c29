"""display_path: a finding's path relative to the current directory, exactly what os.path.relpath says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docverify.page.parse import display_path

SHAPES = ["docs/a.md", "./docs/../docs/a.md", "{cwd}/docs/x y.png", "{cwd}", "{cwd}/", "{cwd}x/a.md",
          "{parent}/other/a.md", "..", "/", "//{cwd}/a.md", "{cwd}//docs///c.md", "a/./b/../c", "页面/图.png"]


@pytest.mark.parametrize("shape", SHAPES)
def test_display_path_is_relpath(shape: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "site"
    here.mkdir()
    monkeypatch.chdir(here)
    path = shape.format(cwd=here, parent=tmp_path)
    assert display_path(path) == os.path.relpath(path)
    assert display_path(Path(path)) == os.path.relpath(path)


@pytest.mark.parametrize("shape", ["/tmp/a.md", "//tmp/a.md", "tmp", "/"])
def test_display_path_from_the_root(shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(os.sep)
    assert display_path(shape) == os.path.relpath(shape)
