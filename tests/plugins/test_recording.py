"""Record modes (pytest-recording's names): which examples `none`, `once` and `rewrite` record."""

from __future__ import annotations

from pathlib import Path

import pytest

from docverify.errors import RecordError
from docverify.traffic.recording import record_site, to_record
from docverify.pageset.site import load_site
from docverify.site.config import load_config


def test_modes_choose_nothing_the_missing_or_everything(repo_site: Path) -> None:
    config = load_config(repo_site / "mkdocs.yml")
    pages = load_site((), config).pages
    with_examples = [c for c in pages if c.curls]
    assert to_record(pages, "none", config.cassette_dir) == []
    assert to_record(pages, "once", config.cassette_dir) == []          # all recorded already
    assert to_record(pages, "rewrite", config.cassette_dir) == list(pages)
    (config.cassette_dir / "providers" / "doubao.en.0.yaml").unlink()
    once = to_record(pages, "once", config.cassette_dir)
    assert [(c.page.lang, [x.index for x in c.curls]) for c in once] == [("en", [0])]
    assert len(with_examples) == 3


def test_an_unknown_mode_is_an_error(repo_site: Path) -> None:
    with pytest.raises(RecordError, match="unknown record mode 'all'"):
        record_site(load_config(repo_site / "mkdocs.yml"), "all")
