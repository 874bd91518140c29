"""The real Cherry Studio GitBook tree imports whole: nothing crashes, no `{%` goes unreported."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docverify.gitbook import import_gitbook

pytestmark = pytest.mark.corpus
_TAG = re.compile(r"\{%-?\s*[\w-]+")
_FENCE = re.compile(r"^\s*(```|~~~)")


@pytest.fixture(scope="module")
def imported(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("corpus") / "site"
    return out, import_gitbook(corpus_dir, out).to_json()


def _tag_lines(path: Path) -> list[int]:
    """Lines of a page holding a GitBook tag outside inline code spans."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if _TAG.search(re.sub(r"(`+).+?\1", "", line)):
            found.append(number)
    return found


def test_every_page_is_imported(imported: tuple[Path, dict[str, object]], corpus_dir: Path) -> None:
    out, summary = imported
    pages = [p for p in corpus_dir.rglob("*.md") if p.name != "SUMMARY.md" and ".gitbook" not in p.parts]
    assert summary["pages"] == len(pages) == 347
    assert len(list((out / "docs").rglob("*.md"))) == 347


def test_no_gitbook_tag_is_left_unreported(imported: tuple[Path, dict[str, object]]) -> None:
    out, summary = imported
    reported = {u["path"] for u in summary["unconverted"]}  # type: ignore[union-attr]
    left = {p.relative_to(out / "docs").as_posix(): _tag_lines(p) for p in (out / "docs").rglob("*.md")}
    left = {page: lines for page, lines in left.items() if lines}
    # what stays is reported: a page whose fence swallowed its hints, and leaked reasoning
    assert set(left) == {"pre-basic/providers/huawei.ja.md", "cherrystudio/preview/drawing.ja.md",
                         "pre-basic/settings/providers.ja.md"}
    assert {"i18n/japanese/pre-basic/providers/huawei.md",
            "i18n/japanese/.gitbook/includes/Gemini图片生成注意事项.md",
            "i18n/japanese/cherrystudio/preview/settings/providers.md"} <= reported


def test_source_heading_keeps_its_pinyin_anchor(imported: tuple[Path, dict[str, object]]) -> None:
    out, _ = imported
    page = (out / "docs/pre-basic/settings/providers.md").read_text(encoding="utf-8")
    assert "### API 地址 { #api-di-zhi }" in page


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_translations_keep_their_link_to_the_pinyin_anchor(imported: tuple[Path, dict[str, object]],
                                                           lang: str) -> None:
    out, _ = imported
    page = (out / f"docs/pre-basic/providers/doubao.{lang}.md").read_text(encoding="utf-8")
    assert "(../settings/providers.md#api-di-zhi)" in page
    # their own heading no longer yields that anchor, and the import does not pretend it does
    assert "api-di-zhi" not in (out / f"docs/pre-basic/settings/providers.{lang}.md").read_text(encoding="utf-8")


def test_broken_references_are_listed(imported: tuple[Path, dict[str, object]]) -> None:
    _, summary = imported
    broken = sorted((u["path"], u["line"]) for u in summary["unconverted"]  # type: ignore[union-attr]
                    if u["construct"] == "broken-reference")
    assert ("i18n/english/pre-basic/providers/openai.md", 17) in broken
    assert len(broken) == 6


def test_assets_listed_upstream_are_not_broken(imported: tuple[Path, dict[str, object]]) -> None:
    _, summary = imported
    # the copy has no image files; only references no space has (names the translator changed
    # or cut: `image (140.png`) count as asset.missing. References one `../` too far (into the
    # shared i18n/.gitbook/assets or the Chinese space's folder) do not render on GitBook: each is
    # listed, and pointed at the space's own file of that name
    assert summary["missing_assets"] == 5
    left = {(u["path"], u["construct"]) for u in summary["unconverted"]}  # type: ignore[union-attr]
    fixed = summary["fixed_assets"]
    assert len(fixed) == 74 and all((f["path"], "asset.outside-space") in left for f in fixed)  # type: ignore[index, union-attr]
    assert all(f["to"].startswith(f["path"].split("/")[0] + "/" + f["path"].split("/")[1] + "/")  # type: ignore[index]
               for f in fixed)  # type: ignore[union-attr]
    assert ("i18n/english/data-settings/obsidian.md", 135, "asset.missing") in {
        (u["path"], u["line"], u["construct"]) for u in summary["unconverted"]}  # type: ignore[union-attr]


def test_no_translation_shows_another_language_picture(imported: tuple[Path, dict[str, object]]) -> None:
    out, _ = imported
    for page in (out / "docs").rglob("*.md"):
        lang = page.name.split(".")[-2] if page.name.count(".") > 1 else "zh"
        text = page.read_text(encoding="utf-8")
        others = {m for m in re.findall(r"assets/([a-zA-Z-]+)/", text) if m != lang}
        assert not others, (page, others)


def test_imported_corpus_builds(imported: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    out, _ = imported
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "-q", "-d", str(tmp_path / "html")], cwd=out,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'id="api-di-zhi"' in (tmp_path / "html/pre-basic/settings/providers/index.html").read_text(encoding="utf-8")
