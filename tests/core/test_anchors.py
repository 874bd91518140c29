"""Anchors: Python-Markdown's toc slugify (checked against a real MkDocs build) and GitBook pinyin."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from docverify.page.anchors import gitbook_anchor, mkdocs_anchor, split_attr_list, unique_anchor
from docverify.page.parse import parse_text


@pytest.mark.parametrize(("text", "anchor"), [
    ("API Address", "api-address"),
    ("API 地址", "api"),                  # toc drops every non-ASCII character
    ("火山引擎", ""),
    ("API কী সংগ্রহ করুন", "api"),
    ("Überblick & Details", "uberblick-details"),
    ("什么是 MCP（Model Context Protocol）", "mcpmodel-context-protocol"),   # NFKD folds （ to (
    ("  a -- b  ", "a-b"),
])
def test_mkdocs_anchor(text: str, anchor: str) -> None:
    assert mkdocs_anchor(text) == anchor


@pytest.mark.parametrize(("text", "anchor"), [
    ("API 地址", "api-di-zhi"),
    ("什么是 MCP（Model Context Protocol）", "shen-me-shi-mcpmodel-context-protocol"),
    ("控制台报错查看方法", "kong-zhi-tai-bao-cuo-cha-kan-fang-fa"),
    ("默认助手模型", "mo-ren-zhu-shou-mo-xing"),
    ("Obtain API Key", "obtain-api-key"),
])
def test_gitbook_anchor(text: str, anchor: str) -> None:
    assert gitbook_anchor(text) == anchor


def test_unique_anchor_numbers_empty_and_taken_ids() -> None:
    used: set[str] = {"api-di-zhi"}
    assert [unique_anchor(a, used) for a in ("", "", "api", "api", "api_1", "api-di-zhi")] == [
        "_1", "_2", "api", "api_1", "api_2", "api-di-zhi_1"]


def test_split_attr_list() -> None:
    assert split_attr_list("API 地址 { #api-di-zhi }") == ("API 地址", "api-di-zhi")
    assert split_attr_list("Title {: #x .cls }") == ("Title", "x")
    assert split_attr_list("Plain") == ("Plain", "")


HEADINGS = """# 火山引擎

## API 地址 { #api-di-zhi }

## API 地址

## API 地址

## API কী সংগ্রহ করুন

## Überblick & `code`

## 获取帮助

## Model ID
"""


def test_anchors_match_a_real_mkdocs_build(tmp_path: Path) -> None:
    """Build a tiny Material site and compare every heading id with what parse_text predicts."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(HEADINGS, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\nmarkdown_extensions:\n  - attr_list\n  - toc\n",
        encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run([str(mkdocs), "build", "-q", "-f", str(tmp_path / "mkdocs.yml")], check=True,
                   capture_output=True, timeout=120)
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    built = re.findall(r"<h[1-6][^>]*\bid=\"([^\"]*)\"", article)
    predicted = [h.anchor for h in parse_text(HEADINGS).headings]
    assert built == predicted
