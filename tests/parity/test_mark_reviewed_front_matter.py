"""`status --mark-reviewed` edits front matter it did not write: only the two keys change, or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from docverify.cli import main
from docverify.errors import InputError
from docverify.translations.status import set_front_matter

from .test_status import site_dir  # noqa: F401 - the fixture: a zh source site with bn translations

KEYS = {"source_hash": '"h"', "reviewed": "true"}


def marked(text: str) -> tuple[str, dict[str, object], str]:
    """The page after marking, with its metadata and body as MkDocs reads them."""
    out = set_front_matter(text, KEYS)
    body, meta = get_data(out)
    return out, meta, body


def test_anchors_aliases_and_inline_comments_are_kept() -> None:
    text = ("---\nbase: &h {title: Guide, tags: [a, b]}\ncopy: *h\nreviewed: false  # the translator's note\n"
            "source_hash: \"old\"  # kept by hand\n---\n# Body\n")
    out, meta, body = marked(text)
    assert "&h" in out and "*h" in out and "# the translator's note" in out and "# kept by hand" in out
    assert meta["copy"] == {"title": "Guide", "tags": ["a", "b"]} and meta["reviewed"] is True
    assert meta["source_hash"] == "h" and body == "# Body\n"


def test_a_fence_with_a_trailing_space_is_edited_not_doubled() -> None:
    out, meta, body = marked("--- \ntitle: x\n---  \n# Body\n")
    assert out.count("---") == 2 and meta == {"title": "x", "source_hash": "h", "reviewed": True}
    assert body == "# Body\n"


def test_a_page_starting_with_a_horizontal_rule_keeps_it() -> None:
    text = "---\n\n# Title\n\nSome text.\n\n---\n\nMore.\n"
    out, meta, body = marked(text)
    assert meta == {"source_hash": "h", "reviewed": True} and body == text


def test_a_duplicate_reviewed_key_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="names a key twice"):
        set_front_matter("---\nreviewed: false\ntitle: x\nreviewed: false\n---\n# B\n", KEYS)


def test_multimarkdown_metadata_would_change_so_nothing_is_written() -> None:
    # No YAML fence: MkDocs reads `Title:` lines as metadata; a new block would hide them.
    with pytest.raises(InputError, match="other metadata"):
        set_front_matter("Title: Guide\nAuthor: me\n\n# Body\n", KEYS)


def test_the_result_always_reads_back_as_only_the_two_keys_changed() -> None:
    for text in ("# T\n", "---\na: 1\n---\n", "---\na: [1, 2]\nb: {c: d}\n...\nbody\n", "\n\n---\nx: 1\n---\n"):
        before_body, before = get_data(text)
        out, meta, body = marked(text)
        assert {k: v for k, v in meta.items() if k not in KEYS} == before
        assert body.lstrip("\n") == before_body.lstrip("\n") and meta["reviewed"] is True


def test_a_symlinked_translation_is_written_through(site_dir: Path) -> None:  # noqa: F811
    page = site_dir / "docs" / "mt.bn.md"
    real = site_dir / "translations" / "mt.bn.md"
    real.parent.mkdir()
    os.replace(page, real)
    page.symlink_to(os.path.relpath(real, page.parent))
    assert main(["status", "--mark-reviewed", str(page)]) == 0
    assert page.is_symlink() and os.path.samefile(page, real)
    assert get_data(real.read_text(encoding="utf-8"))[1]["reviewed"] is True


def test_a_duplicate_key_on_disk_leaves_the_page_as_it_was(site_dir: Path,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    page = site_dir / "docs" / "mt.bn.md"
    text = "---\nreviewed: false\nreviewed: false\n---\n" + page.read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    assert main(["status", "--mark-reviewed", str(page)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("error: ") and "twice" in err[0] and err[1].startswith("hint: ")
    assert page.read_text(encoding="utf-8") == text
