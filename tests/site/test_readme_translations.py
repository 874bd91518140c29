"""Repositories that translate their README: marked names (README.zh-CN.md, README.cn.md, docs/README_ja.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docverify.cli import main
from docverify.site.config import folder_config
from docverify.site.layouts import read_tree
from tests.site.test_folder_language import PROSE
from tests.site.test_site_generators import _found, _write

_BADGES = ("[![CI](https://github.com/acme/tool/actions/workflows/ci.yml/badge.svg)](https://github.com/acme/tool/actions) "
           "[![PyPI](https://img.shields.io/pypi/v/tool)](https://pypi.org/project/tool/)\n\n")


def _readme(title: str, switcher: str, prose: str, install: str, see: str, usage: str) -> str:
    return (f"<div align=\"center\">\n\n# {title}\n\n{_BADGES}{switcher}\n\n</div>\n\n{prose}\n\n## {install}\n\n"
            f"```bash\npip install tool\n```\n\n{see}\n\n## {usage}\n\n{prose}\n")


def _repository(root: Path) -> Path:
    """A README in English, Chinese beside it, Japanese in docs/; each opens with the same
    language switcher and badges; CONTRIBUTING.md and CHANGELOG.md are English only."""
    switcher = "[English](README.md) | [简体中文](README.zh-CN.md) | [日本語](docs/README_ja.md)"
    return _write(root, {
        "README.md": _readme("Tool", switcher, PROSE["en"], "Installation", "See [Installation](#installation), "
                             "[Contributing](CONTRIBUTING.md) and the [changelog](CHANGELOG.md).", "Usage"),
        "README.zh-CN.md": _readme("工具", switcher, PROSE["zh-Hant"], "安装", "见 [安装](#安装)、"
                                   "[贡献](CONTRIBUTING.md) 和 [更新日志](CHANGELOG.md)。", "使用方法"),
        "docs/README_ja.md": _readme("ツール", "[English](../README.md) | [简体中文](../README.zh-CN.md) | "
                                     "[日本語](README_ja.md)", PROSE["ja"], "インストール",
                                     "[インストール](#インストール)、[貢献](../CONTRIBUTING.md)、"
                                     "[変更履歴](../CHANGELOG.md) を参照。", "使い方"),
        "CONTRIBUTING.md": "# Contributing\n\n" + PROSE["en"] + "\n",
        "CHANGELOG.md": "# Changelog\n\n## 1.0.0\n\n- First release.\n",
        "src/tool/__init__.py": "",
    })


def test_a_translated_readme_with_its_language_switcher_has_no_finding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repository(tmp_path)
    tree = read_tree(root)
    assert (tree.kind, tree.source, dict(tree.markers)) == ("suffixed", "en", {".zh-CN": "zh-CN", "_ja": "ja"})
    config = folder_config(root)
    assert config.locate(root / "docs/README_ja.md") == ("README.md", "ja")    # the root README's, kept in docs/
    assert config.path_for("README.md", "ja") == root / "docs/README_ja.md"
    # the switcher links every version from every version: no parity noise; #安装 is GitHub's id
    assert main(["check", str(root), "--format", "json"]) == 0
    assert _found(capsys.readouterr().out, root) == []


def test_drift_between_readme_translations_is_still_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repository(tmp_path)
    ja = root / "docs/README_ja.md"
    text = ja.read_text(encoding="utf-8").replace("(#インストール)", "(#install)")
    ja.write_text(text[:text.index("## 使い方")].replace(" | [日本語](README_ja.md)", ""), encoding="utf-8")
    zh = root / "README.zh-CN.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("(CONTRIBUTING.md)", "(CONTRIBUTE.md)"), encoding="utf-8")
    main(["check", str(root), "--format", "json"])
    found = _found(capsys.readouterr().out, root)
    assert [(check, path) for check, path, _ in found] == [
        ("link.anchor", "docs/README_ja.md"), ("link.broken", "README.zh-CN.md"),
        ("parity.link", "README.zh-CN.md"), ("translation.stale", "docs/README_ja.md")]
    stale = found[3][2]
    assert "Usage" in stale and "`README.md`" in stale      # the lost section and the switcher's own entry


def test_the_anchor_hint_names_githubs_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repository(tmp_path)
    zh = root / "README.zh-CN.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("(#安装)", "(#install)"), encoding="utf-8")
    main(["check", str(root), "--format", "json"])
    out = capsys.readouterr().out
    assert [(check, path) for check, path, _ in _found(out, root)] == [
        ("link.anchor", "README.zh-CN.md"), ("parity.link", "README.zh-CN.md")]
    assert "anchors there: #工具, #安装, #使用方法" in out and "#_1" not in out


def test_a_translation_without_the_switcher_lacks_a_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repository(tmp_path)
    zh = root / "README.zh-CN.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace(" | [简体中文](README.zh-CN.md)", ""), encoding="utf-8")
    main(["check", str(root), "--format", "json"])
    assert [(check, path) for check, path, _ in _found(capsys.readouterr().out, root)] == [
        ("parity.link", "README.zh-CN.md")]


@pytest.mark.parametrize(("name", "lang", "code"), [
    ("README.cn.md", "zh-Hant", "zh"), ("README-cn.md", "zh-Hant", "zh"), ("README_jp.md", "ja", "ja"),
    ("README.kr.md", "ko", "ko"),            # kr is Kanuri's code too: the Korean prose decides
    ("README.zh_CN.md", "zh-Hant", "zh-CN"), ("README-CN.md", "zh-Hant", "zh"),
])
def test_a_marker_naming_a_country_is_its_language_when_the_prose_is(tmp_path: Path, name: str, lang: str,
                                                                     code: str) -> None:
    _write(tmp_path, {"README.md": "# Tool\n\n" + PROSE["en"] + "\n", name: "# T\n\n" + PROSE[lang] + "\n"})
    tree = read_tree(tmp_path)
    assert (tree.kind, list(tree.markers.values())) == ("suffixed", [code])
    assert folder_config(tmp_path).locate(tmp_path / name) == ("README.md", code)


def test_a_country_marker_on_a_page_in_another_language_is_no_translation(tmp_path: Path) -> None:
    _write(tmp_path, {"README.md": "# Tool\n\n" + PROSE["en"] + "\n",
                      "README.jp.md": "# T\n\n" + PROSE["ko"] + "\n",      # jp, written in Korean: no reading fits
                      "setup.md": "# Setup\n\n" + PROSE["en"] + "\n",
                      "setup-ai.md": "# Setup for AI\n\n" + PROSE["pt"] + "\n"})   # Anguilla's is English
    assert read_tree(tmp_path).kind == "plain"


def _in_a_language_folder(root: Path) -> Path:
    """The root README translated into docs/zh/README.md and docs/ja/README.md; docs/ holds an
    English guide, and examples/de/README.md a German example's README written in English."""
    switcher = "[English](../../README.md) | [中文](../zh/README.md) | [日本語](../ja/README.md)"
    return _write(root, {
        "README.md": "# Tool\n\n[English](README.md) | [中文](docs/zh/README.md) | [日本語](docs/ja/README.md)\n\n"
                     + PROSE["en"] + "\n\n## Install\n\n" + PROSE["en"] + "\n",
        "docs/zh/README.md": "# 工具\n\n" + switcher + "\n\n" + PROSE["zh-Hant"] + "\n\n## 安裝\n\n"
                             + PROSE["zh-Hant"] + "\n",
        "docs/ja/README.md": "# ツール\n\n" + switcher + "\n\n" + PROSE["ja"] + "\n\n## インストール\n\n"
                             + PROSE["ja"] + "\n",
        "examples/de/README.md": "# German example\n\n" + PROSE["en"] + "\n",
        "docs/usage.md": "# Usage\n\n" + PROSE["en"] + "\n",
    })


def test_a_root_readme_translated_into_language_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _in_a_language_folder(tmp_path)
    tree = read_tree(root)
    assert (tree.kind, tree.source, tree.languages) == ("suffixed", "en", ("en", "ja", "zh"))
    config = folder_config(root)
    assert config.locate(root / "docs/zh/README.md") == ("README.md", "zh")
    assert config.locate(root / "examples/de/README.md") == ("examples/de/README.md", "en")   # a page of its own
    assert config.path_for("README.md", "ja") == root / "docs/ja/README.md"
    assert main(["check", str(root), "--format", "json"]) == 0
    assert _found(capsys.readouterr().out, root) == []
    ja = root / "docs/ja/README.md"
    ja.write_text(ja.read_text(encoding="utf-8").split("## インストール")[0], encoding="utf-8")
    main(["check", str(root), "--format", "json"])
    found = _found(capsys.readouterr().out, root)
    assert [(check, path) for check, path, _ in found] == [("translation.stale", "docs/ja/README.md")]
    assert 'section "Install"' in found[0][2]
