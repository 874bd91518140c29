"""Trees of other site generators read without mkdocs.yml: Docusaurus, Hugo, VitePress in a repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docverify.cli import main
from docverify.page.parse import parse_page
from docverify.site.config import folder_config
from docverify.site.layouts import read_tree
from tests.site.site_helpers import findings_in, write_pages as _write
from tests.site.test_folder_language import PROSE, _vitepress


def _found(out: str, root: Path) -> list[tuple[str, str, str]]:
    """(check, path from `root`, message) of each finding in `check --format json` output."""
    return [(check, path, message) for check, path, message, _ in findings_in(out, root)]


def _docusaurus(root: Path, config: str = "module.exports = {i18n: {defaultLocale: 'en', "
                                          "locales: ['en', 'zh-Hans', 'ja']}};\n") -> Path:
    """docs/ the source; each locale under i18n/<locale>/docusaurus-plugin-content-docs/current/."""
    zh = "i18n/zh-Hans/docusaurus-plugin-content-docs/current"
    ja = "i18n/ja/docusaurus-plugin-content-docs/current"
    _write(root, {
        "docusaurus.config.js": config,
        "README.md": "# Website\n\nThis website is built using Docusaurus, a modern static website generator.\n",
        "docs/intro.md": "# Intro\n\n![logo](/img/logo.png)\n\nSee [setup](guide/setup.md).\n\n" + PROSE["en"] + "\n",
        "docs/guide/setup.md": "# Setup\n\n" + PROSE["en"] + "\n",
        f"{zh}/intro.md": "# 介绍\n\n![logo](/img/logo.png)\n\n见 [设置](guide/setup.md)。\n\n" + PROSE["zh-Hant"] + "\n",
        f"{zh}/guide/setup.md": "# 设置\n\n" + PROSE["zh-Hant"] + "\n",
        f"{ja}/intro.md": "# はじめに\n\n![logo](/img/logo.png)\n\n" + PROSE["ja"] + "\n",
        "i18n/ja/code.json": "{}\n",
        "static/img/logo.png": "",
    })
    return root


def test_docusaurus_pairs_docs_with_each_locales_translation(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = _docusaurus(tmp_path)
    tree = read_tree(root)
    assert (tree.kind, tree.source) == ("docusaurus", "en")
    assert dict(tree.folders) == {"i18n/ja/docusaurus-plugin-content-docs/current": "ja",
                                  "i18n/zh-Hans/docusaurus-plugin-content-docs/current": "zh-Hans",
                                  "docs": "en"}
    config = folder_config(root)
    assert config.locate(root / "docs/guide/setup.md") == ("guide/setup.md", "en")
    assert config.locate(root / "i18n/zh-Hans/docusaurus-plugin-content-docs/current/guide/setup.md") \
        == ("guide/setup.md", "zh-Hans")
    assert config.locate(root / "README.md")[1] == ""         # the repository's README is no page of the site
    assert main(["check", str(root), "--format", "json"]) == 0     # warnings only
    found = _found(capsys.readouterr().out, root)
    # Japanese lacks the setup page and the link to it: nothing else (the logo is served from static/)
    assert [(check, path) for check, path, _ in found] == [
        ("parity.link", "i18n/ja/docusaurus-plugin-content-docs/current/intro.md"),
        ("translation.missing", "docs/guide/setup.md")]
    assert "no ja page" in found[1][2]


def test_docusaurus_source_language_from_its_config_or_its_pages(tmp_path: Path) -> None:
    said = _docusaurus(tmp_path / "said", "export default {i18n: {defaultLocale: \"zh-Hans\"}};\n")
    assert read_tree(said).source == "zh-Hans"
    assert read_tree(said, source_lang="en").source == "en"     # --lang decides
    unsaid = _docusaurus(tmp_path / "unsaid", "module.exports = {title: 'X'};\n")
    assert read_tree(unsaid).source == "en"                      # what docs/ is written in


def test_a_static_file_served_from_the_root_is_no_missing_image_but_a_missing_one_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docusaurus(tmp_path)
    (root / "static/img/logo.png").unlink()
    main(["check", str(root), "--format", "json"])
    missing = [(path, message) for check, path, message in _found(capsys.readouterr().out, root)
               if check == "asset.missing"]
    assert len(missing) == 3 and all("img/logo.png" in message for _, message in missing)


def test_hugo_language_folders_under_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _write(tmp_path, {
        "hugo.toml": "defaultContentLanguage = 'en'\n",
        "README.md": "# Theme\n\nThe site of the project, built with Hugo and a documentation theme.\n",
        "content/en/docs/intro.md": "# Intro\n\n" + PROSE["en"] + "\n",
        "content/en/docs/setup.md": "# Setup\n\n" + PROSE["en"] + "\n",
        "content/ja/docs/setup.md": "# 設定\n\n" + PROSE["ja"] + "\n",
        "layouts/partials/head.html": "<meta>\n",
    })
    tree = read_tree(root)
    assert (tree.kind, tree.source, dict(tree.folders)) == ("folders", "en", {"content/en": "en", "content/ja": "ja"})
    assert main(["check", str(root), "--format", "json"]) == 0
    assert main(["status", str(root), "--format", "json"]) == 0
    capsys.readouterr()
    (root / "content/ja/docs/setup.md").unlink()
    (root / "content/ja/docs/intro.md").parent.mkdir(parents=True, exist_ok=True)
    (root / "content/ja/docs/intro.md").write_text("# はじめに\n\n" + PROSE["ja"] + "\n", encoding="utf-8")
    main(["check", str(root), "--format", "json"])
    found = [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)]
    assert found == [("translation.missing", "content/en/docs/setup.md")]


def test_vitepress_docs_folder_in_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _vitepress(tmp_path / "docs")
    _write(tmp_path, {"README.md": "# Project\n\n" + PROSE["en"] + "\n", "src/index.ts": "export {}\n"})
    tree = read_tree(tmp_path)
    assert (tree.kind, tree.source) == ("folders", "en")
    assert dict(tree.folders) == {"docs/ja": "ja", "docs/zh": "zh", "docs": "en"}
    config = folder_config(tmp_path)
    assert config.locate(tmp_path / "docs/zh/guide/setup.md") == ("guide/setup.md", "zh")
    assert config.locate(tmp_path / "docs/guide/setup.md") == ("guide/setup.md", "en")
    assert config.locate(tmp_path / "README.md")[1] == ""
    assert main(["check", str(tmp_path), "--format", "json"]) == 1
    found = [(check, path) for check, path, _ in _found(capsys.readouterr().out, tmp_path)]
    assert ("translation.missing", "docs/guide/setup.md") in found
    assert ("link.broken", "docs/ja/index.md") in found
    assert not any(path == "README.md" for _, path in found)


def test_two_folders_below_the_root_with_language_sites_is_no_guess(tmp_path: Path) -> None:
    _vitepress(tmp_path / "docs")
    _vitepress(tmp_path / "website")
    assert read_tree(tmp_path).kind == "plain"


def test_sections_named_like_languages_one_folder_down_are_no_language_site(tmp_path: Path) -> None:
    _write(tmp_path, {f"docs/{section}/{page}": f"# {page}\n\n" + PROSE["en"] + "\n"
                      for section in ("it", "ml") for page in ("index.md", "setup.md")})
    assert read_tree(tmp_path).kind == "plain"


def _readmes(root: Path) -> Path:
    """A repository whose README and guide are translated beside themselves, under marked names."""
    return _write(root, {
        "README.md": "# Tool\n\nRead it [in Chinese](README.zh-CN.md).\n\n" + PROSE["en"] + "\n",
        "README.zh-CN.md": "# 工具\n\n" + PROSE["zh-Hant"] + "\n",
        "README_JP.md": "# ツール\n\n" + PROSE["ja"] + "\n",
        "docs/guide.md": "# Guide\n\n## Install\n\n" + PROSE["en"] + "\n",
        "docs/guide-pt-BR.md": "# Guia\n\n" + PROSE["pt"] + "\n",
        "docs/setup.md": "# Setup\n\n" + PROSE["en"] + "\n",
        "docs/setup_it.md": "# Setup for IT\n\n" + PROSE["en"] + "\n",   # a page of its own, in English
        "src/main.py": "print('x')\n",
    })


def test_translations_named_beside_their_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _readmes(tmp_path)
    tree = read_tree(root)
    assert (tree.kind, tree.source) == ("suffixed", "en")
    assert dict(tree.markers) == {".zh-CN": "zh-CN", "_JP": "ja", "-pt-BR": "pt-BR"}
    config = folder_config(root)
    assert config.locate(root / "README_JP.md") == ("README.md", "ja")
    assert config.locate(root / "docs/guide-pt-BR.md") == ("docs/guide.md", "pt-BR")
    assert config.locate(root / "docs/setup_it.md") == ("docs/setup_it.md", "en")
    assert config.path_for("README.md", "zh-CN") == root / "README.zh-CN.md"
    assert config.path_for("docs/guide.md", "ja") == root / "docs/guide_JP.md"      # where it would go
    main(["check", str(root), "--format", "json"])
    found = _found(capsys.readouterr().out, root)
    # the README lacks its Portuguese version, the guide its Chinese and Japanese ones, the
    # Portuguese guide its "Install" section, the two README translations the link to Chinese;
    # setup.md, translated into nothing, is expected in no language, and setup_it.md is its own page
    assert [(check, path) for check, path, _ in found] == [
        ("parity.link", "README.zh-CN.md"), ("parity.link", "README_JP.md"),
        ("translation.missing", "README.md"), ("translation.missing", "docs/guide.md"),
        ("translation.stale", "docs/guide-pt-BR.md")]
    assert "no pt-BR page (e.g. " in found[2][2] and found[2][2].endswith("/README-pt-BR.md)")
    assert "no zh-CN, ja page" in found[3][2]


def test_a_marked_name_in_the_pages_own_language_is_no_translation(tmp_path: Path) -> None:
    _write(tmp_path, {"setup.md": "# Setup\n\n" + PROSE["en"] + "\n",
                      "setup_it.md": "# Setup for IT\n\n" + PROSE["en"] + "\n",
                      "notes.md": "# Notes\n\n" + PROSE["en"] + "\n",
                      "notes-old.md": "# Old notes\n\n" + PROSE["en"] + "\n"})
    assert read_tree(tmp_path).kind == "plain"


def test_docusaurus_mdx_pages_and_links_by_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docusaurus(tmp_path)
    mdx = ("import Tabs from '@theme/Tabs'\nimport {{\n  TabItem,\n}} from '@theme/TabItem';\n\n# {title}\n\n"
           "<Tabs>\n<TabItem value=\"py\" label=\"Python\">\n\n```python\nprint('hi')\n```\n\n"
           "</TabItem>\n</Tabs>\n\n{prose}\n\n{links}\n")
    links = "[Setup](guide/setup) and [intro](./intro.md) and [API](./api.mdx)"
    _write(root, {
        "docs/tabs.mdx": mdx.format(title="Tabs", prose=PROSE["en"], links=links),
        "i18n/zh-Hans/docusaurus-plugin-content-docs/current/tabs.mdx":
            mdx.format(title="标签", prose=PROSE["zh-Hant"], links=links.replace("Setup", "设置")),
        "i18n/ja/docusaurus-plugin-content-docs/current/tabs.mdx":
            mdx.format(title="タブ", prose=PROSE["ja"], links=links),
    })
    config = folder_config(root)
    assert config.locate(root / "i18n/ja/docusaurus-plugin-content-docs/current/tabs.mdx") == ("tabs.mdx", "ja")
    main(["check", str(root), "--format", "json"])
    found = [(check, path, message) for check, path, message in _found(capsys.readouterr().out, root)
             if "tabs" in path]
    # the pages are read (three of them) and paired, their imports are no untranslated prose;
    # `guide/setup` is a URL Docusaurus serves docs/guide/setup.md at (to Japanese readers too,
    # from the default locale); `./api.mdx` names no file in any language
    assert [(check, path) for check, path, _ in found] == [
        ("link.broken", "docs/tabs.mdx"),
        ("link.broken", "i18n/ja/docusaurus-plugin-content-docs/current/tabs.mdx"),
        ("link.broken", "i18n/zh-Hans/docusaurus-plugin-content-docs/current/tabs.mdx")]
    assert all("'./api.mdx'" in message for _, _, message in found)
    page = parse_page(root / "docs/tabs.mdx", config)
    assert [h.text for h in page.headings] == ["Tabs"] and page.headings[0].line == 6
    assert "import" not in page.source.split("# Tabs")[0]
    assert "print('hi')" in page.code_blocks[0].text


def test_starlight_docs_three_folders_down(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = "src/content/docs"
    root = _write(tmp_path, {
        "astro.config.mjs": "export default {};\n",
        "README.md": "# Starlight site\n\n" + PROSE["en"] + "\n",
        "src/components/Card.astro": "<div />\n",
        f"{docs}/index.mdx": "---\ntitle: Home\n---\nimport { Card } from '@astrojs/starlight/components';\n\n"
                             + PROSE["en"] + "\n",
        f"{docs}/guides/setup.md": "# Setup\n\n" + PROSE["en"] + "\n",
        f"{docs}/zh-cn/index.mdx": "---\ntitle: 首页\n---\nimport { Card } from '@astrojs/starlight/components';\n\n"
                                   + PROSE["zh-Hant"] + "\n",
        f"{docs}/zh-cn/guides/setup.md": "# 设置\n\n" + PROSE["zh-Hant"] + "\n",
        f"{docs}/ja/index.mdx": "---\ntitle: ホーム\n---\n\n" + PROSE["ja"] + "\n",
    })
    tree = read_tree(root)
    assert (tree.kind, tree.source) == ("folders", "en")
    assert dict(tree.folders) == {f"{docs}/ja": "ja", f"{docs}/zh-cn": "zh-CN", docs: "en"}
    main(["check", str(root), "--format", "json"])
    found = [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)]
    assert found == [("translation.missing", f"{docs}/guides/setup.md")]


def test_check_with_no_arguments_reads_the_site_it_stands_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = _docusaurus(tmp_path / "site")
    monkeypatch.chdir(root)
    assert main(["check", "--format", "json"]) == 0
    found = [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)]
    assert ("translation.missing", "docs/guide/setup.md") in found
    plain = tmp_path / "notes"
    _write(plain, {"a.md": "# A\n\n" + PROSE["en"] + "\n"})
    monkeypatch.chdir(plain)
    assert main(["check"]) == 2
    assert "no mkdocs.yml in" in capsys.readouterr().err


def test_a_page_given_alone_is_checked_within_its_whole_site(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = _docusaurus(tmp_path / "site")      # as a pre-commit hook passes a changed page
    main(["check", str(root / "docs/guide/setup.md"), "--format", "json"])
    found = [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)]
    assert found == [("translation.missing", "docs/guide/setup.md")]
    (root / "docusaurus.config.js").unlink()
    (root / ".git").mkdir()                    # no config file: the repository is the site's root
    main(["check", str(root / "docs/guide/setup.md"), "--format", "json"])
    assert [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)] == found


def test_status_with_no_arguments_reads_the_site_it_stands_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(_docusaurus(tmp_path))
    assert main(["status"]) == 0
    assert "1 missing" in capsys.readouterr().out
