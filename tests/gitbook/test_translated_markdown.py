"""Markdown translated docs use (footnotes, task lists, math, figures inside HTML) renders after import."""

from __future__ import annotations

import os
from pathlib import Path

from docverify.gitbook import import_gitbook
from docverify.page.parse import parse_text
from tests.gitbook.layout_trees import PNG, write

PAGE = """# Home

A claim with a footnote.[^1] And a named one[^note].

- [x] done task
- [ ] open task

Inline math $$E = mc^2$$ and a block:

$$
\\int_0^1 x^2 dx
$$

<div><figure><img src=".gitbook/assets/pic.png" alt="a picture"><figcaption><p>Caption</p></figcaption></figure></div>

<div align="center">
<figure><img src=".gitbook/assets/pic.png" alt="nested"><figcaption>Below</figcaption></figure>
</div>

<figure><img src=".gitbook/assets/pic.png" alt="top"><figcaption>Top level</figcaption></figure>

[^1]: The footnote text, see [the guide](https://example.com/guide).
[^note]: Named footnote.
"""


def test_imported_constructs_render_not_as_text(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    src = write(tmp_path / "src", {"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n", "README.md": PAGE,
                                   ".gitbook/assets/pic.png": PNG})
    tally = import_gitbook(src, tmp_path / "site")
    assert {"footnote", "task-list", "math"} <= set(tally.converted)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(tmp_path / "site/mkdocs.yml"), site_dir=str(tmp_path / "html")))
    html = (tmp_path / "html/index.html").read_text(encoding="utf-8")
    for literal in ("[^1]", "[^note]", "[x] done", "![a picture]", "![nested]", "$$"):
        assert literal not in html, literal
    assert html.count('class="footnote-ref"') == 2 and html.count("task-list-item") >= 2
    assert 'class="arithmatex"' in html
    assert html.count('src="assets/zh/pic.png"') == 3    # every figure shows its picture


def test_parse_reads_footnotes_task_lists_and_math() -> None:
    page = parse_text(PAGE)
    assert "https://example.com/guide" in [link.target for link in page.links]   # a link inside a footnote
    assert not [link for link in page.links if link.target.startswith("^")]
    assert [i.src for i in page.images] == [".gitbook/assets/pic.png"] * 3
