"""mkdocs-static-i18n's folder layout with fallback_to_default: findings only where the built site shows nothing.

The fixture is built with the real mkdocs and mkdocs-static-i18n, so "served by fallback"
is what the build wrote, not what this module believes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from docverify.cli import main
from docverify.site.config import load_config
from tests.gitbook.layout_trees import PNG, write

CONFIG = """site_name: fallback
site_url: https://docs.example.com/
theme: {{name: mkdocs}}
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: {fallback}
      languages:
        - {{locale: en, default: true, name: English}}
        - {{locale: ja, name: 日本語}}
        - {{locale: de, name: Deutsch}}
"""


def _site(root: Path, *, default_in_folder: bool, fallback: bool = True) -> Path:
    home = "docs/en/" if default_in_folder else "docs/"
    files: dict[str, str | bytes] = {
        "mkdocs.yml": CONFIG.format(fallback="true" if fallback else "false"),
        f"{home}index.md": "# Home\n\n[Guide](guide/start.md) and [limits](/context-length/).\n"
                           "[Sitemap](/sitemap.xml), [search](search/search_index.json)\n",
        f"{home}context-length.md": "# Context length\n",
        f"{home}guide/start.md": "# Start\n\n![shot](img/shot.png)\n\n"
                                 '<div><figure><img src="img/wide.png" alt="wide"></figure></div>\n\n'
                                 "[More](more.md)\n",
        f"{home}guide/more.md": "# More\n",
        f"{home}guide/img/shot.png": PNG,
        f"{home}guide/img/wide.png": PNG,
        "docs/ja/index.md": "# ホーム\n\n[ガイド](guide/start.md)\n",
        "docs/ja/guide/start.md": "# 開始\n\n![shot](img/shot.png)\n\n"
                                  '<div><figure><img src="img/wide.png" alt="wide"></figure></div>\n\n'
                                  "[More](more.md)\n\n![gone](img/nowhere.png)\n",
        "docs/de/index.md": "# Start\n\n[Anleitung](guide/start.md)\n",
        "docs/de/guide/start.md": "# Start\n\n![shot](img/shot.png)\n",
        "docs/de/guide/img/shot.png": PNG,     # a translation's own picture wins
    }
    return write(root, files)


def _findings(site: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code = main(["check", "--config", str(site / "mkdocs.yml"), "--format", "json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return list(json.loads(out)["findings"])


@pytest.mark.parametrize("default_in_folder", [False, True], ids=["default-at-root", "default-in-folder"])
def test_fallback_serves_what_a_translation_lacks(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  default_in_folder: bool) -> None:
    site = _site(tmp_path, default_in_folder=default_in_folder)
    config = load_config(site / "mkdocs.yml")
    assert config.layout == "folder" and config.fallback
    assert config.locate(site / "docs/ja/guide/start.md") == ("guide/start.md", "ja")
    assert config.locate(site / ("docs/en/index.md" if default_in_folder else "docs/index.md")) == ("index.md", "en")
    findings = _findings(site, capsys)
    missing = [(f["path"], f["line"]) for f in findings if f["check"] == "asset.missing"]
    # line 5: raw HTML, which MkDocs never rewrites, so no fallback serves it; line 9: nobody has it
    assert [(str(p).rsplit("docs/", 1)[-1], line) for p, line in missing] == [("ja/guide/start.md", 5),
                                                                             ("ja/guide/start.md", 9)]
    assert not [f for f in findings if f["check"] in ("link.broken", "link.anchor")], findings


def test_the_build_shows_exactly_the_images_not_reported(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The real build agrees: in the Japanese page, the images the built HTML cannot show are
    the ones reported, and the fallback ones are shown from the default language's files."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config

    site = _site(tmp_path, default_in_folder=True)
    build(mkdocs_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / "out")))
    html = (tmp_path / "out/ja/guide/start/index.html").read_text(encoding="utf-8")
    page_dir = tmp_path / "out/ja/guide/start"
    tags = re.findall(r"<img\b[^>]*>", html)
    shown = {re.search(r'alt="([^"]*)"', tag).group(1):  # type: ignore[union-attr]
             (page_dir / re.search(r'src="([^"]*)"', tag).group(1)).resolve().is_file()  # type: ignore[union-attr]
             for tag in tags}
    assert shown == {"shot": True, "wide": False, "gone": False}, html
    reported = {f["line"] for f in _findings(site, capsys)
                if f["check"] == "asset.missing" and str(f["path"]).endswith("ja/guide/start.md")}
    assert reported == {5, 9}     # wide (line 5) and gone (line 9); shot is served by fallback
    assert (tmp_path / "out/ja/guide/more/index.html").is_file()    # the page falls back too
    assert (tmp_path / "out/sitemap.xml").is_file() and (tmp_path / "out/context-length/index.html").is_file()


def test_without_fallback_a_missing_image_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path, default_in_folder=False, fallback=False)
    missing = [f for f in _findings(site, capsys) if f["check"] == "asset.missing"]
    assert len(missing) == 3 and all("ja/guide/start.md" in str(f["path"]) for f in missing)


def test_site_root_links_outside_site_url_are_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path, default_in_folder=False)
    yml = site / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("docs.example.com/", "example.com/docs/"),
                   encoding="utf-8")
    broken = [f for f in _findings(site, capsys) if f["check"] == "link.broken"]
    assert [(str(f["path"]).rsplit("docs/", 1)[-1], f["line"]) for f in broken] == [("index.md", 3), ("index.md", 4)]
    assert "'/context-length/', which leaves the site" in str(broken[0]["message"])
    assert "/docs/context-length/" in str(broken[0]["hint"])
