"""Pairing a GitBook tree whose translated space keeps an older structure: path, links, name, SUMMARY."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from docverify.checks import run_checks
from docverify.translations.pairing import pairing_for
from docverify.pageset.site import load_site

ZH_PAGES = {
    "SUMMARY.md": "# Table of contents\n\n* [首页](README.md)\n* [服务商设置](settings/providers.md)\n"
                  "* [火山引擎](guide/doubao.md)\n* [阿尔法](x/alpha.md)\n* [贝塔](new/place/beta.md)\n"
                  "* [OpenAI](guide/openai-new.md)\n* [快捷助手](tools/quick-assistant.md)\n"
                  "* [未翻译](untranslated.md)\n",
    "README.md": "# 首页\n\n- [设置](settings/providers.md)\n- [指南](guide/doubao.md)\n",
    "settings/providers.md": "# 服务商设置\n\n## API 地址\n\n地址以 `/` 结尾。\n",
    "guide/doubao.md": "# 火山引擎\n\n## API 地址\n\n见[服务商设置](../settings/providers.md#api-di-zhi)。\n",
    "x/alpha.md": "# 阿尔法\n\n正文。\n",
    "new/place/beta.md": "# 贝塔\n\n正文。\n",
    "guide/openai-new.md": "# OpenAI\n\n正文。\n",
    "tools/quick-assistant.md": "# 快捷助手\n\n正文。\n",
    "untranslated.md": "# 未翻译\n",
    "SOURCE.md": "# not in SUMMARY: not published, not expected translated\n",
}
EN_PAGES = {
    "SUMMARY.md": "# Table of contents\n\n* [Orphan](orphan.md)\n* [Home](README.md)\n"
                  "* [Provider settings](old/settings-page.md)\n* [Volcano Engine](guide/doubao.md)\n"
                  "* [Alpha](x/old-alpha.md)\n* [Beta](beta.md)\n* [OpenAI](guide/openai.md)\n"
                  "* [Quick assistant](preview/kuai-jie-zhu-shou.md)\n",
    "README.md": "# Home\n\n- [Settings](old/settings-page.md)\n- [Guide](guide/doubao.md)\n",
    "old/settings-page.md": "# Provider settings\n\n## API Address\n\nAn address ending with `/`.\n",
    "guide/doubao.md": "# Volcano Engine\n\n## API Address\n\nSee [settings](../old/settings-page.md#api-di-zhi).\n",
    "x/old-alpha.md": "# Alpha\n\nText.\n",
    "beta.md": "# Beta\n\nText.\n",
    "guide/openai.md": "# OpenAI\n\nText.\n",
    "orphan.md": "# Orphan\n\nNo source.\n",
    "preview/kuai-jie-zhu-shou.md": "# Quick assistant\n\nText.\n",
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for base, pages in ((tmp_path, ZH_PAGES), (tmp_path / "i18n" / "english", EN_PAGES)):
        for name, text in pages.items():
            (base / name).parent.mkdir(parents=True, exist_ok=True)
            (base / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_pairs_by_evidence(tree: Path) -> None:
    site = load_site([tree])
    pairing = pairing_for(site)
    made = {(p.translation, p.source): p.how for p in pairing.pairs}
    en = "i18n/english/"
    assert made == {
        (en + "README.md", "README.md"): "path",
        (en + "guide/doubao.md", "guide/doubao.md"): "path",
        (en + "old/settings-page.md", "settings/providers.md"): "links",
        (en + "beta.md", "new/place/beta.md"): "name",
        (en + "guide/openai.md", "guide/openai-new.md"): "summary-title",
        (en + "preview/kuai-jie-zhu-shou.md", "tools/quick-assistant.md"): "slug",
        (en + "x/old-alpha.md", "x/alpha.md"): "summary-position",
    }
    assert pairing.unpaired_translations == (en + "orphan.md",)
    assert set(pairing.unpaired_sources["en"]) == {"untranslated.md", "SOURCE.md"}


def test_findings_follow_the_pairs(tree: Path) -> None:
    found = {(f.path, f.check) for f in run_checks(load_site([tree]), groups={"parity"})}
    # the moved settings page's #api-di-zhi link is the counterpart of the source's: no parity.link
    assert found == {("untranslated.md", "translation.missing"),
                     (os.path.join("i18n", "english", "orphan.md"), "translation.missing")}


def test_pairs_report(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docverify.cli import main
    assert main(["status", str(tree), "--pairs", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"source": "settings/providers.md", "translation": "i18n/english/old/settings-page.md",
            "lang": "en", "how": "links"} in doc["pairs"]
    assert doc["unpaired_sources"] == {"en": ["untranslated.md"]}        # SOURCE.md is not published
    assert doc["unpaired_translations"] == ["i18n/english/orphan.md"]
    assert main(["status", str(tree), "--pairs"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "7 pairs (2 by path, 1 by links, 1 by name, 1 by slug, 1 by summary-position, 1 by summary-title); "
        "1 source pages with no en page; 1 translated pages with no source")
