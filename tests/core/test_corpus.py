"""On the real GitBook corpus (read in place): doubao claims in zh/en/ja, counterparts, pinyin anchors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docverify.pageset.site import load_site

pytestmark = pytest.mark.corpus

DOUBAO = "pre-basic/providers/doubao.md"
ARK = "https://ark.cn-beijing.volces.com/api/v3/"


@pytest.fixture(scope="module")
def site(corpus_dir: Path):  # type: ignore[no-untyped-def]
    return load_site([corpus_dir])


@pytest.mark.parametrize(("lang", "lines"), [("zh", (44, 45)), ("en", (52, 53)), ("ja", (52, 53))])
def test_doubao_endpoints(site, lang: str, lines: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    claims = site.get(DOUBAO, lang)
    assert claims is not None and claims.page.lang == lang
    assert [(e.url, e.line, e.kind) for e in claims.endpoints] == [
        (ARK, lines[0], "address"), (ARK + "chat/completions#", lines[1], "address")]
    # console and docs links on the same page are not endpoints
    assert any("console.volcengine.com" in link.target for link in claims.links)


def test_doubao_notice_and_counterparts(site) -> None:  # type: ignore[no-untyped-def]
    zh = site.get(DOUBAO)
    en = site.counterpart(zh.page, "en")
    assert en is not None and en.page.path.endswith("i18n/english/" + DOUBAO)
    assert site.source_of(en.page) is zh and site.source_of(zh.page) is None
    assert [a.machine_translated for a in en.page.admonitions] == [True, False]
    assert not any(a.machine_translated for a in zh.page.admonitions)
    ja = site.counterpart(zh.page, "ja")
    assert ja is not None and ja.page.admonitions[0].machine_translated


def test_pinyin_anchor_resolves_in_the_chinese_source(site, corpus_dir: Path) -> None:  # type: ignore[no-untyped-def]
    zh = site.get(DOUBAO)
    link = next(link for link in zh.links if link.target.endswith("#api-di-zhi"))
    target = site.get(str(corpus_dir / "pre-basic/settings/providers.md"))
    assert link.line == 50 and "api-di-zhi" in target.page.anchors()
    en_target = site.get(str(corpus_dir / "i18n/english/cherrystudio/preview/settings/providers.md"))
    assert "api-di-zhi" not in en_target.page.anchors()   # the defect SOURCE.md lists


def test_whole_corpus_loads(site, corpus_dir: Path) -> None:  # type: ignore[no-untyped-def]
    files = sorted(corpus_dir.rglob("*.md"))
    assert len(site) == len(files)
    assert [c.page.path for c in site] == sorted({c.page.path for c in site}, key=[c.page.path for c in site].index)
    assert {c.page.lang for c in site} == {"zh", "en", "ja"}
    assert not [f for c in site for f in c.page.parse_findings]


def test_extract_command_json(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from docverify.commands import extract as command

    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    assert command.run(parser.parse_args([str(corpus_dir / DOUBAO), "--format", "json"])) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1 and len(data["pages"]) == 1
    page = data["pages"][0]
    assert list(page) == ["path", "lang", "title", "endpoints", "model_ids", "curl", "links", "images",
                          "headings"]
    assert page["lang"] == "zh" and page["title"] == "火山引擎"
    assert page["endpoints"][0] == {"url": ARK, "line": 44}
    assert {"text": "API 地址", "anchor": "api-di-zhi", "line": 40} in page["headings"]
    assert {"src": "../../.gitbook/assets/image (1) (1) (2).png", "line": 6} == page["images"][0]
